/**
 * Hidden-hazard reports (隐患随手拍, 安全吹哨人): anyone reports a hazard, possibly anonymously; the
 * committee's designated handlers verify it, have the responsible unit rectify it and close it
 * (销号). The reporter's identity is never shown to anyone but the handlers. See docs/hazards.md.
 */
import type { PageQuery } from './paging';

/** The categories a campaign starts with; each campaign may set its own list. */
export const DEFAULT_HAZARD_CATEGORIES: readonly string[] = [
  '危险化学品',
  '矿山',
  '工贸',
  '道路交通',
  '建筑施工',
  '渔业船舶',
  '消防',
  '燃气',
  '民爆',
  '船舶修造',
  '其他',
];

export const HAZARD_LIMITS = {
  categories: 30,
  categoryLength: 20,
  placeLength: 200,
  descriptionLength: 2000,
  messageLength: 1000,
  reasonLength: 500,
  /** Photos and videos attached to a report, and to a rectification. */
  media: 9,
  linkLength: 500,
  /** Yuan, with at most two decimals. */
  maxRewardYuan: 1_000_000,
} as const;

/**
 * - `submitted` (已提交): waiting for a handler;
 * - `verifying` (核查中): a handler is checking it;
 * - `verified` (属实) / `unfounded` (不属实, with the reason);
 * - `rectifying` (整改中): assigned to the responsible unit with a due date;
 * - `rectified` (已整改): the unit says it is done, with photos and a description;
 * - `closed` (已销号): the handler accepted the rectification. Reopening sends it back to `rectifying`.
 */
export const HAZARD_STATUSES = ['submitted', 'verifying', 'verified', 'unfounded', 'rectifying', 'rectified', 'closed'] as const;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];
export const HAZARD_STATUS_LABELS: Record<HazardStatus, string> = {
  submitted: '已提交',
  verifying: '核查中',
  verified: '属实',
  unfounded: '不属实',
  rectifying: '整改中',
  rectified: '已整改',
  closed: '已销号',
};

/** The statuses of a verified hazard not yet closed: what 隐患清零 counts as open. */
export const OPEN_HAZARD_STATUSES: readonly HazardStatus[] = ['verified', 'rectifying', 'rectified'];

export const HAZARD_ACTIONS = ['startVerification', 'verify', 'reject', 'assign', 'rectify', 'close', 'reopen'] as const;
export type HazardAction = (typeof HAZARD_ACTIONS)[number];

/** Which action leads from which status (the server refuses any other with 409). */
export const HAZARD_TRANSITIONS: Record<HazardAction, { from: readonly HazardStatus[]; to: HazardStatus }> = {
  startVerification: { from: ['submitted'], to: 'verifying' },
  verify: { from: ['submitted', 'verifying', 'unfounded'], to: 'verified' },
  reject: { from: ['submitted', 'verifying', 'verified'], to: 'unfounded' },
  // From `rectifying` too: a case given to the wrong unit is given to another (its counts move along).
  assign: { from: ['verified', 'rectifying'], to: 'rectifying' },
  rectify: { from: ['rectifying'], to: 'rectified' },
  close: { from: ['rectified'], to: 'closed' },
  reopen: { from: ['rectified', 'closed'], to: 'rectifying' },
};

export function canTransition(action: HazardAction, from: HazardStatus): boolean {
  return HAZARD_TRANSITIONS[action].from.includes(from);
}

/** The steps of a case's history (`HazardHistoryEntry.action`), as the history and the refusals name them. */
export const HAZARD_ACTION_LABELS: Record<HazardAction | 'submit' | 'reward' | 'typical', string> = {
  submit: '提交举报',
  startVerification: '开始核查',
  verify: '核实属实',
  reject: '认定不属实',
  assign: '交办整改',
  rectify: '整改完成',
  close: '销号',
  reopen: '重新整改',
  reward: '奖励',
  typical: '典型案例',
};

export const REWARD_STATUSES = ['granted', 'paid'] as const;
export type RewardStatus = (typeof REWARD_STATUSES)[number];
export const REWARD_STATUS_LABELS: Record<RewardStatus, string> = { granted: '已批准', paid: '已发放' };

/** The hazard outcomes a campaign may map to count fields of its statistics table. */
export const HAZARD_OUTCOMES = ['received', 'verified', 'rewarded', 'exposed', 'closed'] as const;
export type HazardOutcome = (typeof HAZARD_OUTCOMES)[number];
export const HAZARD_OUTCOME_LABELS: Record<HazardOutcome, string> = {
  received: '收到隐患举报（件）',
  verified: '查实隐患（处）',
  rewarded: '奖励举报人（人次）',
  exposed: '曝光典型案例（个）',
  closed: '整改销号（处）',
};

/** The statuses of a hazard found true (属实): only these carry a reward or a typical-case mark that counts and shows. */
export const VERIFIED_HAZARD_STATUSES: readonly HazardStatus[] = ['verified', 'rectifying', 'rectified', 'closed'];

