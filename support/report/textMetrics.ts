/**
 * Text widths for laying out SVG text, which does not wrap or shrink by itself. The advance widths
 * are DejaVu Sans's (measured in Chromium, per 100 px of font size): the widest of the sans-serif
 * fonts the diagrams name (Segoe UI, Helvetica and Arial are narrower, and DejaVu Sans is what Linux
 * substitutes for them), so a box sized with these widths holds its text in any of them.
 */

// ASCII 32..126, regular and bold.
const REGULAR = [32, 41, 46, 84, 64, 96, 78, 28, 40, 40, 50, 84, 32, 37, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34, 84, 84, 84, 54, 100, 69, 69, 70, 78, 64, 58, 78, 76, 30, 30, 66, 56, 87, 75, 79, 61, 79, 70, 64, 62, 74, 69, 99, 69, 62, 69, 40, 34, 40, 84, 50, 50, 62, 64, 55, 64, 62, 36, 64, 64, 28, 28, 58, 28, 98, 64, 62, 64, 64, 42, 53, 40, 64, 60, 82, 60, 60, 53, 64, 34, 64, 84];
const BOLD = [35, 46, 53, 84, 70, 101, 88, 31, 46, 46, 53, 84, 38, 42, 38, 37, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 40, 40, 84, 84, 84, 59, 100, 78, 77, 74, 84, 69, 69, 83, 84, 38, 38, 78, 64, 100, 84, 86, 74, 86, 78, 73, 69, 82, 78, 111, 78, 73, 73, 46, 37, 46, 84, 50, 50, 68, 72, 60, 72, 68, 44, 72, 72, 35, 35, 67, 35, 105, 72, 69, 72, 72, 50, 60, 48, 72, 66, 93, 65, 66, 59, 72, 37, 72, 84];
/** Outside ASCII: a middle dot is narrow; anything else (…, —, arrows, letters with accents) counted as a full em. */
const NARROW: Readonly<Record<string, number>> = { '·': 38 };

export interface TextStyle { readonly size: number; readonly bold?: boolean }

/** The width in px of `text` at this size, never less than DejaVu Sans draws it. */
export function textWidth(text: string, style: TextStyle): number {
  const table = style.bold ? BOLD : REGULAR;
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    units += code >= 32 && code < 127 ? (table[code - 32] ?? 100) : (NARROW[ch] ?? 100);
  }
  return (units * style.size) / 100;
}

/** The longest prefix of `text` that fits `width`, with an ellipsis when cut. */
export function fitText(text: string, width: number, style: TextStyle): string {
  if (textWidth(text, style) <= width) return text;
  const chars = Array.from(text);
  for (let n = chars.length - 1; n > 0; n -= 1) {
    const cut = `${chars.slice(0, n).join('')}…`;
    if (textWidth(cut, style) <= width) return cut;
  }
  return '…';
}

/** Word-wrap to `width`; `name=value` longer than a line is broken after the `=`, a word longer than a line cut with an ellipsis. */
export function wrapText(paragraphs: string, width: number, style: TextStyle): string[] {
  return paragraphs.split('\n').flatMap((paragraph) => {
    const lines: string[] = [];
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const joined = line ? `${line} ${word}` : word;
      if (textWidth(joined, style) <= width) {
        line = joined;
        continue;
      }
      if (line) lines.push(line);
      // `Attribute=value` too long for a line: the value goes on a line of its own.
      const split = /^([^=]+=)(.+)$/.exec(word);
      if (split?.[1] && split[2] && textWidth(word, style) > width) {
        lines.push(fitText(split[1], width, style));
        line = fitText(split[2], width, style);
      } else {
        line = fitText(word, width, style);
      }
    }
    return line ? [...lines, line] : lines;
  });
}
