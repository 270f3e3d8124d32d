/**
 * Activity reports (活动报告) from the field and the media that prove them. A report adds amounts to
 * its item's statistics fields once accepted.
 */
import type { UnitSummary } from './api';
import type { ActivityItemDto, MediaRequirements } from './campaigns';
import type { ErrorDetail } from './errors';
import { isInstant } from './validation';

export type ReportStatus = 'submitted' | 'accepted' | 'returned';
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = { submitted: '待审核', accepted: '已通过', returned: '已退回' };

/** What happened to a report, kept as its history. */
export type ReportAction = 'submitted' | 'resubmitted' | 'accepted' | 'returned' | 'auto_accepted';
export const REPORT_ACTION_LABELS: Record<ReportAction, string> = {
  submitted: '提交',
  resubmitted: '修改后重新提交',
  accepted: '通过',
  returned: '退回',
  auto_accepted: '自动通过',
};

export type MediaKind = 'photo' | 'video';

export interface MediaDto {
  id: string;
  kind: MediaKind;
  /** Decided from the bytes: image/jpeg, image/png, image/heic, video/mp4. */
  mime: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  sha256: string;
  /** EXIF capture time of a photo, ISO instant. */
  capturedAt: string | null;
  gps: { latitude: number; longitude: number } | null;
  /** Served only to those who may see the report (or, before it is attached, the unit). */
  url: string;
  thumbnailUrl: string | null;
  /** E.g. a photo smaller than the campaign asks for, when the campaign accepts it with a warning. */
  warnings: string[];
  /** Other reports that already use the same file (same SHA-256), in any unit. */
  alreadyUsedIn: { reportId: string; unitName: string }[];
}

export interface ContributionInput {
  fieldId: string;
  amount: number;
}

/**
 * A report's proposal for its unit's answer to a yes/no field (true or false) or a text field
 * (text) of its item. It changes no answer: once the report is accepted, the unit's liaison sees it
 * under the field and may adopt it.
 */
export interface ProposedAnswerInput {
  fieldId: string;
  value: boolean | string;
}

export interface ReportInput {
  itemId: string;
  title: string;
  /** ISO instants. */
  startAt: string;
  endAt: string;
  place: string;
  latitude?: number | null;
  longitude?: number | null;
  description: string;
  /** 参与人次. */
  headcount: number;
  mediaIds: string[];
  /** What the report adds to the item's count fields once accepted. */
  contributions: ContributionInput[];
  /** Evidence links (网址链接): http(s) addresses of what the event left online; none when left out. */
  evidenceLinks?: string[];
  /** Answers proposed to the item's yes/no and text fields, at most one per field; none when left out. */
  proposedAnswers?: ProposedAnswerInput[];
}

/** Limits of a report's input: the 报活动 form and the API's DTO both read them from here. */
export const REPORT_LIMITS = {
  titleMaxLength: 200,
  placeMaxLength: 200,
  descriptionMaxLength: 5000,
  headcountMax: 10_000_000,
  /** Of one contribution to a statistics field. */
  amountMax: 1_000_000,
  /** Photos and videos of one report. */
  mediaMax: 30,
  contributionsMax: 100,
  evidenceLinksMax: 5,
  evidenceLinkMaxLength: 500,
  proposedAnswersMax: 100,
} as const;

/** What breaking those limits is called, in the same words on the phone and in the API's answer. */
export const REPORT_MESSAGES = {
  itemMissing: '请选择活动项目',
  titleMissing: '请填写活动名称',
  titleTooLong: `活动名称最多 ${REPORT_LIMITS.titleMaxLength} 个字`,
  startMissing: '请选择开始时间',
  startInvalid: '开始时间格式不正确',
  endMissing: '请选择结束时间',
  endInvalid: '结束时间格式不正确',
  endBeforeStart: '结束时间不能早于开始时间',
  placeMissing: '请填写活动地点',
  placeTooLong: `活动地点最多 ${REPORT_LIMITS.placeMaxLength} 个字`,
  descriptionTooLong: `活动情况最多 ${REPORT_LIMITS.descriptionMaxLength} 个字`,
  headcountNotInteger: '参与人次必须是整数',
  headcountNegative: '参与人次不能为负',
  headcountTooLarge: '参与人次过大',
  amountNotInteger: '数量必须是整数',
  amountNegative: '数量不能为负',
  amountTooLarge: `数量最多 ${REPORT_LIMITS.amountMax}`,
  tooManyMedia: `每份报告最多 ${REPORT_LIMITS.mediaMax} 个照片或视频`,
  tooManyContributions: '统计项过多',
  tooManyProposedAnswers: '建议填报的项过多',
  tooManyEvidenceLinks: `每份报告最多 ${REPORT_LIMITS.evidenceLinksMax} 个网址链接`,
  evidenceLinkMissing: '请填写网址，或删除这一行',
  evidenceLinkTooLong: `网址最多 ${REPORT_LIMITS.evidenceLinkMaxLength} 个字符`,
  evidenceLinkInvalid: '网址应以 http:// 或 https:// 开头，例如 https://www.example.com/news/1',
} as const;

