// The paper sizes a theme's page set-ups may name: their size in pt (portrait) and the number
// Excel's page set-up gives each. B4 and B5 are JIS B sizes (257 × 364 mm, 182 × 257 mm), which
// Japanese offices print on; the PDF libraries' own "B4" is ISO B (250 × 353 mm), so planpress
// gives pdfmake the size in pt, never the name.
export const PAPER = {
  A4: { pt: [595.28, 841.89], excel: 9 },
  A3: { pt: [841.89, 1190.55], excel: 8 },
  B4: { pt: [728.5, 1031.81], excel: 12 },
  B5: { pt: [515.91, 728.5], excel: 13 },
} as const;
export type Paper = keyof typeof PAPER;
export const PAPERS = Object.keys(PAPER) as [Paper, ...Paper[]];

/** A paper's width and height in pt in an orientation. */
export function paperSize(paper: Paper, orientation: "portrait" | "landscape"): [number, number] {
  const [short, long] = PAPER[paper].pt;
  return orientation === "portrait" ? [short, long] : [long, short];
}
