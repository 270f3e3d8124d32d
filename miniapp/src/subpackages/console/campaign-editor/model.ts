/**
 * The editor's working copies of a campaign's items and deliverables, and how they become requests
 * and how the server's error details find their way back to them.
 */
import {
  validateDeadlineRule,
  type ActivityItemDto,
  type CampaignDto,
  type DeadlineRule,
  type DeliverableDto,
  type DeliverableKind,
  type ErrorDetail,
  type ImportedActivityItem,
  type ReplaceDeliverablesRequest,
  type ReplaceItemsRequest,
} from '@safemonth/shared';
import type { FieldKind } from '../../../utils/campaigns';

let counter = 0;
/** A key for a row of the editor (React key and the address of its messages). */
export const newKey = (): string => `k${++counter}`;

// --- items -------------------------------------------------------------------------------------

export interface DraftField {
  key: string;
  id?: string;
  kind: FieldKind;
  label: string;
  unit: string;
  /** Units have data in it: it cannot be removed. */
  hasData: boolean;
}

export interface DraftItem {
  key: string;
  id?: string;
  title: string;
  requirement: string;
  fieldText: string;
  fields: DraftField[];
}

export function itemsFromCampaign(items: ActivityItemDto[]): DraftItem[] {
  return items.map((item) => ({
    key: newKey(),
    id: item.id,
    title: item.title,
    requirement: item.requirement,
    fieldText: item.fieldText,
    fields: item.fields.map((field) => ({ key: newKey(), id: field.id, kind: field.kind, label: field.label, unit: field.unit, hasData: field.hasData })),
  }));
}

export function itemsFromImport(items: ImportedActivityItem[]): DraftItem[] {
  return items.map((item) => ({
    key: newKey(),
    title: item.title,
    requirement: item.requirement,
    fieldText: item.fieldText,
    fields: item.fields.map((field) => ({
      key: newKey(),
      kind: field.kind,
      label: field.label,
      unit: field.kind === 'count' ? field.unit : '',
      hasData: false,
    })),
  }));
}

export const emptyItem = (): DraftItem => ({ key: newKey(), title: '', requirement: '', fieldText: '', fields: [] });
export const emptyField = (): DraftField => ({ key: newKey(), kind: 'count', label: '', unit: '', hasData: false });

export const hasDataInItem = (item: DraftItem): boolean => item.fields.some((field) => field.hasData);

/**
 * Pasted items that replace the current ones keep the identity (and so the data) of a current item
 * with the same title, and of its fields with the same label and kind.
 */
export function keepIdentities(pasted: DraftItem[], current: DraftItem[]): DraftItem[] {
  const unused = current.filter((item) => item.id);
  return pasted.map((item) => {
    const match = unused.find((old) => old.title.trim() === item.title.trim());
    if (!match) return item;
    unused.splice(unused.indexOf(match), 1);
    const oldFields = match.fields.filter((field) => field.id);
    return {
      ...item,
      id: match.id,
      fields: item.fields.map((field) => {
        const same = oldFields.find((old) => old.label.trim() === field.label.trim() && old.kind === field.kind);
        if (!same) return field;
        oldFields.splice(oldFields.indexOf(same), 1);
        return { ...field, id: same.id, hasData: same.hasData };
      }),
    };
  });
}

export function itemsRequest(items: DraftItem[]): ReplaceItemsRequest {
  return {
    items: items.map((item) => ({
      ...(item.id ? { id: item.id } : {}),
      title: item.title.trim(),
      requirement: item.requirement.trim(),
      fieldText: item.fieldText,
      fields: item.fields.map((field) => ({
        ...(field.id ? { id: field.id } : {}),
        kind: field.kind,
        label: field.label.trim(),
        unit: field.kind === 'count' ? field.unit.trim() : '',
      })),
    })),
  };
}

/** Whether the drafts would send anything other than the saved items (unsaved edits). */
export const itemsChanged = (drafts: DraftItem[], saved: ActivityItemDto[]): boolean =>
  JSON.stringify(itemsRequest(drafts)) !== JSON.stringify(itemsRequest(itemsFromCampaign(saved)));

/** Messages by row key: an item's key, or `itemKey/fieldKey` for one of its fields. */
export type Problems = Record<string, string[]>;

export const fieldProblemKey = (item: DraftItem, field: DraftField) => `${item.key}/${field.key}`;

function add(problems: Problems, key: string, message: string) {
  (problems[key] ??= []).push(message);
}

/** What must be fixed before the items can be sent. */
export function checkItems(items: DraftItem[]): Problems {
  const problems: Problems = {};
  for (const item of items) {
    if (!item.title.trim()) add(problems, item.key, '请填写活动项目名称');
    for (const field of item.fields) {
      if (!field.label.trim()) add(problems, fieldProblemKey(item, field), '请填写统计项名称');
    }
  }
  return problems;
}

/**
 * Places the server's details (`items.3.fields.1`, `items.3.title`) next to the rows they name in
 * the list that was sent; what names no row is returned as `other`.
 */
