import { chinaDay, chinaInstant, parseDay, parseTime } from '../deadlines/china-time';
import type { QuietHours, ReminderPolicy } from './policy';

const MINUTE_MS = 60_000;

/** Which reminder of an instance: one before the due instant (minutes before it), the overdue notice, the committee's digest. */
export type ReminderMoment = `before:${number}` | 'overdue' | 'escalation';

/** China day number and minutes after its midnight of an instant. */
function chinaClock(epochMs: number): { day: number; minutes: number } {
  const day = parseDay(chinaDay(new Date(epochMs)))!;
  return { day, minutes: (epochMs - chinaInstant(day, 0)) / MINUTE_MS };
}

/** The quiet period holding the instant (start inclusive, end exclusive), or undefined when it is outside quiet hours. */
function quietPeriod(epochMs: number, quiet: QuietHours): { start: number; end: number } | undefined {
  const [from, to] = [parseTime(quiet.from)!, parseTime(quiet.to)!];
  const { day, minutes } = chinaClock(epochMs);
  if (from < to) return minutes >= from && minutes < to ? { start: chinaInstant(day, from), end: chinaInstant(day, to) } : undefined;
  // Spanning midnight: the evening's part runs into the next day, the morning's began the day before.
  if (minutes >= from) return { start: chinaInstant(day, from), end: chinaInstant(day + 1, to) };
  if (minutes < to) return { start: chinaInstant(day - 1, from), end: chinaInstant(day, to) };
  return undefined;
}

/**
 * When the reminders of an instance due at `dueAt` go out under `policy`, in time order:
 * - each offset's instant before the due instant; one within quiet hours waits until they end,
 *   unless they end at or after the due instant: then it goes the last minute before they began
 *   (earlier than planned, as a reminder at or after the deadline is no use). Two that land on the
 *   same instant are one (the earlier planned's name);
 * - the overdue notice: `afterMinutes` after the due instant, or at `nextDayAt` China time on the
 *   day after the deadline's day (a deadline at 24:00 is its day's, not the next one's); within
 *   quiet hours it waits until they end;
 * - the committee's digest (`escalation`) at the overdue notice's instant.
 */
export function reminderMoments(dueAt: string, policy: ReminderPolicy): { moment: ReminderMoment; at: string }[] {
  const due = Date.parse(dueAt);
  const quiet = (at: number) => (policy.quietHours ? quietPeriod(at, policy.quietHours) : undefined);
  const moments: { moment: ReminderMoment; at: number }[] = [];
  for (const offset of [...policy.offsetsBeforeMinutes].sort((x, y) => y - x)) {
    const planned = due - offset * MINUTE_MS;
    const period = quiet(planned);
    const at = !period ? planned : period.end < due ? period.end : period.start - MINUTE_MS;
    if (!moments.some((m) => m.at === at)) moments.push({ moment: `before:${offset}`, at });
  }
  if (policy.overdueAt) {
    const planned =
      'afterMinutes' in policy.overdueAt
        ? due + policy.overdueAt.afterMinutes * MINUTE_MS
        : chinaInstant(chinaClock(due - 1).day + 1, parseTime(policy.overdueAt.nextDayAt)!);
    const at = quiet(planned)?.end ?? planned;
    moments.push({ moment: 'overdue', at });
    if (policy.escalation) moments.push({ moment: 'escalation', at });
  }
  return moments.sort((x, y) => x.at - y.at).map(({ moment, at }) => ({ moment, at: new Date(at).toISOString() }));
}
