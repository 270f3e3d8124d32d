import Taro from '@tarojs/taro';
import type { ActivityItemDto, CampaignDto, MeResponse, ReportDto, Role, StatisticsFieldDto, UnitSummary, UnitTotalsDto } from '@safemonth/shared';

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** A new idempotency key for a draft: 24 characters of [A-Za-z0-9_-]. */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(24);
  const crypto = (globalThis as { crypto?: { getRandomValues?: (array: Uint8Array) => Uint8Array } }).crypto;
  if (crypto?.getRandomValues) crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i += 1) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (byte) => KEY_ALPHABET[byte % KEY_ALPHABET.length]).join('');
}

/** The units of the campaign's liaison (the campaign lists them), then my units where I have `role`. */
export function campaignUnits(campaign: CampaignDto, me: MeResponse | null, role: Role): UnitSummary[] {
  const units = new Map<string, UnitSummary>();
  for (const unit of campaign.liaisonUnits) units.set(unit.id, unit);
  for (const membership of me?.memberships ?? []) {
    if (membership.role === role && !units.has(membership.unit.id)) units.set(membership.unit.id, membership.unit);
  }
  return [...units.values()];
}

/** The units I may report for in this campaign: my staff units and the liaison units it lists. */
export const reportingUnits = (campaign: CampaignDto, me: MeResponse | null) => campaignUnits(campaign, me, 'staff');

/** May I report activities for this campaign? */
export function canReport(campaign: CampaignDto, me: MeResponse | null): boolean {
  return campaign.status === 'published' && reportingUnits(campaign, me).length > 0;
}

/** May I review reports (liaison of a taking-part unit, or the committee)? */
export function canReview(campaign: CampaignDto): boolean {
  return campaign.status === 'published' && (campaign.liaisonUnits.length > 0 || campaign.editable);
}

/** The count fields of an item, which a report adds to. */
export function countFields(item: Pick<ActivityItemDto, 'fields'> | undefined) {
  return (item?.fields ?? []).filter((field) => field.kind === 'count');
}

/** The yes/no and text fields of an item, to which a report may propose answers. */
export function answerFields(item: Pick<ActivityItemDto, 'fields'> | undefined) {
  return (item?.fields ?? []).filter((field): field is StatisticsFieldDto & { kind: 'boolean' | 'text' } => field.kind !== 'count');
}

/** An answer as shown: 是 or 否 for a yes/no field, the text of a text field. */
export const answerText = (value: boolean | string) => (typeof value === 'boolean' ? (value ? '是' : '否') : value);

/** "开展咨询活动 3 场，参与 450 人次": the unit's totals of an item's count fields. */
export function totalsText(item: ActivityItemDto, totals: UnitTotalsDto | null): string {
  const byField = new Map((totals?.totals ?? []).map((t) => [t.fieldId, t.total]));
  return countFields(item)
    .map((field) => `${field.label} ${byField.get(field.id) ?? 0}${field.unit ? ` ${field.unit}` : ''}`)
    .join('，');
}

/** Has the unit any total in this item's count fields? */
export function hasTotals(item: ActivityItemDto, totals: UnitTotalsDto | null): boolean {
  const ids = new Set(countFields(item).map((f) => f.id));
  return (totals?.totals ?? []).some((t) => ids.has(t.fieldId) && t.total !== 0);
}

export const statusTone = (report: ReportDto): 'success' | 'primary' | 'muted' =>
  report.status === 'accepted' ? 'success' : report.status === 'returned' ? 'primary' : 'muted';

/** The reviewer's comment of a returned report (its last 'returned' history entry). */
export function returnComment(report: ReportDto): string | undefined {
  for (let i = report.history.length - 1; i >= 0; i -= 1) {
    if (report.history[i].action === 'returned') return report.history[i].comment ?? undefined;
  }
  return undefined;
}

// --- drafts -------------------------------------------------------------------------------

export interface DraftMedia {
  /** Local id of the entry. */
  key: string;
  name: string;
  kind: 'photo' | 'video';
  /** weapp: the temp path of the chosen file; h5: the preview's blob URL (lost after a reload). */
  localPath: string;
  mediaId?: string;
  warnings?: string[];
  alreadyUsedIn?: { reportId: string; unitName: string }[];
}

export interface ReportDraft {
  idempotencyKey: string;
  unitId: string;
  itemId: string;
  title: string;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  place: string;
  /** Where it took place (WGS-84), when the reporter added it. */
  latitude?: number;
  longitude?: number;
  description: string;
  headcount: string;
  /** fieldId → amount as typed. */
  contributions: Record<string, string>;
  /** Did the reporter change the proposed amounts (then they are no longer proposed anew)? */
  contributionsEdited: boolean;
  media: DraftMedia[];
  /** Evidence links (网址链接) as typed; drafts saved before the form took links have none. */
  evidenceLinks?: string[];
  /** fieldId → the answer proposed to a yes/no (true/false) or text field (as typed); older drafts have none. */
  proposedAnswers?: Record<string, boolean | string>;
  /** The last send failed for want of a network. */
  pendingResend?: boolean;
}

/**
 * weapp: copies a picked file out of the temporary folder (emptied once the app is closed) into the
 * mini program's own folder, so that the files of a draft wait with it until it is sent. Answers
 * the path to use: the temporary one when the file cannot be kept (storage full), which still
 * works while the app stays open.
 */
export function keepFile(tempFilePath: string, key: string): string {
  const folder = Taro.env?.USER_DATA_PATH;
  if (!folder) return tempFilePath;
  try {
    const extension = /\.[A-Za-z0-9]+$/.exec(tempFilePath)?.[0] ?? '';
    return Taro.getFileSystemManager().saveFileSync(tempFilePath, `${folder}/draft-${key}${extension}`);
  } catch {
    return tempFilePath;
  }
}

/** Removes a file kept for a draft (temporary paths and h5 previews are left alone). */
export function dropFile(path: string): void {
  const folder = Taro.env?.USER_DATA_PATH;
  if (!folder || !path.startsWith(`${folder}/draft-`)) return;
  try {
    Taro.getFileSystemManager().unlinkSync(path);
  } catch {
    // Already gone.
  }
}

const draftKey = (campaignId: string, reportId?: string) => `reportDraft:${campaignId}${reportId ? `:${reportId}` : ''}`;

export function loadDraft(campaignId: string, reportId?: string): ReportDraft | null {
  try {
    const value = Taro.getStorageSync(draftKey(campaignId, reportId)) as ReportDraft | '' | undefined;
    return value && typeof value === 'object' && value.idempotencyKey ? value : null;
  } catch {
    return null;
  }
}

export function saveDraft(campaignId: string, draft: ReportDraft, reportId?: string): void {
  try {
    Taro.setStorageSync(draftKey(campaignId, reportId), draft);
  } catch {
    // Storage full or unavailable: the form still works, only without a draft.
  }
}

export function removeDraft(campaignId: string, reportId?: string): void {
  try {
    Taro.removeStorageSync(draftKey(campaignId, reportId));
  } catch {
    // Nothing to remove.
  }
}
