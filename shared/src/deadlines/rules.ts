import { calendarDate, type CalendarDate, chinaInstant, daysInMonth, dayNumber, END_OF_DAY, isoWeekday, isoWeekKey, monthKey, parseDay, parseMoment, parseTime } from './china-time';

/**
 * When a deliverable is due, in China time. Dates are `YYYY-MM-DD`, times `HH:mm`; a date without a
 * time means the end of that day (see {@link deadlineInstances}).
 */
export type DeadlineRule =
  | { kind: 'once'; due: string; opens?: string }
  | { kind: 'weekly'; weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7; time?: string; from: string; until: string }
  | { kind: 'monthly'; day: number; time?: string; from: string; until: string };

/** One occurrence of a rule: deliveries between `opensAt` (inclusive) and `dueAt` (exclusive) count for `periodKey`. */
export interface DeadlineInstance {
  periodKey: string;
  opensAt: string;
  dueAt: string;
}

/** How long before its day a one-off deadline opens when the rule does not say. */
export const ONCE_DEFAULT_OPEN_DAYS = 30;

function isoInstant(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** A date alone is due at 24:00 China time of that day; a date with a time at that minute. */
function dueInstant(day: number, minutes: number | undefined): number {
  return chinaInstant(day, minutes ?? END_OF_DAY);
}

/** Periodic instances: each opens when the one before falls due, the first at `from` 00:00. */
function chain(dueDays: number[], from: number, time: string | undefined, periodKey: (day: number) => string): DeadlineInstance[] {
  const minutes = time === undefined ? undefined : parseTime(time);
  let opens = chinaInstant(from, 0);
  return dueDays.map((day) => {
    const due = dueInstant(day, minutes);
    const instance = { periodKey: periodKey(day), opensAt: isoInstant(opens), dueAt: isoInstant(due) };
    opens = due;
    return instance;
  });
}

function weeklyDays(weekday: number, from: number, until: number): number[] {
  const days: number[] = [];
  for (let day = from + ((weekday - isoWeekday(from) + 7) % 7); day <= until; day += 7) days.push(day);
  return days;
}

/** The given day of every month between from and until; a day the month lacks becomes its last day (31 → 30 June, 28/29 February). */
function monthlyDays(dayOfMonth: number, from: number, until: number): number[] {
  const days: number[] = [];
  const monthIndex = ({ year, month }: CalendarDate) => year * 12 + month - 1;
  for (let index = monthIndex(calendarDate(from)); index <= monthIndex(calendarDate(until)); index++) {
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    const day = dayNumber({ year, month, day: Math.min(dayOfMonth, daysInMonth(year, month)) });
    if (day >= from && day <= until) days.push(day);
  }
  return days;
}

/** The instances of a rule that has passed validation, in time order. */
export function instancesOf(rule: DeadlineRule): DeadlineInstance[] {
  if (rule.kind === 'once') {
    const due = parseMoment(rule.due)!;
    const opens = rule.opens === undefined ? undefined : parseMoment(rule.opens)!;
    const opensAt = opens ? chinaInstant(opens.day, opens.minutes ?? 0) : chinaInstant(due.day - ONCE_DEFAULT_OPEN_DAYS, 0);
    return [{ periodKey: 'once', opensAt: isoInstant(opensAt), dueAt: isoInstant(dueInstant(due.day, due.minutes)) }];
  }
  const from = parseDay(rule.from)!;
  const until = parseDay(rule.until)!;
  return rule.kind === 'weekly'
    ? chain(weeklyDays(rule.weekday, from, until), from, rule.time, isoWeekKey)
    : chain(monthlyDays(rule.day, from, until), from, rule.time, monthKey);
}
