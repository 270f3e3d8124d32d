import { findSlots, pairBoxes } from './blanks';
import { htmlToText } from './html';

/** A field's value as it goes into its blank: a count, a yes/no answer, a text answer; null: none yet. */
export type BlankValue = number | boolean | string | null;

export interface FilledCell {
  /** The cell as plain text (HTML read as text) with the values written into its blanks. */
  text: string;
  /** How many of the values found a blank: those after them have none in the text. */
  placed: number;
}

/** A bracket blank with `value` inside, in the blank's own brackets (`（ ）` → `（3）`, `( )` → `(3)`). */
const inBrackets = (blank: string, value: string) => `${blank[0]}${value}${blank[blank.length - 1]}`;
/** A ticked box: a bracket box holds √, a square box becomes ☑. */
const ticked = (box: string) => (box.length === 1 ? '☑' : inBrackets(box, '√'));

/**
 * The cell's text with each blank filled, in order, by the value of its field (the fields being the
 * blanks in order, as `parseFieldText` reads them): counts `（3）`, yes/no pairs with the chosen box
 * ticked (`是（√）否（ ）`, `☑是□否`), text answers `（典型案例…）`. A null value leaves its blank as
 * it is; a yes/no pair takes only a boolean, and a single blank given one reads 是 or 否.
 */
export function fillBlanks(text: string, values: readonly BlankValue[]): FilledCell {
  const plain = htmlToText(text);
  const slots = findSlots(plain);
  let filled = '';
  let from = 0;
  slots.forEach((slot, index) => {
    const value = values[index] ?? null;
    const blank = plain.slice(slot.start, slot.end);
    filled += plain.slice(from, slot.start);
    if (slot.yesNo) {
      if (typeof value !== 'boolean') filled += blank;
      else {
        const box = pairBoxes(blank)[value ? 0 : 1];
        filled += blank.slice(0, box.start) + ticked(blank.slice(box.start, box.end)) + blank.slice(box.end);
      }
    } else if (value === null) {
      filled += blank;
    } else {
      filled += inBrackets(blank, typeof value === 'boolean' ? (value ? '是' : '否') : String(value));
    }
    from = slot.end;
  });
  return { text: filled + plain.slice(from), placed: Math.min(values.length, slots.length) };
}
