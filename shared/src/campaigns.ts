/**
 * Campaigns (活动): what a committee publishes and its units fill in. Shared so that the console's
 * forms and the API validate the same way and speak of the same shapes.
 */
import type { UnitSummary } from './api';
import { chinaDay, deadlineInstances, formatChinaDate, type DeadlineRule } from './deadlines';
import type { ErrorDetail } from './errors';
import type { ParsedField } from './fields';
import { isMobile, LANDLINE_PATTERN } from './validation';

export type CampaignStatus = 'draft' | 'published';

export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = { draft: '草稿', published: '已发布' };

/** What a unit must hand in. */
export const DeliverableKind = {
  LiaisonForm: 'liaison_form',
  UnitPlan: 'unit_plan',
  WeeklyMaterials: 'weekly_materials',
  MonthlyReport: 'monthly_report',
  StatisticsTable: 'statistics_table',
  SummaryReport: 'summary_report',
  Other: 'other',
} as const;
export type DeliverableKind = (typeof DeliverableKind)[keyof typeof DeliverableKind];
export const DELIVERABLE_KINDS: readonly DeliverableKind[] = Object.values(DeliverableKind);
export const DELIVERABLE_KIND_LABELS: Record<DeliverableKind, string> = {
  liaison_form: '联络员信息表',
  unit_plan: '单位活动方案',
  weekly_materials: '每周活动材料',
  monthly_report: '月度报告',
  statistics_table: '统计表',
  summary_report: '总结报告',
  other: '其他',
};

/** The questions of the liaison form (联络员信息表), in the order the official forms list them. */
export const LIAISON_FIELDS = [
  'name',
  'gender',
  'title',
  'mobile',
  'officePhone',
  'fax',
  'wechat',
  'qq',
  'email',
  'unitName',
  'address',
] as const;
export type LiaisonField = (typeof LIAISON_FIELDS)[number];
export const LIAISON_FIELD_LABELS: Record<LiaisonField, string> = {
  name: '姓名',
  gender: '性别',
  title: '职务',
  mobile: '手机',
  officePhone: '办公电话',
  fax: '传真',
  wechat: '微信号',
  qq: 'QQ号',
  email: '电子邮箱',
  unitName: '单位名称',
  address: '通信地址',
};

export interface LiaisonFormSettings {
  /** Every field, in LIAISON_FIELDS order; a required field is also asked. */
  fields: { key: LiaisonField; asked: boolean; required: boolean }[];
  /** How many liaisons one unit may name (some plans allow two). */
  maxLiaisonsPerUnit: number;
}

export type LiaisonFormValues = Partial<Record<LiaisonField, string>>;

