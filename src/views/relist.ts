// What a 再掲 names, for the house style to word it (templates/wording.json `relist`): the
// original's No when it was found, else the place the mark as written points at
// (【人材育成・体制強化(1)①の再掲】 → 人材育成・体制強化(1)①), else nothing beyond 再掲 itself.
// So no document prints a raw mark, and every document says it the same way.
import { CLOSE, OPEN } from "../model/relist-brackets.js";
import type { Project } from "../model/schema.js";

export interface RelistRef { no: number | null; place: string | null }

/** The mark without its outer brackets, 再掲 and the words joining them to the place. */
function placeIn(mark: string): string | null {
  let text = mark.trim().replace(/^[※＊]\s*/, "");
  for (let again = true; again;) {
    again = false;
    // 再 alone is 再掲's abbreviation: （再）, （再：No.12）
    // (an empty pair left where 再掲 stood before the place: 【再掲】1-(1)-①)
    text = text.replace(/の?再掲|^再(?![^\s:：])|[※＊]/g, "").replace(/[（(【〔［[＜<〈《‹]\s*[）)】〕］\]＞>〉》›]/gu, "").replace(/^[\s:：]+|[\s:：]+$/g, "");
    if (text.length >= 2 && OPEN.includes(text.charAt(0)) && CLOSE.includes(text.charAt(text.length - 1))) {
      text = text.slice(1, -1);
      again = true;
    }
  }
  return text === "" ? null : text;
}

/** The project's 再掲, or null when it is none. */
export function relistRef(project: Pick<Project, "relistOf" | "relistMark">): RelistRef | null {
  if (project.relistOf !== null) return { no: project.relistOf, place: null };
  return project.relistMark === null ? null : { no: null, place: placeIn(project.relistMark) };
}
