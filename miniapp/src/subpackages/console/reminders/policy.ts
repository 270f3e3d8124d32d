/**
 * The reminder policies as the 提醒设置 form edits them: durations as an amount with a unit (hours
 * read better than minutes), the optional parts with a switch, and the shared rules' and the
 * server's error details placed next to the fields they name.
 */
import { validateReminderPolicy, type ChannelName, type ErrorDetail, type ReminderPoliciesDto, type ReminderPolicy } from '@safemonth/shared';

export type TimeUnit = 'hours' | 'minutes';
export const TIME_UNIT_LABELS: Record<TimeUnit, string> = { hours: '小时', minutes: '分钟' };

/** A number of minutes as typed: the amount (text, as in the input) and its unit. */
export interface DurationDraft {
  amount: string;
  unit: TimeUnit;
}

export type OverdueMode = 'none' | 'after' | 'nextDay';

export interface PolicyDraft {
  offsets: DurationDraft[];
  overdue: OverdueMode;
  /** Kept while another mode is chosen, so that switching back finds it. */
  overdueAfter: DurationDraft;
  overdueNextDayAt: string;
  escalation: boolean;
  quiet: boolean;
  quietFrom: string;
  quietTo: string;
  channels: ChannelName[];
}

/** The form: the campaign's default, and the deliverables that have their own (by id). */
export interface PoliciesDraft {
  campaignDefault: PolicyDraft;
  own: Record<string, PolicyDraft>;
}

/** Messages by field, relative to one policy (`offsetsBeforeMinutes.1`, `quietHours.from`; '' for the policy as a whole). */
export type PolicyProblems = Record<string, string[]>;

export interface PoliciesProblems {
  campaignDefault: PolicyProblems;
  own: Record<string, PolicyProblems>;
  /** What names no policy of the form. */
  other: string[];
}

const durationOf = (minutes: number): DurationDraft => (minutes % 60 === 0 ? { amount: String(minutes / 60), unit: 'hours' } : { amount: String(minutes), unit: 'minutes' });

/** Minutes of a typed duration; NaN when it is no number, which the shared rules then refuse. */
const minutesOf = (duration: DurationDraft): number => {
  const text = duration.amount.trim();
  const amount = text === '' ? Number.NaN : Number(text);
  return duration.unit === 'hours' ? Math.round(amount * 60 * 1000) / 1000 : amount;
};

export function draftOf(policy: ReminderPolicy): PolicyDraft {
  const { overdueAt, quietHours } = policy;
  return {
    offsets: policy.offsetsBeforeMinutes.map(durationOf),
    overdue: overdueAt === null ? 'none' : 'afterMinutes' in overdueAt ? 'after' : 'nextDay',
    overdueAfter: overdueAt && 'afterMinutes' in overdueAt ? durationOf(overdueAt.afterMinutes) : { amount: '2', unit: 'hours' },
    overdueNextDayAt: overdueAt && 'nextDayAt' in overdueAt ? overdueAt.nextDayAt : '09:00',
    escalation: policy.escalation,
    quiet: quietHours !== null,
    quietFrom: quietHours?.from ?? '22:00',
    quietTo: quietHours?.to ?? '08:00',
    channels: [...policy.channels],
  };
}

export function policyOf(draft: PolicyDraft): ReminderPolicy {
  return {
    offsetsBeforeMinutes: draft.offsets.map(minutesOf),
    overdueAt: draft.overdue === 'none' ? null : draft.overdue === 'after' ? { afterMinutes: minutesOf(draft.overdueAfter) } : { nextDayAt: draft.overdueNextDayAt },
    escalation: draft.escalation,
    quietHours: draft.quiet ? { from: draft.quietFrom, to: draft.quietTo } : null,
    channels: draft.channels,
  };
}

