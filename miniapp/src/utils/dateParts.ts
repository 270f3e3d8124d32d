/** A `YYYY-MM-DD` date or an `HH:mm` time as the parts the h5 date input chooses one by one. */
import { daysInMonth } from '@safemonth/shared';
import { CHINA_OFFSET_MS, pad } from './format';

/** Date: [year, month, day]; time: [hour, minute]. Numbers as text without leading zeros; '' when not chosen. */
export type DateParts = string[];

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})$/;

export function dateParts(mode: 'date' | 'time', value: string): DateParts {
  const match = (mode === 'date' ? DATE : TIME).exec(value);
  if (!match) return mode === 'date' ? ['', '', ''] : ['', ''];
  return match.slice(1).map((part) => String(Number(part)));
}

/** The value of complete, valid parts (`2027-06-05`, `08:05`); '' otherwise. */
export function joinDateParts(mode: 'date' | 'time', parts: DateParts): string {
  if (parts.some((part) => part === '')) return '';
  const [a, b, c] = parts.map(Number);
  if (mode === 'time') return a >= 0 && a <= 23 && b >= 0 && b <= 59 ? `${pad(a)}:${pad(b)}` : '';
  return b >= 1 && b <= 12 && c >= 1 && c <= daysInMonth(a, b) ? `${a}-${pad(b)}-${pad(c)}` : '';
}

/** The years offered: five either side of this year in China, and the chosen one wherever it lies. */
export function yearChoices(chosen?: number, now: number = Date.now()): number[] {
  const year = new Date(now + CHINA_OFFSET_MS).getUTCFullYear();
  const years = Array.from({ length: 11 }, (_, i) => year - 5 + i);
  if (chosen && !years.includes(chosen)) years.push(chosen);
  return years.sort((x, y) => x - y);
}