/**
 * An http(s) address with a dotted host (and an optional port), then anything but spaces; no
 * user name before the host. A pattern, not `URL`: the mini program's engine may lack it.
 */
const EVIDENCE_LINK = /^https?:\/\/[^\s/?#@:.]+(?:\.[^\s/?#@:.]+)+(?::\d{1,5})?(?:[/?#]\S*)?$/i;
/** Control characters (C0 and DEL): none belongs in an address. */
const hasControlCharacter = (text: string) => Array.from(text).some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/** What is wrong with one evidence link (as sent; the server keeps it trimmed), or undefined. */
export function evidenceLinkProblem(link: string): string | undefined {
  const value = link.trim();
  if (value === '') return REPORT_MESSAGES.evidenceLinkMissing;
  if (value.length > REPORT_LIMITS.evidenceLinkMaxLength) return REPORT_MESSAGES.evidenceLinkTooLong;
  return EVIDENCE_LINK.test(value) && !hasControlCharacter(value) ? undefined : REPORT_MESSAGES.evidenceLinkInvalid;
}

/** A whole number from 0 to `max`, or the message saying what is wrong with `value`. */
function countProblem(value: number, max: number, messages: { notInteger: string; negative: string; tooLarge: string }): string | undefined {
  if (!Number.isInteger(value)) return messages.notInteger;
  if (value < 0) return messages.negative;
  return value > max ? messages.tooLarge : undefined;
}

/** An ISO instant's problem: missing, or not a date and time that exists. */
function instantProblem(value: string, missing: string, invalid: string): string | undefined {
  if (value.trim() === '') return missing;
  return isInstant(value) ? undefined : invalid;
}

/**
 * Problems with a report's input, field by field (named as the API names them, e.g.
 * `contributions.0.amount`); [] when it may be sent. Whether the item, unit and fields belong to
 * the campaign is the server's to say.
 */
export function checkReportInput(input: ReportInput): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const add = (field: string, message: string | undefined) => {
    if (message) problems.push({ field, message });
  };
  const m = REPORT_MESSAGES;
  add('itemId', input.itemId.trim() === '' ? m.itemMissing : undefined);
  add('title', input.title.trim() === '' ? m.titleMissing : input.title.length > REPORT_LIMITS.titleMaxLength ? m.titleTooLong : undefined);
  const start = instantProblem(input.startAt, m.startMissing, m.startInvalid);
  const end = instantProblem(input.endAt, m.endMissing, m.endInvalid);
  add('startAt', start);
  add('endAt', end ?? (!start && Date.parse(input.endAt) < Date.parse(input.startAt) ? m.endBeforeStart : undefined));
  add('place', input.place.trim() === '' ? m.placeMissing : input.place.length > REPORT_LIMITS.placeMaxLength ? m.placeTooLong : undefined);
  add('description', input.description.length > REPORT_LIMITS.descriptionMaxLength ? m.descriptionTooLong : undefined);
  add(
    'headcount',
    countProblem(input.headcount, REPORT_LIMITS.headcountMax, {
      notInteger: m.headcountNotInteger,
      negative: m.headcountNegative,
      tooLarge: m.headcountTooLarge,
    }),
  );
  add('mediaIds', input.mediaIds.length > REPORT_LIMITS.mediaMax ? m.tooManyMedia : undefined);
  add('contributions', input.contributions.length > REPORT_LIMITS.contributionsMax ? m.tooManyContributions : undefined);
  add('proposedAnswers', (input.proposedAnswers ?? []).length > REPORT_LIMITS.proposedAnswersMax ? m.tooManyProposedAnswers : undefined);
  const links = input.evidenceLinks ?? [];
  add('evidenceLinks', links.length > REPORT_LIMITS.evidenceLinksMax ? m.tooManyEvidenceLinks : undefined);
  links.forEach((link, index) => add(`evidenceLinks.${index}`, evidenceLinkProblem(link)));
  input.contributions.forEach((contribution, index) =>
    add(
      `contributions.${index}.amount`,
      countProblem(contribution.amount, REPORT_LIMITS.amountMax, {
        notInteger: m.amountNotInteger,
        negative: m.amountNegative,
        tooLarge: m.amountTooLarge,
      }),
    ),
  );
  return problems;
}

