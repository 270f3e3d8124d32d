import { chinaDay, formatChinaDate, formatChinaInstant } from '../deadlines/china-time';

/**
 * A due instant as reminders write it, in China time: `2027年6月9日 18:00`; one at midnight is
 * 24:00 of the day before, as deadlines without a time are written (`2027年6月9日 24:00`).
 */
export function formatDueAt(dueAt: string): string {
  const due = new Date(dueAt);
  const shown = formatChinaInstant(due);
  return shown.endsWith(' 00:00') ? `${formatChinaDate(chinaDay(new Date(due.getTime() - 1)))} 24:00` : shown;
}

/** An instance's period as people say it: `2027年第23周`, `2027年7月`; a one-off deadline has none (''). */
export function formatPeriod(periodKey: string): string {
  const week = /^(\d{4})-W(\d{2})$/.exec(periodKey);
  if (week) return `${week[1]}年第${Number(week[2])}周`;
  const month = /^(\d{4})-(\d{2})$/.exec(periodKey);
  if (month) return `${month[1]}年${Number(month[2])}月`;
  return '';
}
