/**
 * China time as fixed-offset arithmetic: Asia/Shanghai is UTC+8 all year (no daylight saving since
 * 1991), so no time-zone database is needed, which keeps this usable inside the mini program.
 * Calendar days are counted as integers (days since 1970-01-01) so they can be compared and stepped.
 */
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 60 * MINUTE_MS;
/** Minutes after midnight of the end of a day: 24:00, i.e. the next day's 00:00. */
export const END_OF_DAY = 24 * 60;

const DATE = /^([1-9]\d{3})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE_TIME = /^(\S+)(?: (\S+))?$/;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** The China-time calendar date of an instant, `YYYY-MM-DD`. */
export function chinaDay(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** A `YYYY-MM-DD` date as Chinese writes it, `2027年6月5日`; other text as it is. */
export function formatChinaDate(date: string): string {
  const match = DATE.exec(date);
  return match ? `${Number(match[1])}年${Number(match[2])}月${Number(match[3])}日` : date;
}

/** An instant (or an ISO string) as clocks in China show it, `2027年6月5日 09:30`; empty for an invalid one. */
export function formatChinaInstant(instant: Date | string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) return '';
  const shown = new Date(ms + CHINA_OFFSET_MS).toISOString();
  return `${formatChinaDate(shown.slice(0, 10))} ${shown.slice(11, 16)}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function dayNumber({ year, month, day }: CalendarDate): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

export function calendarDate(day: number): CalendarDate {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** The day number of a `YYYY-MM-DD` date, or undefined when it is malformed or does not exist (2021-02-30). */
export function parseDay(text: string): number | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = match.slice(1).map(Number);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) ? dayNumber({ year, month, day }) : undefined;
}

/** Minutes after midnight of an `HH:mm` time (00:00–23:59), or undefined. */
export function parseTime(text: string): number | undefined {
  const match = TIME.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** A `YYYY-MM-DD` or `YYYY-MM-DD HH:mm` moment; `minutes` is undefined when only the date is given. */
export function parseMoment(text: string): { day: number; minutes?: number } | undefined {
  const match = DATE_TIME.exec(text);
  const day = match ? parseDay(match[1]) : undefined;
  if (day === undefined) return undefined;
  if (match![2] === undefined) return { day };
  const minutes = parseTime(match![2]);
  return minutes === undefined ? undefined : { day, minutes };
}

/** Epoch milliseconds of the instant when clocks in China show `minutes` after midnight of `day`. */
export function chinaInstant(day: number, minutes: number): number {
  return day * DAY_MS + minutes * MINUTE_MS - CHINA_OFFSET_MS;
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/** ISO-8601 week of a day, `2022-W23`: weeks start on Monday and belong to the year of their Thursday. */
export function isoWeekKey(day: number): string {
  const thursday = day - isoWeekday(day) + 4;
  const year = calendarDate(thursday).year;
  const week = Math.floor((thursday - dayNumber({ year, month: 1, day: 1 })) / 7) + 1;
  return `${year}-W${pad2(week)}`;
}

export function monthKey(day: number): string {
  const { year, month } = calendarDate(day);
  return `${year}-${pad2(month)}`;
}
