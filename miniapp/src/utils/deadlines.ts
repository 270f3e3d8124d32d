/**
 * Deadlines as people read them, in China time (UTC+8, no daylight saving). The rules themselves and
 * their instances come from '@safemonth/shared'; this only formats them.
 */
import { deadlineInstances, deadlineUrgency, formatChinaDate, type DeadlineInstance, type DeadlineRule } from '@safemonth/shared';
import { CHINA_OFFSET_MS, pad } from './format';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** 周一 … 周日, by ISO weekday (1 = Monday). */
export const WEEKDAY_LABELS: Record<number, string> = { 1: '周一', 2: '周二', 3: '周三', 4: '周四', 5: '周五', 6: '周六', 7: '周日' };

interface ChinaParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
}

function chinaParts(epochMs: number): ChinaParts {
  const t = new Date(epochMs + CHINA_OFFSET_MS);
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
    weekday: ((t.getUTCDay() + 6) % 7) + 1,
  };
}

/** A due instant as the notices write it: 00:00 China time is 24:00 of the day before (a date without a time). */
function dueParts(iso: string): ChinaParts | undefined {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  const parts = chinaParts(ms);
  if (parts.hour === 0 && parts.minute === 0) return { ...chinaParts(ms - DAY_MS), hour: 24, minute: 0 };
  return parts;
}

/** "6月4日 18:00"; a date without a time: "6月4日 24:00". */
export function formatDueShort(iso: string): string {
  const p = dueParts(iso);
  return p ? `${p.month}月${p.day}日 ${pad(p.hour)}:${pad(p.minute)}` : '';
}

/** "2022年6月8日 周三 24:00". */
export function formatDueLong(iso: string): string {
  const p = dueParts(iso);
  return p ? `${p.year}年${p.month}月${p.day}日 ${WEEKDAY_LABELS[p.weekday]} ${pad(p.hour)}:${pad(p.minute)}` : '';
}

/** The classes that colour a deadline by nearness (red under a day, amber under three, neutral beyond). */
export function urgencyClass(dueAt: string, now: number): string {
  return `urgency urgency--${deadlineUrgency(dueAt, now)}`;
}

/** "还剩 3 天" (whole days left), "还剩不到 1 天", or "已截止". */
export function daysLeftText(dueAt: string, now: number): string {
  const left = Date.parse(dueAt) - now;
  if (!(left > 0)) return '已截止';
  const days = Math.floor(left / DAY_MS);
  return days >= 1 ? `还剩 ${days} 天` : '还剩不到 1 天';
}

/** The time left until `dueAt`: "2 天 3 小时", "3 小时 20 分钟", "20 分钟", "不到 1 分钟". */
export function countdownText(dueAt: string, now: number): string {
  const left = Math.max(Date.parse(dueAt) - now, 0);
  const days = Math.floor(left / DAY_MS);
  const hours = Math.floor((left % DAY_MS) / HOUR_MS);
  const minutes = Math.floor((left % HOUR_MS) / MINUTE_MS);
  if (days > 0) return `${days} 天 ${hours} 小时`;
  if (hours > 0) return `${hours} 小时 ${minutes} 分钟`;
  return minutes > 0 ? `${minutes} 分钟` : '不到 1 分钟';
}

/** "6月4日 18:00" from a rule's `YYYY-MM-DD[ HH:mm]`. */
function writtenMoment(text: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}:\d{2}))?$/.exec(text);
  if (!match) return text;
  return `${Number(match[2])}月${Number(match[3])}日${match[4] ? ` ${match[4]}` : ''}`;
}

/** The rule in words: "6月4日 18:00 前", "每周三前（2022年6月1日 至 2022年7月31日）", "每月 28 日 18:00 前（…）". */
export function describeRule(rule: DeadlineRule): string {
  if (rule.kind === 'once') return `${writtenMoment(rule.due)}${rule.due.includes(' ') ? ' ' : ''}前`;
  const time = rule.time ? ` ${rule.time} ` : '';
  const when = rule.kind === 'weekly' ? `每${WEEKDAY_LABELS[rule.weekday] ?? ''}` : `每月 ${rule.day} 日`;
  return `${when}${time}前（${formatChinaDate(rule.from)} 至 ${formatChinaDate(rule.until)}）`;
}

/** The instances of a rule; none when the rule is invalid (the page still shows the rest). */
export function safeInstances(rule: DeadlineRule): DeadlineInstance[] {
  try {
    return deadlineInstances(rule);
  } catch {
    return [];
  }
}
