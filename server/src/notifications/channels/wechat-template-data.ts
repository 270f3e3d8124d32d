import { chinaDay, formatChinaDate, formatChinaInstant } from '@safemonth/shared';

/** One field of a subscribe-message template: WeChat's key (`thing1`, `time2`…) and the fact it shows. */
export interface TemplateField {
  key: string;
  fact: string;
}

/** A template's fields as the configuration writes them, `thing1=item,time2=dueAt` (validated there). */
export function parseTemplateLayout(text: string): TemplateField[] {
  return text.split(',').map((pair) => {
    const [key, fact] = pair.split('=');
    return { key, fact };
  });
}

/** WeChat refuses an empty value (47003): what a field shows when its fact is missing. */
const NOTHING = '无';
const CJK = /\p{Script=Han}/u;

/** At most `max` characters (code points, as WeChat counts), the last one an ellipsis when cut. */
function cut(text: string, max: number, ellipsis = true): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return ellipsis ? `${chars.slice(0, max - 1).join('')}…` : chars.slice(0, max).join('');
}

function keep(text: string, allowed: RegExp, max: number): string {
  return cut(Array.from(text).filter((char) => allowed.test(char)).join(''), max, false);
}

/** An ISO instant or a `YYYY-MM-DD` date as WeChat's time and date fields want them; other text as it is. */
function asInstant(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return null;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/**
 * A value made to fit its field's type (the part of the key before the digits), within the limits
 * WeChat sets for it: a value beyond them makes WeChat refuse the whole message (47003).
 * `now` stands in for a missing time or date.
 */
export function fitTemplateValue(key: string, raw: string | undefined, now: Date): string {
  const type = key.replace(/\d+$/, '');
  const value = (raw ?? '').replace(/\s+/g, ' ').trim();
  switch (type) {
    case 'time': {
      const instant = value ? asInstant(value) : now;
      return instant ? formatChinaInstant(instant) : cut(value, 20, false);
    }
    case 'date': {
      const instant = value ? asInstant(value) : now;
      return formatChinaDate(instant ? chinaDay(instant) : value);
    }
    case 'thing':
      return cut(value, 20) || NOTHING;
    case 'short_thing':
      return cut(value, 5) || NOTHING;
    // Chinese only, 5 at most.
    case 'phrase':
      return keep(value, CJK, 5) || NOTHING;
    // 10 Chinese characters, or 20 letters.
    case 'name':
      return cut(value, CJK.test(value) ? 10 : 20, false) || NOTHING;
    case 'character_string':
      return keep(value, /[\x21-\x7e]/, 32) || '-';
    case 'number':
      return keep(value, /[\d.]/, 32) || '0';
    case 'letter':
      return keep(value, /[A-Za-z]/, 32) || '-';
    case 'symbol':
      return cut(value, 5, false) || '-';
    case 'phone_number':
      return keep(value, /[\d+\-() ]/, 17) || '-';
    case 'car_number':
      return cut(value, 8, false) || '-';
    default:
      return cut(value, 20) || NOTHING;
  }
}

/** The `data` of a subscribe message: each field of the layout filled from the facts and fitted to its type. */
export function templateData(layout: TemplateField[], facts: Record<string, string>, now: Date): Record<string, { value: string }> {
  return Object.fromEntries(layout.map(({ key, fact }) => [key, { value: fitTemplateValue(key, facts[fact], now) }]));
}
