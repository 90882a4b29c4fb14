// A project's description as bullet items: `・` bullets, or the sentences inside `<ul>` residue.
import { cleanText, stripHtml } from "./text.js";

export function splitDescription(raw: string): { items: string[]; tags: string[] } {
  const { text, tags } = stripHtml(raw);
  const hadList = tags.some((t) => /^<\/?(ul|ol|li)\b/i.test(t));
  // A bullet opens the text or follows white space/a line end; 検討・導入 is no bullet.
  if (/(^|[\s\u3000])[・･•]/.test(text)) {
    const items = text.split(/(?:^|[\s\u3000]+)[・･•]/).map(cleanText).filter(Boolean);
    return { items, tags };
  }
  if (text.includes("\n") && !hadList) {
    return { items: text.split(/\n+/).map(cleanText).filter(Boolean), tags };
  }
  if (hadList) {
    // The export flattened <li> into spaces: one item per sentence (。 then white space).
    const items = text.split(/\n+/).flatMap((part) => part.split(/(?<=。)[\s\u3000]+/)).map(cleanText).filter(Boolean);
    return { items, tags };
  }
  const one = cleanText(text);
  return { items: one ? [one] : [], tags };
}
