/**
 * Reminder policies (提醒规则): when the liaisons of units that have not handed in an instance of a
 * deliverable are reminded, and how. One per campaign (its default) and optionally one per
 * deliverable. See docs/notifications.md.
 */
import { parseTime } from '../deadlines/china-time';
import type { ErrorDetail } from '../errors';
import { CHANNEL_LABELS, CHANNEL_NAMES, type ChannelName } from '../notifications';

/** The overdue notice: so many minutes after the due instant, or at a China time of day on the day after the deadline's. */
export type OverdueAt = { afterMinutes: number } | { nextDayAt: string };

/** China time of day, `HH:mm`; `from` later than `to` spans midnight (22:00–08:00). */
export interface QuietHours {
  from: string;
  to: string;
}

export interface ReminderPolicy {
  /** Reminders before the due instant, in minutes before it (1440 = a day before). */
  offsetsBeforeMinutes: number[];
  /** The overdue notice to liaisons of units still owing; null: none. */
  overdueAt: OverdueAt | null;
  /** The digest to the organizing unit's committee listing the units still owing, at the overdue notice's moment. */
  escalation: boolean;
  /** No reminder is sent within them (China time); null: any time. */
  quietHours: QuietHours | null;
  channels: ChannelName[];
}

export const REMINDER_POLICY_LIMITS = {
  maxOffsets: 5,
  /** 30 days, for reminders before the due instant and the overdue notice after it alike. */
  maxMinutes: 30 * 24 * 60,
} as const;

/** What applies to a campaign's deliverables when the committee set nothing. */
export function defaultReminderPolicy(): ReminderPolicy {
  return {
    offsetsBeforeMinutes: [1440, 120],
    overdueAt: { nextDayAt: '09:00' },
    escalation: true,
    quietHours: { from: '22:00', to: '08:00' },
    channels: ['inbox', 'wechat'],
  };
}

/** GET and PUT /api/campaigns/:campaignId/reminder-policies: the campaign's default and the deliverables that have their own. */
export interface ReminderPoliciesDto {
  campaignDefault: ReminderPolicy;
  overrides: { deliverableId: string; policy: ReminderPolicy }[];
}

/** POST /api/campaigns/:campaignId/reminders: remind now every unit owing the instance in the subtree of `unitId` (default: the whole campaign). */
export interface ManualReminderRequest {
  deliverableId: string;
  periodKey: string;
  unitId?: string;
}

/** How many notices were queued (0 when all were queued by a press within the last minutes). */
export interface ManualReminderResponse {
  queued: number;
}

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isMinutes = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= REMINDER_POLICY_LIMITS.maxMinutes;
const isTime = (value: unknown): value is string => typeof value === 'string' && parseTime(value) !== undefined;

const POLICY_KEYS: readonly string[] = ['offsetsBeforeMinutes', 'overdueAt', 'escalation', 'quietHours', 'channels'] satisfies (keyof ReminderPolicy)[];

/** Keys a policy does not have are refused, as the API refuses unknown fields, not silently dropped. */
function unknownKeys(value: Fields, known: readonly string[], prefix: string): ErrorDetail[] {
  return Object.keys(value)
    .filter((key) => !known.includes(key))
    .map((key) => ({ field: `${prefix}${key}`, message: '不允许的字段' }));
}

function offsetProblems(value: unknown): ErrorDetail[] {
  const field = 'offsetsBeforeMinutes';
  if (!Array.isArray(value)) return [{ field, message: '提前提醒应为分钟数的列表（可为空）' }];
  if (value.length > REMINDER_POLICY_LIMITS.maxOffsets) return [{ field, message: `提前提醒最多 ${REMINDER_POLICY_LIMITS.maxOffsets} 个` }];
  const problems: ErrorDetail[] = [];
  value.forEach((offset, i) => {
    if (!isMinutes(offset)) problems.push({ field: `${field}.${i}`, message: `提前提醒应为 1 到 ${REMINDER_POLICY_LIMITS.maxMinutes} 之间的整数分钟（最多提前 30 天）` });
    else if (value.indexOf(offset) < i) problems.push({ field: `${field}.${i}`, message: '提前提醒时间不能重复' });
  });
  return problems;
}

