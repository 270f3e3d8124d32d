import { CampaignPhase, DeadlineRule } from '@safemonth/shared';

/** A `YYYY-MM-DD[ HH:mm]` moved by whole years; 29 February becomes the 28th in a common year. */
export function shiftDate(value: string, years: number): string {
  const [, y, m, d, rest] = /^(\d{4})-(\d{2})-(\d{2})(.*)$/.exec(value) ?? [];
  if (!y) return value;
  const year = Number(y) + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === '02' && d === '29' && !leap ? '28' : d;
  return `${String(year).padStart(4, '0')}-${m}-${day}${rest}`;
}

/** The same rule a number of years later: same weekday or day of month, dates moved. */
export function shiftRule(rule: DeadlineRule, years: number): DeadlineRule {
  if (rule.kind === 'once') {
    return { ...rule, due: shiftDate(rule.due, years), ...(rule.opens ? { opens: shiftDate(rule.opens, years) } : {}) };
  }
  return { ...rule, from: shiftDate(rule.from, years), until: shiftDate(rule.until, years) };
}

export function shiftPhases(phases: CampaignPhase[], years: number): CampaignPhase[] {
  return phases.map((p) => ({ ...p, start: shiftDate(p.start, years), end: shiftDate(p.end, years) }));
}

/** A title's year, where it names the old one, becomes the new one. */
export function shiftTitle(title: string, from: number, to: number): string {
  return title.replace(new RegExp(`(?<!\\d)${from}(?!\\d)`, 'g'), String(to));
}