/** The form as the server sent it; deliverables that are no longer the campaign's are left out. */
export function policiesDraftOf(saved: ReminderPoliciesDto, deliverableIds: string[]): PoliciesDraft {
  const own: Record<string, PolicyDraft> = {};
  for (const { deliverableId, policy } of saved.overrides) if (deliverableIds.includes(deliverableId)) own[deliverableId] = draftOf(policy);
  return { campaignDefault: draftOf(saved.campaignDefault), own };
}

/** What is sent: the default, then the deliverables' own in the campaign's order. */
export function policiesRequest(form: PoliciesDraft, deliverableIds: string[]): ReminderPoliciesDto {
  return {
    campaignDefault: policyOf(form.campaignDefault),
    overrides: deliverableIds.flatMap((deliverableId) => {
      const draft = form.own[deliverableId];
      return draft ? [{ deliverableId, policy: policyOf(draft) }] : [];
    }),
  };
}

function add(problems: PolicyProblems, field: string, message: string) {
  problems[field] = [...(problems[field] ?? []), message];
}

/** One policy's details by field (relative to the policy). */
export function problemsByField(details: ErrorDetail[]): PolicyProblems {
  const problems: PolicyProblems = {};
  for (const detail of details) add(problems, detail.field ?? '', detail.message);
  return problems;
}

/** What the shared rules find wrong in the form, by policy and field; empty when it may be sent. */
export function formProblems(form: PoliciesDraft, deliverableIds: string[]): PoliciesProblems {
  const own: Record<string, PolicyProblems> = {};
  for (const id of deliverableIds) {
    const draft = form.own[id];
    const found = draft ? validateReminderPolicy(policyOf(draft)) : [];
    if (found.length) own[id] = problemsByField(found);
  }
  return { campaignDefault: problemsByField(validateReminderPolicy(policyOf(form.campaignDefault))), own, other: [] };
}

export const hasProblems = (problems: PoliciesProblems) =>
  Object.keys(problems.campaignDefault).length > 0 || Object.keys(problems.own).length > 0 || problems.other.length > 0;

/**
 * Places the server's details (`campaignDefault.channels`, `overrides.1.policy.quietHours.from`,
 * `overrides.1.deliverableId`) next to the policies they name in what was sent; the rest is `other`.
 */
export function placeServerDetails(details: ErrorDetail[], sent: ReminderPoliciesDto): PoliciesProblems {
  const placed: PoliciesProblems = { campaignDefault: {}, own: {}, other: [] };
  for (const detail of details) {
    const field = detail.field ?? '';
    const ofDefault = /^campaignDefault(?:\.(.+))?$/.exec(field);
    const ofOverride = /^overrides\.(\d+)(?:\.policy)?(?:\.(.+))?$/.exec(field);
    const deliverableId = ofOverride ? sent.overrides[Number(ofOverride[1])]?.deliverableId : undefined;
    if (ofDefault) add(placed.campaignDefault, ofDefault[1] ?? '', detail.message);
    else if (ofOverride && deliverableId) {
      const relative = ofOverride[2] === 'deliverableId' ? '' : (ofOverride[2] ?? '');
      add((placed.own[deliverableId] ??= {}), relative, detail.message);
    } else placed.other.push(detail.message);
  }
  return placed;
}

/** The messages for a field and those under it (`channels` with `channels.2`), e.g. to show under a group of inputs. */
export function messagesUnder(problems: PolicyProblems | undefined, field: string): string[] {
  if (!problems) return [];
  return Object.entries(problems)
    .filter(([key]) => key === field || key.startsWith(`${field}.`))
    .flatMap(([, messages]) => messages);
}

/** The messages the form's fields do not show (unknown keys, the policy as a whole). */
export function messagesElsewhere(problems: PolicyProblems | undefined, shown: string[]): string[] {
  if (!problems) return [];
  return Object.entries(problems)
    .filter(([key]) => !shown.some((field) => key === field || key.startsWith(`${field}.`)))
    .flatMap(([, messages]) => messages);
}