function overdueProblems(value: unknown): ErrorDetail[] {
  const field = 'overdueAt';
  if (value === null) return [];
  const given = isObject(value) ? Object.keys(value) : [];
  if (given.length !== 1 || !['afterMinutes', 'nextDayAt'].includes(given[0])) {
    return [{ field, message: '逾期提醒应为截止后若干分钟（afterMinutes）或次日某一时刻（nextDayAt）之一，不提醒则为 null' }];
  }
  const overdue = value as Fields;
  if ('afterMinutes' in overdue) {
    return isMinutes(overdue.afterMinutes) ? [] : [{ field: `${field}.afterMinutes`, message: `逾期提醒应在截止后 1 到 ${REMINDER_POLICY_LIMITS.maxMinutes} 分钟（30 天）之内` }];
  }
  return isTime(overdue.nextDayAt) ? [] : [{ field: `${field}.nextDayAt`, message: '次日提醒时刻应为 00:00 到 23:59 之间的 HH:mm' }];
}

function quietProblems(value: unknown): ErrorDetail[] {
  const field = 'quietHours';
  if (value === null) return [];
  if (!isObject(value)) return [{ field, message: '免打扰时段应包含开始（from）和结束（to）时刻，不设置则为 null' }];
  const problems = unknownKeys(value, ['from', 'to'], `${field}.`);
  if (!isTime(value.from)) problems.push({ field: `${field}.from`, message: '免打扰开始时刻应为 00:00 到 23:59 之间的 HH:mm' });
  if (!isTime(value.to)) problems.push({ field: `${field}.to`, message: '免打扰结束时刻应为 00:00 到 23:59 之间的 HH:mm' });
  if (problems.length === 0 && value.from === value.to) problems.push({ field, message: '免打扰开始与结束时刻不能相同' });
  return problems;
}

function channelProblems(value: unknown): ErrorDetail[] {
  const field = 'channels';
  if (!Array.isArray(value)) return [{ field, message: '发送渠道应为列表' }];
  if (value.length === 0) return [{ field, message: '请至少选择一个发送渠道' }];
  const names = CHANNEL_NAMES.map((name) => CHANNEL_LABELS[name]).join('、');
  const problems: ErrorDetail[] = [];
  value.forEach((channel, i) => {
    if (!(CHANNEL_NAMES as readonly unknown[]).includes(channel)) problems.push({ field: `${field}.${i}`, message: `发送渠道只能是${names}` });
    else if (value.indexOf(channel) < i) problems.push({ field: `${field}.${i}`, message: '发送渠道不能重复' });
  });
  return problems;
}

/**
 * What is wrong with a reminder policy, in Chinese, one detail per problem with its field (as in
 * `offsetsBeforeMinutes.1`, relative to the policy); [] when it is valid.
 */
export function validateReminderPolicy(policy: unknown): ErrorDetail[] {
  if (!isObject(policy)) return [{ message: '提醒规则应为对象' }];
  const problems = unknownKeys(policy, POLICY_KEYS, '');
  problems.push(...offsetProblems(policy.offsetsBeforeMinutes), ...overdueProblems(policy.overdueAt));
  if (typeof policy.escalation !== 'boolean') problems.push({ field: 'escalation', message: '未交汇总应为是或否' });
  else if (policy.escalation && policy.overdueAt === null) problems.push({ field: 'escalation', message: '未交汇总与逾期提醒同时发送，请先设置逾期提醒' });
  return [...problems, ...quietProblems(policy.quietHours), ...channelProblems(policy.channels)];
}

/**
 * A valid policy with only its own keys, offsets from the earliest reminder on and channels in
 * their usual order, so that equal policies are stored alike.
 */
export function normalizeReminderPolicy(policy: ReminderPolicy): ReminderPolicy {
  const { overdueAt, quietHours } = policy;
  return {
    offsetsBeforeMinutes: [...policy.offsetsBeforeMinutes].sort((x, y) => y - x),
    overdueAt: overdueAt === null ? null : 'afterMinutes' in overdueAt ? { afterMinutes: overdueAt.afterMinutes } : { nextDayAt: overdueAt.nextDayAt },
    escalation: policy.escalation,
    quietHours: quietHours === null ? null : { from: quietHours.from, to: quietHours.to },
    channels: CHANNEL_NAMES.filter((name) => policy.channels.includes(name)),
  };
}
