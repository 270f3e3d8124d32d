/**
 * Activity reports (活动报告) from the field and the media that prove them. A report adds amounts to
 * its item's statistics fields once accepted.
 */
import type { UnitSummary } from './api';
import type { ActivityItemDto } from './campaigns';

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
}

export interface ReportDto extends Omit<ReportInput, 'mediaIds' | 'contributions'> {
  id: string;
  campaignId: string;
  unit: UnitSummary;
  item: { id: string; title: string };
  status: ReportStatus;
  reporter: { id: string; displayName: string };
  media: MediaDto[];
  contributions: { fieldId: string; label: string; unit: string; amount: number }[];
  history: ReportHistoryEntry[];
  /** What the caller may do with it: accept or return it; change and resubmit it (its reporter, until accepted). */
  allowed: { review: boolean; edit: boolean };
  createdAt: string;
  updatedAt: string;
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
