// The brackets a 再掲 mark is written in — （再掲）, 【人材育成・体制強化(1)①の再掲】, 〔再掲〕 — as
// `relistMark` keeps them: normalise/ finds marks by them, views/ takes them off to word a mark
// in the house style. One list, so a bracket read as a mark is also one a document can word.
// ＜再掲＞ and 〈再掲〉 too, and the odd pair an export makes of them (‹再掲>).
export const OPEN = "（(【〔［[＜<〈《‹";
export const CLOSE = "）)】〕］]＞>〉》›";
