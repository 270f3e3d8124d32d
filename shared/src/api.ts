/**
 * Request and response types of the HTTP API under `/api`. The server's DTOs implement the
 * request types and its controllers return the response types, so the mini program and the
 * server cannot drift apart silently.
 */
import type { Page, SortQuery } from './paging';
import type { Role, UnitKind } from './roles';
import type { DeliverableKind } from './campaigns';
import type { DocumentFormat, HandInState, InstanceCompleteness, InstanceStatus } from './deliverables';

export interface HealthResponse {
  status: 'ok' | 'degraded';
  database: { driver: string; reachable: boolean };
}

// --- sign-in -------------------------------------------------------------------------------

export interface PasswordSignInRequest {
  /** A username or a mobile number. */
  login: string;
  password: string;
}

export interface WechatSignInRequest {
  /** The code of `wx.login`, valid five minutes and once. */
  code: string;
}

export interface RefreshRequest {
  refreshToken: string;
}

export interface TokenPair {
  accessToken: string;
  /** ISO-8601 instant. */
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
}

export interface SignInResponse extends TokenPair {
  person: PersonDto;
}

// --- people --------------------------------------------------------------------------------

export interface PersonDto {
  id: string;
  displayName: string;
  username: string | null;
  phone: string | null;
  hasWechat: boolean;
}

export interface UnitSummary {
  id: string;
  name: string;
  kind: UnitKind;
}

export interface MembershipDto {
  id: string;
  role: Role;
  unit: UnitSummary;
}

export interface MeResponse {
  person: PersonDto;
  memberships: MembershipDto[];
}

export interface UnitMemberDto {
  membershipId: string;
  role: Role;
  /** The name for everyone who may list the members; how the person signs in only for those who manage them. */
  person: Pick<PersonDto, 'id' | 'displayName'> & Partial<PersonDto>;
}

/** Orders of a unit's members (default: by role, then as they joined). */
export const MEMBER_SORTS = ['role', 'name', 'joinedAt'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];
export const MEMBER_DEFAULT_ORDER: Required<SortQuery<MemberSort>> = { sort: 'role', order: 'asc' };

// --- units ---------------------------------------------------------------------------------

export interface UnitDto {
  id: string;
  name: string;
  code: string | null;
  kind: UnitKind;
  parentId: string | null;
  /** 0 for a root. */
  depth: number;
}

/** Orders of the unit list (default: `path`, the tree order, parents before their subtrees). */
export const UNIT_SORTS = ['path', 'name'] as const;
export type UnitSort = (typeof UNIT_SORTS)[number];
export const UNIT_DEFAULT_ORDER: Required<SortQuery<UnitSort>> = { sort: 'path', order: 'asc' };

export interface CreateUnitRequest {
  name: string;
  kind: UnitKind;
  parentId: string;
  code?: string;
}

export interface UpdateUnitRequest {
  name?: string;
  kind?: UnitKind;
  code?: string | null;
}

export interface MoveUnitRequest {
  parentId: string;
}

export interface UnitImportResponse {
  created: UnitDto[];
}

// --- invitations ---------------------------------------------------------------------------

export interface CreateInviteRequest {
  unitId: string;
  role: Role;
  /** Hours from now until the invite expires. */
  expiresInHours: number;
  maxUses: number;
}

export interface InviteDto {
  id: string;
  code: string;
  role: Role;
  unit: UnitSummary;
  expiresAt: string;
  maxUses: number;
  uses: number;
  /** Opens the redeem page of the h5 app with the code filled in. */
  link: string;
}

/**
 * GET /api/units/:unitId/invites/:inviteId/qr: the QR code of one open invite's `link`, rendered
 * on request, for the invite being shown.
 */
export interface InviteQrResponse {
  /** A PNG as a data URL: weapp's `<Image>` shows it (not SVG ones), and no token is needed to load it. */
  dataUrl: string;
}