export function defaultLiaisonForm(): LiaisonFormSettings {
  const required: LiaisonField[] = ['name', 'title', 'mobile', 'unitName'];
  return {
    fields: LIAISON_FIELDS.map((key) => ({ key, asked: true, required: required.includes(key) })),
    maxLiaisonsPerUnit: 1,
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const QQ = /^[1-9]\d{4,10}$/;
const WECHAT = /^[A-Za-z][-_A-Za-z0-9]{5,19}$/;

/** Problems with one liaison's answers, in Chinese, field by field; [] when they may be saved. */
export function validateLiaisonForm(settings: LiaisonFormSettings, values: LiaisonFormValues): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const asked = new Map(settings.fields.filter((f) => f.asked || f.required).map((f) => [f.key, f]));
  for (const key of Object.keys(values)) {
    if (!asked.has(key as LiaisonField)) problems.push({ field: key, message: '本活动不收集此项' });
  }
  for (const [key, field] of asked) {
    const label = LIAISON_FIELD_LABELS[key];
    const given: unknown = values[key];
    if (given !== undefined && given !== null && typeof given !== 'string') {
      problems.push({ field: key, message: `${label}必须是文本` });
      continue;
    }
    const value = (given ?? '').trim();
    if (value === '') {
      if (field.required) problems.push({ field: key, message: `请填写${label}` });
      continue;
    }
    const problem = fieldProblem(key, value);
    if (problem) problems.push({ field: key, message: problem });
  }
  return problems;
}

function fieldProblem(key: LiaisonField, value: string): string | undefined {
  switch (key) {
    case 'mobile':
      return isMobile(value) ? undefined : '手机号应为 11 位数字，以 1 开头';
    case 'officePhone':
    case 'fax':
      return LANDLINE_PATTERN.test(value) ? undefined : `${LIAISON_FIELD_LABELS[key]}格式应如 0955-1234567`;
    case 'email':
      return EMAIL.test(value) && value.length <= 100 ? undefined : '电子邮箱格式不正确';
    case 'qq':
      return QQ.test(value) ? undefined : 'QQ号应为 5–11 位数字';
    case 'wechat':
      return WECHAT.test(value) || isMobile(value) ? undefined : '微信号应为 6–20 位字母、数字、- 或 _，以字母开头';
    case 'gender':
      return value === '男' || value === '女' ? undefined : '性别请填“男”或“女”';
    default:
      return value.length > 100 ? `${LIAISON_FIELD_LABELS[key]}最多 100 个字` : undefined;
  }
}

export interface CampaignPhase {
  name: string;
  /** YYYY-MM-DD, China dates, inclusive. */
  start: string;
  end: string;
}

export interface MediaRequirements {
  /** Smallest photo or video accepted, e.g. 1920×1080 (either orientation). */
  minPhotoWidth: number;
  minPhotoHeight: number;
  /** `refuse` a smaller photo or video, or accept it with a `warn`ing. */
  smallPhotoPolicy: 'refuse' | 'warn';
  photoFormats: ('jpeg' | 'png' | 'heic')[];
  videoFormats: 'mp4'[];
  maxFileSizeMb: number;
}

export function defaultMediaRequirements(): MediaRequirements {
  return { minPhotoWidth: 1920, minPhotoHeight: 1080, smallPhotoPolicy: 'warn', photoFormats: ['jpeg', 'png'], videoFormats: ['mp4'], maxFileSizeMb: 50 };
}

export interface StatisticsFieldDto {
  id: string;
  kind: ParsedField['kind'];
  label: string;
  /** '' for boolean and text fields, and for counts without a unit. */
  unit: string;
  /** True once any unit has data in it: such a field can no longer be removed. */
  hasData: boolean;
}

export interface ActivityItemDto {
  id: string;
  title: string;
  requirement: string;
  /** The statistics cell as written in the notice. */
  fieldText: string;
  fields: StatisticsFieldDto[];
}

export interface DeliverableDto {
  id: string;
  kind: DeliverableKind;
  title: string;
  rule: DeadlineRule;
}

export interface NextDeadlineDto {
  deliverableId: string;
  title: string;
  periodKey: string;
  dueAt: string;
}

export interface CampaignSummaryDto {
  id: string;
  title: string;
  year: number;
  theme: string;
  status: CampaignStatus;
  organizingUnit: UnitSummary;
  phases: CampaignPhase[];
  /** The earliest deadline still ahead, if any. */
  nextDeadline: NextDeadlineDto | null;
}

export interface CampaignDto extends CampaignSummaryDto {
  slogans: string[];
  media: MediaRequirements;
  liaisonForm: LiaisonFormSettings;
  /** Roots of the participating subtrees; empty means the organizing unit's whole subtree. */
  participatingUnitIds: string[];
  /** Reports count as soon as they are sent, without a liaison's review. */
  autoAcceptReports: boolean;
  /** The only member of a unit may review their own reports (recorded as such); otherwise nobody does. */
  allowSelfReviewInSingleMemberUnits: boolean;
  items: ActivityItemDto[];
  deliverables: DeliverableDto[];
  publishedAt: string | null;
  /** May the caller edit it (committee of the organizing unit)? */
  editable: boolean;
  /** The caller's units, as liaison, that take part: those they may fill the liaison form for. */
  liaisonUnits: UnitSummary[];
  /**
   * The units whose subtrees the caller oversees as committee (the campaign's statistics and
   * completeness), in tree order: the organizing unit and the participating roots their committee
   * covers, and their committee units inside a participating root that none of those holds.
   */
  overseenUnits: UnitSummary[];
}

export interface CampaignSettings {
  title: string;
  year: number;
  theme: string;
  phases: CampaignPhase[];
  slogans: string[];
  media: MediaRequirements;
  liaisonForm: LiaisonFormSettings;
  participatingUnitIds: string[];
  autoAcceptReports: boolean;
  allowSelfReviewInSingleMemberUnits: boolean;
}

export interface CreateCampaignRequest extends Partial<CampaignSettings> {
  organizingUnitId: string;
  title: string;
  year: number;
}

export type UpdateCampaignRequest = Partial<CampaignSettings>;

export interface CreateFromTemplateRequest {
  templateId: string;
  organizingUnitId: string;
  /** The year to run it in: the template's dates move by whole years. Default: {@link comingCampaignYear}. */
  year?: number;
  /** Default: {@link defaultCampaignTitle} of the year and the template's name. */
  title?: string;
}

export interface CloneCampaignRequest {
  year: number;
}

/** Replaces all items of a campaign. Items and fields keep their `id` when they have one. */
export interface ReplaceItemsRequest {
  items: {
    id?: string;
    title: string;
    requirement: string;
    fieldText: string;
    fields: { id?: string; kind: ParsedField['kind']; label: string; unit: string }[];
  }[];
}

export interface ReplaceDeliverablesRequest {
  deliverables: { id?: string; kind: DeliverableKind; title: string; rule: DeadlineRule }[];
}

export interface CampaignTemplateSummary {
  id: string;
  title: string;
  /** Who issued the plan the template is made from. */
  issuedBy: string;
  year: number;
  /** The activity's name without year or place, e.g. “安全生产月”活动: what a new campaign's title is made of. */
  name: string;
  itemCount: number;
  deliverableCount: number;
}

export interface LiaisonRegistrationRequest {
  unitId: string;
  values: LiaisonFormValues;
}

export interface LiaisonRegistrationDto {
  id: string;
  unit: UnitSummary;
  personId: string;
  values: LiaisonFormValues;
  updatedAt: string;
}

/**
 * The year of the coming 安全生产月 (held in June): this year's until June begins in China, next
 * year's from 1 June on — by then this year's deadlines are passing or past.
 */
export function comingCampaignYear(now: Date): number {
  const [year, month] = chinaDay(now).split('-').map(Number);
  return month < 6 ? year : year + 1;
}

export const DEFAULT_CAMPAIGN_NAME = '“安全生产月”活动';

/** A new campaign's title: the year and the activity's name, no place (the organizer names that). */
export function defaultCampaignTitle(year: number, name: string = DEFAULT_CAMPAIGN_NAME): string {
  return `${year}年${name.trim() || DEFAULT_CAMPAIGN_NAME}`;
}

/** What a campaign about to be published looks like, as far as the warnings need. */
export interface PublishCheckInput {
  phases: CampaignPhase[];
  items: { title: string; fields: unknown[] }[];
  deliverables: { title: string; rule: DeadlineRule }[];
}

/**
 * What looks wrong in a campaign about to be published, in Chinese, one line each: deadlines and
 * phases already past, items with the same title, items without statistics fields. None of these
 * stops publishing (a committee may publish late on purpose); they are asked about first.
 */
export function publishWarnings(campaign: PublishCheckInput, now: Date): string[] {
  const warnings: string[] = [];
  const today = chinaDay(now);
  for (const phase of campaign.phases) {
    if (phase.end < today) warnings.push(`阶段“${phase.name}”已于 ${formatChinaDate(phase.end)} 结束`);
  }
  for (const deliverable of campaign.deliverables) {
    let instances;
    try {
      instances = deadlineInstances(deliverable.rule);
    } catch {
      continue; // An invalid rule is refused when saved, not warned about here.
    }
    const past = instances.filter((i) => Date.parse(i.dueAt) <= now.getTime()).length;
    if (past === 0) continue;
    warnings.push(
      past === instances.length
        ? `“${deliverable.title}”的截止时间已过`
        : `“${deliverable.title}”有 ${past} 次截止时间已过（共 ${instances.length} 次）`,
    );
  }
  const counts = new Map<string, number>();
  for (const item of campaign.items) counts.set(item.title.trim(), (counts.get(item.title.trim()) ?? 0) + 1);
  for (const [title, count] of counts) {
    if (count > 1) warnings.push(`活动项目“${title}”重复了 ${count} 次`);
  }
  for (const item of campaign.items) {
    if (item.fields.length === 0) warnings.push(`活动项目“${item.title.trim()}”没有统计项`);
  }
  return warnings;
}

/** Titles of `incoming` items that `existing` already has (trimmed), each once, in `incoming` order. */
export function duplicateItemTitles(existing: { title: string }[], incoming: { title: string }[]): string[] {
  const have = new Set(existing.map((i) => i.title.trim()));
  return [...new Set(incoming.map((i) => i.title.trim()).filter((title) => have.has(title)))];
}