export function placeItemDetails(details: ErrorDetail[], sent: DraftItem[]): { problems: Problems; other: string[] } {
  const problems: Problems = {};
  const other: string[] = [];
  for (const detail of details) {
    const match = /^items\.(\d+)(?:\.fields\.(\d+))?/.exec(detail.field ?? '');
    const item = match ? sent[Number(match[1])] : undefined;
    const field = item && match?.[2] !== undefined ? item.fields[Number(match[2])] : undefined;
    if (item && field) add(problems, fieldProblemKey(item, field), detail.message);
    else if (item) add(problems, item.key, detail.message);
    else other.push(detail.message);
  }
  return { problems, other };
}

// --- deliverables --------------------------------------------------------------------------------

export type RuleKind = DeadlineRule['kind'];
type Weekday = Extract<DeadlineRule, { kind: 'weekly' }>['weekday'];

/** A rule as the form holds it: every input as text, whatever the kind. */
export interface RuleDraft {
  kind: RuleKind;
  /** once: YYYY-MM-DD */
  date: string;
  /** HH:mm or '' (end of the day) */
  time: string;
  /** weekly: '1' (Monday) … '7' */
  weekday: string;
  /** monthly: '1' … '31' */
  day: string;
  from: string;
  until: string;
  /** once: kept from the stored rule until the due date changes. */
  opens?: string;
}

export interface DraftDeliverable {
  key: string;
  id?: string;
  kind: DeliverableKind;
  title: string;
  rule: RuleDraft;
}

/** The dates a new rule starts with: the campaign's phases, else June of its year. */
export function defaultRule(campaign: Pick<CampaignDto, 'year' | 'phases'>): RuleDraft {
  const starts = campaign.phases.map((phase) => phase.start).filter(Boolean).sort();
  const ends = campaign.phases.map((phase) => phase.end).filter(Boolean).sort();
  const from = starts[0] ?? `${campaign.year}-06-01`;
  const until = ends[ends.length - 1] ?? `${campaign.year}-06-30`;
  return { kind: 'once', date: until, time: '', weekday: '3', day: '28', from, until };
}

export function ruleDraft(rule: DeadlineRule, fallback: RuleDraft): RuleDraft {
  if (rule.kind === 'once') {
    const [date, time] = rule.due.split(' ');
    return { ...fallback, kind: 'once', date: date ?? '', time: time ?? '', opens: rule.opens };
  }
  const common = { ...fallback, kind: rule.kind, time: rule.time ?? '', from: rule.from, until: rule.until };
  return rule.kind === 'weekly' ? { ...common, weekday: String(rule.weekday) } : { ...common, day: String(rule.day) };
}

/** The rule a draft stands for (possibly invalid: see {@link ruleProblems}). */
export function ruleOf(draft: RuleDraft): DeadlineRule {
  const time = draft.time.trim() ? { time: draft.time.trim() } : {};
  if (draft.kind === 'once') {
    const due = draft.time.trim() ? `${draft.date} ${draft.time.trim()}` : draft.date;
    return { kind: 'once', due, ...(draft.opens ? { opens: draft.opens } : {}) };
  }
  if (draft.kind === 'weekly') {
    return { kind: 'weekly', weekday: Number(draft.weekday) as Weekday, ...time, from: draft.from, until: draft.until };
  }
  const day = draft.day.trim() === '' ? Number.NaN : Number(draft.day);
  return { kind: 'monthly', day, ...time, from: draft.from, until: draft.until };
}

export function ruleProblems(draft: RuleDraft): string[] {
  return validateDeadlineRule(ruleOf(draft));
}

export function deliverablesFromCampaign(campaign: CampaignDto): DraftDeliverable[] {
  const fallback = defaultRule(campaign);
  return campaign.deliverables.map((d: DeliverableDto) => ({ key: newKey(), id: d.id, kind: d.kind, title: d.title, rule: ruleDraft(d.rule, fallback) }));
}

export function deliverablesRequest(drafts: DraftDeliverable[]): ReplaceDeliverablesRequest {
  return {
    deliverables: drafts.map((d) => ({ ...(d.id ? { id: d.id } : {}), kind: d.kind, title: d.title.trim(), rule: ruleOf(d.rule) })),
  };
}

/** Whether the drafts would send anything other than the campaign's saved deliverables (unsaved edits). */
export const deliverablesChanged = (drafts: DraftDeliverable[], saved: CampaignDto): boolean =>
  JSON.stringify(deliverablesRequest(drafts)) !== JSON.stringify(deliverablesRequest(deliverablesFromCampaign(saved)));

/** Places `deliverables.2.rule…` details next to the deliverable they name; the rest is `other`. */
export function placeDeliverableDetails(details: ErrorDetail[], sent: DraftDeliverable[]): { problems: Problems; other: string[] } {
  const problems: Problems = {};
  const other: string[] = [];
  for (const detail of details) {
    const match = /^deliverables\.(\d+)/.exec(detail.field ?? '');
    const deliverable = match ? sent[Number(match[1])] : undefined;
    if (deliverable) add(problems, deliverable.key, detail.message);
    else other.push(detail.message);
  }
  return { problems, other };
}