/** What anyone holding the code may learn before redeeming it. */
export interface InvitePreview {
  code: string;
  role: Role;
  unit: UnitSummary;
  expiresAt: string;
}

export interface RedeemInviteRequest {
  code: string;
}

/** Redeeming without an account: creates a password account, then the membership. */
export interface RegisterWithInviteRequest {
  code: string;
  displayName: string;
  /** A username or a mobile number; used to sign in. */
  login: string;
  password: string;
}

export interface RedeemInviteResponse {
  membership: MembershipDto;
}

// --- reports -------------------------------------------------------------------------------

/**
 * Orders of a campaign's report list (default: `submittedAt` descending, newest first). `status`
 * orders by the review's course (待审核, 已退回, 已通过), `unit` by the unit's name.
 */
export const REPORT_SORTS = ['submittedAt', 'startAt', 'status', 'unit', 'title'] as const;
export type ReportSort = (typeof REPORT_SORTS)[number];
export const REPORT_DEFAULT_ORDER: Required<SortQuery<ReportSort>> = { sort: 'submittedAt', order: 'desc' };

// --- statistics table ----------------------------------------------------------------------

/** A unit's own table, or the sums over the unit and everything under it. */
export const STATISTICS_SCOPES = ['unit', 'subtree'] as const;
export type StatisticsScope = (typeof STATISTICS_SCOPES)[number];

/** Limits of what a liaison enters into the table by hand; the API's DTOs read them from here. */
export const STATISTICS_LIMITS = {
  /** Of one manual entry; removing one is how it is taken back, so it is never negative. */
  manualAmountMax: 1_000_000,
  noteMaxLength: 200,
  textAnswerMaxLength: 500,
} as const;

/** Work done offline, added by hand to a count field of a unit's table. */
export interface CreateManualEntryRequest {
  fieldId: string;
  /** A whole number from 1 to `STATISTICS_LIMITS.manualAmountMax`. */
  amount: number;
  /** What was done, required. */
  note: string;
}

export interface ManualEntryDto {
  id: string;
  fieldId: string;
  amount: number;
  note: string;
  createdBy: { id: string; displayName: string };
  createdAt: string;
}

/** A unit's answer to a yes/no field (`true`/`false`) or a text field (non-blank text). */
export interface SetFieldAnswerRequest {
  value: boolean | string;
}

export interface FieldAnswerDto {
  fieldId: string;
  value: boolean | string;
  answeredBy: { id: string; displayName: string };
  answeredAt: string;
}

/** An answer an accepted report of the unit proposes to a yes/no or text field, which the liaison may adopt (PUT the answer). */
export interface ProposalDto<V extends boolean | string> {
  reportId: string;
  reportTitle: string;
  value: V;
}

interface StatisticsTableFieldBase {
  id: string;
  label: string;
  unit: string;
}

/** A count field: the total, and the parts of it from accepted reports and from manual entries. */
export interface CountFieldValue extends StatisticsTableFieldBase {
  kind: 'count';
  value: number;
  fromReports: number;
  fromManualEntries: number;
}

/**
 * A yes/no field. `value` is the unit's answer in unit scope (null: not answered) and always null
 * in subtree scope, where `yesUnits` of the table's `units` answered yes ("n of m units yes").
 */
export interface BooleanFieldValue extends StatisticsTableFieldBase {
  kind: 'boolean';
  value: boolean | null;
  yesUnits: number;
  /**
   * In unit scope, what the unit's accepted reports propose, the newest accepted first, at most 3
   * (empty in a hand-in's snapshot: they stay live on the table); left out in subtree scope.
   */
  proposals?: ProposalDto<boolean>[];
}

/** A text field: the unit's answer in unit scope (null: none, and always in subtree scope); `answeredUnits` gave one. */
export interface TextFieldValue extends StatisticsTableFieldBase {
  kind: 'text';
  value: string | null;
  answeredUnits: number;
  /** As a yes/no field's. */
  proposals?: ProposalDto<string>[];
}

