import { instancesOf, type DeadlineInstance, type DeadlineRule } from './rules';
import { validateDeadlineRule } from './validate';

/**
 * Every occurrence of a rule, in time order. All computed in China time (UTC+8):
 * - a date without a time is due at 24:00 China time of that day (the next day's 00:00, i.e. 16:00Z
 *   of that day), and "due" means strictly before that instant: the whole day counts;
 * - once: periodKey `once`; opens at `opens` (a date alone: its 00:00) or, when unset,
 *   {@link ONCE_DEFAULT_OPEN_DAYS} days before the due day's 00:00;
 * - weekly: every date from `from` to `until` (inclusive) on the ISO weekday, periodKey the ISO week
 *   (`2022-W23`);
 * - monthly: the day in every month from `from` to `until`, clamped to the month's last day
 *   (31 → 30 June, → 28 or 29 February) and kept only when within the range; periodKey `2020-07`;
 * - periodic instances open when the one before falls due, the first at `from` 00:00.
 * Throws when the rule is invalid (the message lists {@link validateDeadlineRule}'s problems).
 */
export function deadlineInstances(rule: DeadlineRule): DeadlineInstance[] {
  const problems = validateDeadlineRule(rule);
  if (problems.length > 0) throw new Error(problems.join('；'));
  return instancesOf(rule);
}

/** The instance of all rules that falls due first after `now` (the earlier rule wins a tie); undefined when all are past. */
export function nextDeadline(rules: { id: string; rule: DeadlineRule }[], now: Date): { id: string; instance: DeadlineInstance } | undefined {
  let next: { id: string; instance: DeadlineInstance; due: number } | undefined;
  for (const { id, rule } of rules) {
    for (const instance of deadlineInstances(rule)) {
      const due = Date.parse(instance.dueAt);
      if (due > now.getTime() && (next === undefined || due < next.due)) next = { id, instance, due };
    }
  }
  return next && { id: next.id, instance: next.instance };
}