export interface CreateReportRequest extends ReportInput {
  /** Made by the client once per draft: sending it again returns the same report. */
  idempotencyKey: string;
  campaignId: string;
  unitId: string;
}

export type UpdateReportRequest = ReportInput;

export interface ReportHistoryEntry {
  action: ReportAction;
  by: { id: string; displayName: string } | null;
  at: string;
  comment: string | null;
  /** Accepted or returned by its own reporter, the only member of a unit, as the campaign allows. */
  selfReview: boolean;
}

export interface ReportDto extends Omit<ReportInput, 'mediaIds' | 'contributions' | 'evidenceLinks' | 'proposedAnswers'> {
  id: string;
  evidenceLinks: string[];
  campaignId: string;
  unit: UnitSummary;
  item: { id: string; title: string };
  status: ReportStatus;
  reporter: { id: string; displayName: string };
  media: MediaDto[];
  contributions: { fieldId: string; label: string; unit: string; amount: number }[];
  /** In the order of the item's fields. */
  proposedAnswers: { fieldId: string; label: string; value: boolean | string }[];
  history: ReportHistoryEntry[];
  /**
   * What the caller may do with it: accept or return it (never one's own report, but where the
   * campaign allows it in a one-person unit); change and resubmit it (its reporter, until accepted).
   */
  allowed: { review: boolean; edit: boolean };
  /** What a reviewer should look at: photos below the campaign's size, photos used in another report. */
  warnings: string[];
  createdAt: string;
  updatedAt: string;
}

/** Filters of a campaign's report list; `from`/`to` are China-time days (`YYYY-MM-DD`) of the activity's start. */
export interface ReportListFilter {
  /** The unit and everything under it. */
  unitId?: string;
  itemId?: string;
  status?: ReportStatus;
  from?: string;
  to?: string;
  reporterId?: string;
  /** Only my own reports. */
  mine?: boolean;
}

/**
 * Why a photo or video of `width`×`height` is below the campaign's minimum size (one rule for both),
 * or undefined. Either orientation counts: the long side is held to the long minimum, the short side
 * to the short one.
 */
export function mediaSizeWarning(
  kind: 'photo' | 'video',
  width: number,
  height: number,
  rules: Pick<MediaRequirements, 'minPhotoWidth' | 'minPhotoHeight'>,
): string | undefined {
  const [long, short] = [Math.max(width, height), Math.min(width, height)];
  const [minLong, minShort] = [Math.max(rules.minPhotoWidth, rules.minPhotoHeight), Math.min(rules.minPhotoWidth, rules.minPhotoHeight)];
  if (long >= minLong && short >= minShort) return undefined;
  return `${kind === 'photo' ? '照片' : '视频'}尺寸 ${width}×${height} 小于要求的 ${rules.minPhotoWidth}×${rules.minPhotoHeight}`;
}

export interface ReviewReportRequest {
  action: 'accept' | 'return';
  /** Required when returning: what to change. */
  comment?: string;
}

export interface BulkAcceptRequest {
  reportIds: string[];
}

export interface BulkAcceptResponse {
  accepted: string[];
  /** Reports that could not be accepted, with why. */
  skipped: { reportId: string; message: string }[];
}

export interface UnitTotalsDto {
  campaignId: string;
  unitId: string;
  totals: { fieldId: string; total: number }[];
}

/** Units of count fields that a single event adds one to (one talk, one drill, one day). */
const EVENT_UNITS = ['场', '场次', '次', '期', '项'];
/** Units of count fields that take the headcount. */
const HEADCOUNT_UNITS = ['人次', '人'];

/**
 * What a report of one event proposes to add: 1 to the item's first event-count field (场, 次 …)
 * and the headcount to its first people field (人次, 人). The reporter may change them.
 */
export function proposeContributions(item: Pick<ActivityItemDto, 'fields'>, headcount: number): ContributionInput[] {
  const counts = item.fields.filter((f) => f.kind === 'count');
  const event = counts.find((f) => EVENT_UNITS.includes(f.unit));
  const people = counts.find((f) => HEADCOUNT_UNITS.includes(f.unit));
  return [
    ...(event ? [{ fieldId: event.id, amount: 1 }] : []),
    ...(people && headcount > 0 ? [{ fieldId: people.id, amount: headcount }] : []),
  ];
}