export type StatisticsTableField = CountFieldValue | BooleanFieldValue | TextFieldValue;

/** GET /api/campaigns/:campaignId/units/:unitId/statistics?scope=unit|subtree */
export interface StatisticsTableDto {
  campaignId: string;
  unit: UnitSummary;
  scope: StatisticsScope;
  /** Units taking part in the campaign within the scope (in unit scope 1, or 0 when the unit does not). */
  units: number;
  /**
   * `evidence`: the evidence links of the item's accepted reports (of the unit, or of its subtree),
   * newest accepted first, at most 20.
   */
  items: { id: string; title: string; requirement: string; fieldText: string; fields: StatisticsTableField[]; evidence: EvidenceLinkDto[] }[];
  /** The unit's table as last handed in (unit scope only; null in subtree scope or before any). */
  submission: TableSubmissionDto | null;
}

// ── Deliverable hand-ins (材料报送) and their completeness ──

/** What a hand-in may hold, checked by the API and shown by the app. */
export const HAND_IN_LIMITS = { maxTextLength: 5000, maxDocuments: 20, maxReports: 100, maxCommentLength: 500 } as const;

/** A document uploaded for a hand-in (docx, doc, wps, pdf, xlsx: the type decided from its bytes). */
export interface DocumentDto {
  id: string;
  /** The name it was uploaded with (for display only: its type comes from its bytes). */
  fileName: string;
  /** `docx`, `doc` (Word 97–2003 and WPS), `pdf` or `xlsx`. */
  format: DocumentFormat;
  mime: string;
  sizeBytes: number;
  url: string;
}

/** POST /api/hand-ins: the unit's liaison hands in one instance of a deliverable, or hands it in again. */
export interface HandInRequest {
  campaignId: string;
  deliverableId: string;
  /** Which instance (`once`, `2022-W23`, `2020-07`), as `deadlineInstances` names it. */
  periodKey: string;
  unitId: string;
  text: string;
  /** Documents uploaded for this unit and campaign (POST /api/campaigns/:id/units/:unitId/documents). */
  documentIds: string[];
  /** For weekly materials and monthly reports: the unit's accepted reports whose activity starts within the instance's period. */
  reportIds: string[];
}

export type HandInAction = 'submitted' | 'resubmitted' | 'accepted' | 'returned';

export interface ReviewHandInRequest {
  action: 'accept' | 'return';
  /** Required to return. */
  comment?: string;
}

export interface HandInDto {
  id: string;
  campaignId: string;
  deliverableId: string;
  periodKey: string;
  unit: UnitSummary;
  text: string;
  documents: DocumentDto[];
  reports: { id: string; title: string; startAt: string }[];
  state: HandInState;
  /** When the latest hand-in reached the server: it decides on time or late. */
  arrivedAt: string;
  dueAt: string;
  status: InstanceStatus;
  history: { action: HandInAction; by: { id: string; displayName: string } | null; at: string; comment: string | null }[];
}

/** One instance of a deliverable, with how the expected units of the subtree did on it. */
export interface DeliverableInstanceStatusDto {
  deliverableId: string;
  title: string;
  kind: DeliverableKind;
  periodKey: string;
  opensAt: string;
  dueAt: string;
  completeness: InstanceCompleteness;
}

/** A unit's statuses across all instances, in the order of `DeliverableStatusDto.instances`. */
export interface UnitStatusRowDto {
  unit: UnitSummary;
  /** When the unit became expected to hand in (instances falling due before it are `not_expected`). */
  expectedSince: string;
  statuses: InstanceStatus[];
}

/** GET /api/campaigns/:campaignId/hand-in-status?unitId=…: completeness of a subtree (DHIS2's reporting rate). */
export interface DeliverableStatusDto {
  campaignId: string;
  unit: UnitSummary;
  /** The instant the statuses were worked out at (the server's clock). */
  asOf: string;
  instances: DeliverableInstanceStatusDto[];
  /** Units of the subtree that take part (the organizing unit does not hand in to itself), in tree order, a page at a time. */
  units: Page<UnitStatusRowDto>;
}

