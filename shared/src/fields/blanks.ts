/**
 * Where the blanks of an official table cell are: the one blank finder, read by the parser (which
 * field each blank is) and by the filler (the cell with its values written in).
 */
const SPACE = String.raw`[^\S\r\n]*`;
// A blank: brackets, full-width or ASCII in any mix, with only spaces inside (never a line break).
const BLANK = String.raw`[（(]${SPACE}[）)]`;
const BOX = `(?:${BLANK}|[□☐])`;
const PAIR_GAP = String.raw`${SPACE}[/／、，,]?${SPACE}`;
// Yes/no pairs come first in the alternation so that their two boxes are never read as two fields.
const SLOT = new RegExp(`(${BOX}${SPACE}是${PAIR_GAP}${BOX}${SPACE}否|是${SPACE}${BOX}${PAIR_GAP}否${SPACE}${BOX})|${BLANK}`, 'g');
const BOXES = new RegExp(BOX, 'g');

/** One blank, or one yes/no pair of boxes (`yesNo`), at `start`…`end` of the text. */
export interface Slot {
  start: number;
  end: number;
  yesNo: boolean;
}

/** The blanks of a plain-text cell in order of appearance; a yes/no pair is one slot. */
export function findSlots(text: string): Slot[] {
  const slots: Slot[] = [];
  SLOT.lastIndex = 0;
  for (let match = SLOT.exec(text); match; match = SLOT.exec(text)) {
    slots.push({ start: match.index, end: match.index + match[0].length, yesNo: match[1] !== undefined });
  }
  return slots;
}

/** The two boxes of a yes/no pair's text, the yes box first (both shapes put it first), as offsets into it. */
export function pairBoxes(pair: string): [{ start: number; end: number }, { start: number; end: number }] {
  const boxes = [...pair.matchAll(BOXES)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
  return [boxes[0], boxes[1]];
}