export function isHazardVerified(status: HazardStatus): boolean {
  return VERIFIED_HAZARD_STATUSES.includes(status);
}

/** What one hazard adds to each outcome in its current state: counted again after each step, so a case found untrue takes back what verifying added. */
export function hazardOutcomes(hazard: { status: HazardStatus; rewarded: boolean; typical: boolean }): Record<HazardOutcome, number> {
  const verified = isHazardVerified(hazard.status);
  return {
    received: 1,
    verified: verified ? 1 : 0,
    rewarded: verified && hazard.rewarded ? 1 : 0,
    exposed: verified && hazard.typical ? 1 : 0,
    closed: hazard.status === 'closed' ? 1 : 0,
  };
}

// --- receipt codes -------------------------------------------------------------------------------

/** 16 decimal digits: 10¹⁶ codes, too many to guess; more than 2⁵³, so a code is text, never a number. */
export const RECEIPT_CODE_DIGITS = 16;

/** A code as typed: spaces and dashes between the digits are allowed; null when it cannot be one. */
export function normalizeReceiptCode(text: string): string | null {
  const digits = text.replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${RECEIPT_CODE_DIGITS}}$`).test(digits) ? digits : null;
}

/** `1234 5678 9012 3456`, for reading aloud and copying. */
export function formatReceiptCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}

// --- settings ------------------------------------------------------------------------------------

/** GET/PUT /api/campaigns/:campaignId/hazard-settings (campaign.manage). */
export interface HazardSettingsDto {
  /** Whether reports may be anonymous (a receipt code instead of a name). */
  allowAnonymous: boolean;
  /** Whether people without an account may report (always anonymously). */
  allowPublic: boolean;
  categories: string[];
  /** 隐患清零: China-time day (`YYYY-MM-DD`) by which every verified hazard must be closed, or null. */
  zeroingDate: string | null;
  /** The count field each outcome adds to, or null. */
  fields: Record<HazardOutcome, string | null>;
  /** The committee members who handle reports and alone may see reporters (on a committee at or above the organizing unit). */
  handlers: { personId: string; displayName: string }[];
}

export interface UpdateHazardSettingsRequest extends Omit<HazardSettingsDto, 'handlers'> {
  handlerIds: string[];
}

/** GET /api/hazard-campaigns (public): the published campaigns taking reports from the caller. */
export interface HazardCampaignDto {
  id: string;
  title: string;
  organizingUnitName: string;
  categories: string[];
  allowAnonymous: boolean;
  allowPublic: boolean;
}

// --- reporting -----------------------------------------------------------------------------------

export interface HazardLocation {
  latitude: number;
  longitude: number;
  /** As the phone's map named it. */
  address?: string;
}

/**
 * The header an anonymous report and its evidence carry the campaign's reporting pass in, where the
 * campaign takes reports from its own people only (never a bearer token: nothing ties the report to
 * a session).
 */
export const HAZARD_PASS_HEADER = 'X-Hazard-Pass';

/**
 * POST /api/campaigns/:campaignId/hazard-pass (campaign.read): a reporting pass, fetched signed in
 * when the form opens. It names the campaign and its expiry only (the next whole hour a day ahead),
 * so every pass of a campaign issued within the same hour is the same.
 */
export interface HazardPassDto {
  pass: string;
  expiresAt: string;
}

/**
 * POST /api/campaigns/:campaignId/hazards. Anonymous: no bearer token is looked at; a campaign not
 * open to the public wants its reporting pass (`HAZARD_PASS_HEADER`). Named reports need a
 * signed-in person.
 */
export interface CreateHazardRequest {
  /** The unit concerned, when it is one of the campaign's tree; else `place` names it. */
  unitId?: string;
  place: string;
  category: string;
  description: string;
  /** From POST /api/campaigns/:campaignId/hazard-media. */
  mediaIds: string[];
  location?: HazardLocation;
  anonymous: boolean;
}

export interface CreateHazardResponse {
  /** Anonymous reports only: shown once, the only way back to the case. */
  receiptCode: string | null;
  followUp: HazardFollowUpDto;
}

/**
 * POST /api/campaigns/:campaignId/hazard-media (multipart `file`): a photo (metadata stripped) or
 * video. With the pass header or no bearer token, for an anonymous report (the pass rules of
 * `CreateHazardRequest`); with a bearer token, for a named one.
 */
export interface HazardMediaDto {
  id: string;
  kind: 'photo' | 'video';
  mime: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  /** Served to handlers and the responsible unit; null to anyone else. */
  url: string | null;
  thumbnailUrl: string | null;
}

export interface HazardMessageDto {
  id: string;
  /** The reporter's side or the handlers'; never a name. */
  from: 'reporter' | 'handler';
  body: string;
  createdAt: string;
}

/** What the reporter sees: by receipt code (POST /api/hazard-receipts/lookup) or in "my reports". */
export interface HazardFollowUpDto {
  id: string;
  campaignTitle: string;
  category: string;
  place: string;
  description: string;
  status: HazardStatus;
  /** The reason when not verified. */
  reason: string | null;
  mediaCount: number;
  reward: { amountYuan: number; status: RewardStatus } | null;
  messages: HazardMessageDto[];
  createdAt: string;
  updatedAt: string;
}

/** POST /api/hazard-receipts/lookup and …/messages: the code in the body, never in the URL. */
export interface ReceiptCodeRequest {
  code: string;
}

export interface HazardMessageRequest {
  body: string;
}

export interface ReceiptMessageRequest extends ReceiptCodeRequest, HazardMessageRequest {}

// --- handling ------------------------------------------------------------------------------------

export interface HazardHistoryEntry {
  action: HazardAction | 'submit' | 'reward' | 'typical';
  /** The handler's or the unit's member's name; null for the reporter. */
  byName: string | null;
  comment: string | null;
  at: string;
}

/** A case as handlers see it (GET /api/hazards/:id); the reporter only through …/reporter. */
export interface HazardCaseDto {
  id: string;
  campaignId: string;
  category: string;
  place: string;
  unit: { id: string; name: string } | null;
  description: string;
  location: HazardLocation | null;
  anonymous: boolean;
  status: HazardStatus;
  reason: string | null;
  media: HazardMediaDto[];
  rectification: RectificationDto | null;
  reward: { amountYuan: number; status: RewardStatus } | null;
  typical: { link: string | null } | null;
  messages: HazardMessageDto[];
  history: HazardHistoryEntry[];
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface HazardListFilter extends PageQuery {
  status?: HazardStatus;
  category?: string;
  /** Reports concerning the unit or a unit under it, or assigned to one. */
  unitId?: string;
  overdue?: boolean;
  typical?: boolean;
}

/** The list's rows: no messages, media or history. */
export type HazardSummaryDto = Omit<HazardCaseDto, 'media' | 'messages' | 'history' | 'location' | 'rectification'> & {
  rectification: Pick<RectificationDto, 'unit' | 'dueDate'> | null;
};

export interface RejectHazardRequest {
  reason: string;
}

export interface AssignRectificationRequest {
  unitId: string;
  /** China-time day. */
  dueDate: string;
  requirement?: string;
}

export interface ReopenHazardRequest {
  comment: string;
  /** A new due date, else the old one stays. */
  dueDate?: string;
}

export interface RewardRequest {
  amountYuan: number;
  status: RewardStatus;
}

export interface TypicalCaseRequest {
  typical: boolean;
  /** The media report's page. */
  link?: string;
}

/** GET /api/hazards/:id/reporter: handlers only; every call is written to the audit log. */
export type HazardReporterDto = { anonymous: true } | { anonymous: false; personId: string; displayName: string; phone: string | null; wechatOpenId: string | null; ip: string | null };

/** GET /api/campaigns/:campaignId/hazard-identity-log (campaign.manage): who looked at which reporter, when. */
export interface IdentityAccessDto {
  id: string;
  hazardId: string;
  byName: string;
  at: string;
}

// --- rectification -------------------------------------------------------------------------------

export interface RectificationDto {
  unit: { id: string; name: string };
  dueDate: string;
  requirement: string | null;
  /** Filled when the unit reports it done. */
  description: string | null;
  media: HazardMediaDto[];
  doneAt: string | null;
}

/** What the responsible unit sees (GET /api/campaigns/:campaignId/units/:unitId/rectifications, GET /api/rectifications/:hazardId): the case, never the reporter. */
export interface RectificationCaseDto {
  id: string;
  campaignId: string;
  category: string;
  place: string;
  description: string;
  status: HazardStatus;
  media: HazardMediaDto[];
  rectification: RectificationDto;
  overdue: boolean;
  /** The handler's comment when reopened. */
  comment: string | null;
}

/** POST /api/rectifications/:hazardId/done. Photos from POST /api/rectifications/:hazardId/media (event photos: metadata kept). */
export interface RectificationDoneRequest {
  description: string;
  mediaIds: string[];
}

// --- zeroing (隐患清零) ----------------------------------------------------------------------------

export interface HazardCounts {
  open: number;
  overdue: number;
  closed: number;
}

/** GET /api/campaigns/:campaignId/units/:unitId/hazard-counts: the unit's own, its subtree's, and each child's subtree (paged). */
export interface HazardCountsDto {
  zeroingDate: string | null;
  unit: HazardCounts;
  subtree: HazardCounts;
  children: { unit: { id: string; name: string }; subtree: HazardCounts }[];
  childrenTotal: number;
}

/**
 * Overdue on China-time day `today`: a rectification not reported done after its due day, or any
 * verified hazard still open after the campaign's zeroing day.
 */
export function isHazardOverdue(hazard: { status: HazardStatus; dueDate: string | null }, zeroingDate: string | null, today: string): boolean {
  if (!OPEN_HAZARD_STATUSES.includes(hazard.status)) return false;
  if (hazard.status !== 'rectified' && hazard.dueDate !== null && today > hazard.dueDate) return true;
  return zeroingDate !== null && today > zeroingDate;
}