/** A unit that has not handed in an instance (missing, or returned and not handed in again), with its liaisons to call. */
export interface MissingUnitDto {
  unit: UnitSummary;
  status: 'missing' | 'returned';
  liaisons: { name: string; mobile: string; officePhone: string }[];
}

// ── The statistics table handed in (统计表报送) and evidence links ──

/** An evidence link (网址链接) an accepted report carries, shown with the table's item. */
export interface EvidenceLinkDto {
  reportId: string;
  reportTitle: string;
  url: string;
}

/** What the liaison signs the table with when handing it in (the official table's header). */
export interface SubmitTableRequest {
  /** 联系人 */
  contactName: string;
  /** 电话 */
  phone: string;
  /** 填报日期, `YYYY-MM-DD` (China time); today when left out. */
  fillDate?: string;
}

export type TableSubmissionState = 'submitted' | 'accepted' | 'returned';

/**
 * A unit's table as handed in: a snapshot of its values at that moment with the header, reviewed by
 * the committee over the unit. While submitted or accepted the unit's manual entries and answers are
 * closed (409); a return (also of an accepted table) opens them again.
 *
 * POST …/units/:unitId/statistics/submission hands it in (the unit's own liaison; 201);
 * GET the same path answers the latest, or 404 before any (as a deliverable's hand-in);
 * GET …/statistics/submissions every hand-in, the latest first; POST …/submission/review reviews.
 */
export interface TableSubmissionDto {
  campaignId: string;
  unitId: string;
  state: TableSubmissionState;
  /** 填报单位 */
  unitName: string;
  contactName: string;
  phone: string;
  fillDate: string;
  submittedAt: string;
  submittedBy: { id: string; displayName: string };
  /** The table's items and fields with their values when handed in (unit scope). */
  snapshot: StatisticsTableDto['items'];
  reviewedAt: string | null;
  reviewedBy: { id: string; displayName: string } | null;
  /** Why it was returned. */
  comment: string | null;
}

export interface ReviewTableRequest {
  action: 'accept' | 'return';
  /** Required when returning. */
  comment?: string;
}

// ── Exports (导出), made in the background ──

/**
 * - `unit_table`: one unit's statistics table in the official layout;
 * - `subtree_tables`: a sheet per unit of a subtree and a summary sheet of the sums;
 * - `completeness`: the units × deliverable instances matrix of a subtree;
 * - `reports`: the activity reports of a subtree, each linked to its page in the app.
 */
export const EXPORT_KINDS = ['unit_table', 'subtree_tables', 'completeness', 'reports'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** POST /api/campaigns/:campaignId/exports */
export interface CreateExportRequest {
  kind: ExportKind;
  unitId: string;
}

export type ExportStatus = 'queued' | 'running' | 'done' | 'failed';

/** GET /api/exports/:id — polled for progress; `downloadUrl` (GET /api/exports/:id/file) once done. */
export interface ExportJobDto {
  id: string;
  campaignId: string;
  unitId: string;
  kind: ExportKind;
  status: ExportStatus;
  /** 0 to 1. */
  progress: number;
  fileName: string;
  downloadUrl: string | null;
  /** Why it failed, in Chinese. */
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/**
 * GET /api/campaigns/:campaignId/hand-in-status/ranking?unitId=…: the unit's direct children that
 * take part (each with its subtree), best first: by on-time rate, then reporting rate, over the
 * instances already due; then in tree order. Equal rates share a rank.
 */
export interface UnitRankingDto {
  /** 1 for the best; units with the same rates share it (1, 1, 3). */
  rank: number;
  unit: UnitSummary;
  /** Summed over the instances due by now and the units of the subtree expected for each. */
  completeness: InstanceCompleteness;
}
