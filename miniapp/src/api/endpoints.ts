/**
 * Typed calls of the HTTP API, one function per endpoint. All of them go through the one client
 * in `./client` (token, refresh, error handling); shapes are the shared API types.
 */
import type {
  CreateExportRequest,
  DeliverableStatusDto,
  DocumentDto,
  ExportJobDto,
  HandInDto,
  MissingUnitDto,
  ReviewHandInRequest,
  ReviewTableRequest,
  StatisticsScope,
  StatisticsTableDto,
  TableSubmissionDto,
  BulkAcceptResponse,
  CreateReportRequest,
  MediaDto,
  ReportDto,
  ReportInput,
  ReportListFilter,
  ReportSort,
  ReviewReportRequest,
  SortQuery,
  UnitTotalsDto,
  CampaignDto,
  CampaignSummaryDto,
  CampaignTemplateSummary,
  CloneCampaignRequest,
  CreateCampaignRequest,
  CreateFromTemplateRequest,
  CreateInviteRequest,
  LiaisonRegistrationDto,
  LiaisonRegistrationRequest,
  ReplaceDeliverablesRequest,
  ReplaceItemsRequest,
  UpdateCampaignRequest,
  CreateUnitRequest,
  InviteDto,
  InvitePreview,
  MemberSort,
  MeResponse,
  MoveUnitRequest,
  Page,
  PageQuery,
  PasswordSignInRequest,
  RedeemInviteResponse,
  RegisterWithInviteRequest,
  SignInResponse,
  UnitDto,
  UnitImportResponse,
  UnitMemberDto,
  UnitRankingDto,
  UnitSort,
  UpdateUnitRequest,
  WechatSignInRequest,
  CreateManualEntryRequest,
  FieldAnswerDto,
  HandInRequest,
  ManualEntryDto,
  SubmitTableRequest,
  CreateWecomRobotRequest,
  DeliveryLogEntryDto,
  DeliveryLogQuery,
  ManualReminderRequest,
  ManualReminderResponse,
  ReminderPoliciesDto,
  UpdateWecomRobotRequest,
  WecomRobotDto,
  InboxMessageDto,
  InboxReadAllResponse,
  InboxUnreadCountDto,
  WechatSubscriptionsDto,
  AssignRectificationRequest,
  HazardCaseDto,
  HazardCountsDto,
  HazardListFilter,
  HazardMediaDto,
  HazardMessageDto,
  HazardMessageRequest,
  HazardReporterDto,
  HazardSettingsDto,
  HazardSummaryDto,
  IdentityAccessDto,
  RectificationCaseDto,
  RectificationDoneRequest,
  RejectHazardRequest,
  ReopenHazardRequest,
  RewardRequest,
  TypicalCaseRequest,
  UpdateHazardSettingsRequest,
  CreateHazardRequest,
  CreateHazardResponse,
  HazardCampaignDto,
  HazardFollowUpDto,
  HazardPassDto,
} from '@safemonth/shared';
import { HAZARD_PASS_HEADER, PAGE_LIMITS } from '@safemonth/shared';
import { api, type CallOptions } from './client';

/** Per-call options a page may pass: whether to toast errors. */
export type Quiet = Pick<CallOptions, 'toast'>;

const id = (value: string) => encodeURIComponent(value);

/** Every item of a paged list, read a page of the largest size at a time. */
async function everyPage<T>(load: (query: PageQuery) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const answer = await load({ page, size: PAGE_LIMITS.maxSize });
    items.push(...answer.items);
    if (answer.items.length < answer.size) return items;
  }
}

export const authApi = {
  password: (body: PasswordSignInRequest, options?: Quiet) =>
    api.post<SignInResponse>('/api/auth/password', body, { ...options, auth: false }),
  wechat: (body: WechatSignInRequest, options?: Quiet) =>
    api.post<SignInResponse>('/api/auth/wechat', body, { ...options, auth: false }),
  signOut: (refreshToken: string, options?: Quiet) =>
    api.post<void>('/api/auth/sign-out', { refreshToken }, { ...options, auth: false }),
};

export const meApi = {
  get: (options?: Quiet) => api.get<MeResponse>('/api/me', options),
};

export const unitsApi = {
  /**
   * A page of the subtree under `under` (parents before their subtrees, unless sorted by name), or
   * of those of it whose name has `q`; without `outside` and its subtree (where that unit may move to).
   */
  list: (query: { under: string; q?: string; outside?: string } & PageQuery & SortQuery<UnitSort>, options?: Quiet) =>
    api.get<Page<UnitDto>>('/api/units', { ...options, query: { ...query } }),
  /** The whole subtree, page after page, for choices that need every unit (e.g. which units take part). */
  all: (under: string, options?: Quiet) => everyPage((query) => unitsApi.list({ under, ...query }, options)),
  get: (unitId: string, options?: Quiet) => api.get<UnitDto>(`/api/units/${id(unitId)}`, options),
  create: (body: CreateUnitRequest, options?: Quiet) => api.post<UnitDto>('/api/units', body, options),
  update: (unitId: string, body: UpdateUnitRequest, options?: Quiet) =>
    api.patch<UnitDto>(`/api/units/${id(unitId)}`, body, options),
  move: (unitId: string, body: MoveUnitRequest, options?: Quiet) =>
    api.post<UnitDto>(`/api/units/${id(unitId)}/move`, body, options),
  /** Removes a unit that holds nothing (no units under it, members or data). */
  remove: (unitId: string, options?: Quiet) => api.delete<void>(`/api/units/${id(unitId)}`, options),
  removeMember: (membershipId: string, options?: Quiet) => api.delete<void>(`/api/memberships/${id(membershipId)}`, options),
  members: (unitId: string, query: PageQuery & SortQuery<MemberSort>, options?: Quiet) =>
    api.get<Page<UnitMemberDto>>(`/api/units/${id(unitId)}/members`, { ...options, query: { ...query } }),
  invites: (unitId: string, query: PageQuery, options?: Quiet) =>
    api.get<Page<InviteDto>>(`/api/units/${id(unitId)}/invites`, { ...options, query: { ...query } }),
  /** Takes an invite back: its code and QR code stop working. */
  revokeInvite: (unitId: string, inviteId: string, options?: Quiet) =>
    api.delete<void>(`/api/units/${id(unitId)}/invites/${id(inviteId)}`, options),
  /** `file`: `{ file, fileName }` on h5, `{ filePath }` on weapp. */
  import: (unitId: string, file: { filePath?: string; file?: Blob; fileName?: string }, options?: Quiet) =>
    api.upload<UnitImportResponse>(`/api/units/${id(unitId)}/import`, { ...options, ...file, name: 'file' }),
};

export const invitesApi = {
  create: (body: CreateInviteRequest, options?: Quiet) => api.post<InviteDto>('/api/invites', body, options),
  preview: (code: string, options?: Quiet) =>
    api.get<InvitePreview>(`/api/invites/${id(code)}/preview`, { ...options, auth: false }),
  redeem: (code: string, options?: Quiet) =>
    api.post<RedeemInviteResponse>('/api/invites/redeem', { code }, options),
  register: (body: RegisterWithInviteRequest, options?: Quiet) =>
    api.post<SignInResponse>('/api/invites/register', body, { ...options, auth: false }),
};

export const campaignsApi = {
  /** The campaigns that concern me (drafts only for the committee members who manage them). */
  list: (options?: Quiet) => api.get<CampaignSummaryDto[]>('/api/campaigns', options),
  get: (campaignId: string, options?: Quiet) => api.get<CampaignDto>(`/api/campaigns/${id(campaignId)}`, options),
  templates: (options?: Quiet) => api.get<CampaignTemplateSummary[]>('/api/campaign-templates', options),
  createFromTemplate: (body: CreateFromTemplateRequest, options?: Quiet) =>
    api.post<CampaignDto>('/api/campaigns/from-template', body, options),
  create: (body: CreateCampaignRequest, options?: Quiet) => api.post<CampaignDto>('/api/campaigns', body, options),
  update: (campaignId: string, body: UpdateCampaignRequest, options?: Quiet) =>
    api.put<CampaignDto>(`/api/campaigns/${id(campaignId)}`, body, options),
  replaceItems: (campaignId: string, body: ReplaceItemsRequest, options?: Quiet) =>
    api.put<CampaignDto>(`/api/campaigns/${id(campaignId)}/items`, body, options),
  replaceDeliverables: (campaignId: string, body: ReplaceDeliverablesRequest, options?: Quiet) =>
    api.put<CampaignDto>(`/api/campaigns/${id(campaignId)}/deliverables`, body, options),
  publish: (campaignId: string, options?: Quiet) => api.post<CampaignDto>(`/api/campaigns/${id(campaignId)}/publish`, undefined, options),
  clone: (campaignId: string, body: CloneCampaignRequest, options?: Quiet) =>
    api.post<CampaignDto>(`/api/campaigns/${id(campaignId)}/clone`, body, options),
  /** A page of the liaison forms I may see (`mine`: only my own). */
  liaisons: (campaignId: string, query: { mine?: boolean } & PageQuery, options?: Quiet) =>
    api.get<Page<LiaisonRegistrationDto>>(`/api/campaigns/${id(campaignId)}/liaisons`, {
      ...options,
      query: { page: query.page, size: query.size, mine: query.mine ? 'true' : undefined },
    }),
  /** My own liaison forms, page after page. */
  myLiaisons: (campaignId: string, options?: Quiet) =>
    everyPage((query) => campaignsApi.liaisons(campaignId, { ...query, mine: true }, options)),
  registerLiaison: (campaignId: string, body: LiaisonRegistrationRequest, options?: Quiet) =>
    api.put<LiaisonRegistrationDto>(`/api/campaigns/${id(campaignId)}/liaisons/mine`, body, options),
  /** The liaison forms as an XLSX file: saved (h5) or opened (weapp). */
  exportLiaisons: (campaignId: string, fileName: string, options?: Quiet) =>
    api.download(`/api/campaigns/${id(campaignId)}/liaisons/export`, { ...options, fileName, fileType: 'xlsx' }),
};

export const reportsApi = {
  /**
   * A page of the campaign's reports I may see, newest first unless sorted otherwise, filtered (a
   * unit with its subtree, item, status, days, reporter).
   */
  list: (campaignId: string, query: ReportListFilter & PageQuery & SortQuery<ReportSort>, options?: Quiet) =>
    api.get<Page<ReportDto>>(`/api/campaigns/${id(campaignId)}/reports`, {
      ...options,
      query: {
        unitId: query.unitId,
        itemId: query.itemId,
        status: query.status,
        from: query.from,
        to: query.to,
        reporterId: query.reporterId,
        mine: query.mine ? 'true' : undefined,
        sort: query.sort,
        order: query.order,
        page: query.page,
        size: query.size,
      },
    }),
  get: (reportId: string, options?: Quiet) => api.get<ReportDto>(`/api/reports/${id(reportId)}`, options),
  /** Sending the same `idempotencyKey` again returns the same report. */
  create: (body: CreateReportRequest, options?: Quiet) => api.post<ReportDto>('/api/reports', body, options),
  update: (reportId: string, body: ReportInput, options?: Quiet) =>
    api.put<ReportDto>(`/api/reports/${id(reportId)}`, body, options),
  review: (reportId: string, body: ReviewReportRequest, options?: Quiet) =>
    api.post<ReportDto>(`/api/reports/${id(reportId)}/review`, body, options),
  bulkAccept: (reportIds: string[], options?: Quiet) =>
    api.post<BulkAcceptResponse>('/api/reports/bulk-accept', { reportIds }, options),
  totals: (campaignId: string, unitId: string, options?: Quiet) =>
    api.get<UnitTotalsDto>(`/api/campaigns/${id(campaignId)}/units/${id(unitId)}/totals`, options),
};

export const mediaApi = {
  /** One file per request: `{ file, fileName }` on h5, `{ filePath }` on weapp. */
  upload: (
    campaignId: string,
    unitId: string,
    file: { filePath?: string; file?: Blob; fileName?: string },
    onProgress?: (percent: number) => void,
    options?: Quiet,
  ) =>
    api.upload<MediaDto>(`/api/campaigns/${id(campaignId)}/units/${id(unitId)}/media`, {
      ...options,
      ...file,
      name: 'file',
      onProgress,
    }),
  /** A local URL (h5 blob:, weapp temp path) of the file or its thumbnail. */
  url: (mediaId: string, thumbnail = false) =>
    api.fileUrl(`/api/media/${id(mediaId)}${thumbnail ? '/thumbnail' : ''}`),
};

export const statisticsApi = {
  /** A unit's statistics table in a campaign: its own (`unit`) or summed over its subtree. */
  table: (campaignId: string, unitId: string, scope: StatisticsScope, options?: Quiet) =>
    api.get<StatisticsTableDto>(`/api/campaigns/${id(campaignId)}/units/${id(unitId)}/statistics`, { ...options, query: { scope } }),
  /** The committee accepts a unit's table as handed in, or returns it with a comment. */
  reviewSubmission: (campaignId: string, unitId: string, body: ReviewTableRequest, options?: Quiet) =>
    api.post<TableSubmissionDto>(`/api/campaigns/${id(campaignId)}/units/${id(unitId)}/statistics/submission/review`, body, options),
  /** All manual entries of a unit's table (work done offline, each with its note). */
  manualEntries: (campaignId: string, unitId: string, options?: Quiet) =>
    api.get<ManualEntryDto[]>(`/api/campaigns/${id(campaignId)}/units/${id(unitId)}/manual-entries`, options),
  addManualEntry: (campaignId: string, unitId: string, body: CreateManualEntryRequest, options?: Quiet) =>
    api.post<ManualEntryDto>(`/api/campaigns/${id(campaignId)}/units/${id(unitId)}/manual-entries`, body, options),
  removeManualEntry: (campaignId: string, unitId: string, entryId: string, options?: Quiet) =>
    api.delete<void>(`/api/campaigns/${id(campaignId)}/units/${id(unitId)}/manual-entries/${id(entryId)}`, options),
  /** The unit's answer to a yes/no field (`true`/`false`) or a text field. */
  answer: (campaignId: string, unitId: string, fieldId: string, value: boolean | string, options?: Quiet) =>
    api.put<FieldAnswerDto>(`/api/campaigns/${id(campaignId)}/units/${id(unitId)}/answers/${id(fieldId)}`, { value }, options),
  /** The liaison hands the table in (统计表报送), signed with the header's 联系人, 电话 and 填报日期. */
  submit: (campaignId: string, unitId: string, body: SubmitTableRequest, options?: Quiet) =>
    api.post<TableSubmissionDto>(`/api/campaigns/${id(campaignId)}/units/${id(unitId)}/statistics/submission`, body, options),
};

/** Where one unit's hand-in of one deliverable instance lives. */
export interface HandInPlace {
  campaignId: string;
  unitId: string;
  deliverableId: string;
  periodKey: string;
}

const handInPath = (p: HandInPlace) =>
  `/api/campaigns/${id(p.campaignId)}/units/${id(p.unitId)}/hand-ins/${id(p.deliverableId)}/${id(p.periodKey)}`;

export const handInsApi = {
  /** Completeness of `unitId`'s subtree: per instance the counts and rates, a page of units with their statuses. */
  status: (campaignId: string, unitId: string, query: PageQuery, options?: Quiet) =>
    api.get<DeliverableStatusDto>(`/api/campaigns/${id(campaignId)}/hand-in-status`, { ...options, query: { unitId, ...query } }),
  /** The direct children of `unitId` that take part, best first by on-time rate, then reporting rate, over the instances due. */
  ranking: (campaignId: string, unitId: string, query: PageQuery, options?: Quiet) =>
    api.get<Page<UnitRankingDto>>(`/api/campaigns/${id(campaignId)}/hand-in-status/ranking`, { ...options, query: { unitId, ...query } }),
  /** The units of `unitId`'s subtree behind on one instance, with their liaisons' names and phones. */
  missing: (campaignId: string, deliverableId: string, periodKey: string, unitId: string, query: PageQuery, options?: Quiet) =>
    api.get<Page<MissingUnitDto>>(`/api/campaigns/${id(campaignId)}/hand-in-status/${id(deliverableId)}/${id(periodKey)}/missing`, {
      ...options,
      query: { unitId, ...query },
    }),
  get: (place: HandInPlace, options?: Quiet) => api.get<HandInDto>(handInPath(place), options),
  /** The unit's liaison hands an instance in, or hands it in again. */
  submit: (body: HandInRequest, options?: Quiet) => api.post<HandInDto>('/api/hand-ins', body, options),
  /** One document per request, to be named in a hand-in: `{ file, fileName }` on h5, `{ filePath }` on weapp. */
  uploadDocument: (
    campaignId: string,
    unitId: string,
    file: { filePath?: string; file?: Blob; fileName?: string },
    onProgress?: (percent: number) => void,
    options?: Quiet,
  ) => api.upload<DocumentDto>(`/api/campaigns/${id(campaignId)}/units/${id(unitId)}/documents`, { ...options, ...file, name: 'file', onProgress }),
  review: (place: HandInPlace, body: ReviewHandInRequest, options?: Quiet) => api.post<HandInDto>(`${handInPath(place)}/review`, body, options),
  /** A handed-in document: saved (h5) or opened (weapp). */
  openDocument: (document: DocumentDto, options?: Quiet) =>
    api.download(document.url, { ...options, fileName: document.fileName, fileType: document.format }),
};

export const exportsApi = {
  /** Starts an export in the background; follow it with `get`. */
  create: (campaignId: string, body: CreateExportRequest, options?: Quiet) =>
    api.post<ExportJobDto>(`/api/campaigns/${id(campaignId)}/exports`, body, options),
  get: (jobId: string, options?: Quiet) => api.get<ExportJobDto>(`/api/exports/${id(jobId)}`, options),
  /** The finished file: saved (h5) or opened (weapp). */
  download: (job: ExportJobDto, options?: Quiet) =>
    api.download(`/api/exports/${id(job.id)}/file`, { ...options, fileName: job.fileName, fileType: 'xlsx' }),
};

export const remindersApi = {
  /** The campaign's default reminder policy and the deliverables that have their own. */
  policies: (campaignId: string, options?: Quiet) => api.get<ReminderPoliciesDto>(`/api/campaigns/${id(campaignId)}/reminder-policies`, options),
  /** Replaces them all: a deliverable left out follows the default. */
  replacePolicies: (campaignId: string, body: ReminderPoliciesDto, options?: Quiet) =>
    api.put<ReminderPoliciesDto>(`/api/campaigns/${id(campaignId)}/reminder-policies`, body, options),
  /** Reminds now the liaisons of every unit owing the instance in the subtree of `unitId`; answers how many notices were queued. */
  remind: (campaignId: string, body: ManualReminderRequest, options?: Quiet) =>
    api.post<ManualReminderResponse>(`/api/campaigns/${id(campaignId)}/reminders`, body, options),
};

export const notificationsApi = {
  /** The campaign's notices, newest first, each with its tries (提醒记录). */
  deliveryLog: (campaignId: string, query: DeliveryLogQuery, options?: Quiet) =>
    api.get<Page<DeliveryLogEntryDto>>(`/api/campaigns/${id(campaignId)}/notifications`, {
      ...options,
      query: { kind: query.kind, status: query.status, unitId: query.unitId, page: query.page, size: query.size },
    }),
  /** A unit's WeCom group robots (their webhook keys masked), oldest first. */
  wecomRobots: (unitId: string, options?: Quiet) => api.get<WecomRobotDto[]>(`/api/units/${id(unitId)}/wecom-robots`, options),
  addWecomRobot: (unitId: string, body: CreateWecomRobotRequest, options?: Quiet) =>
    api.post<WecomRobotDto>(`/api/units/${id(unitId)}/wecom-robots`, body, options),
  /** PUT rather than PATCH: WeChat's `wx.request` cannot send PATCH. */
  updateWecomRobot: (unitId: string, robotId: string, body: UpdateWecomRobotRequest, options?: Quiet) =>
    api.put<WecomRobotDto>(`/api/units/${id(unitId)}/wecom-robots/${id(robotId)}`, body, options),
  removeWecomRobot: (unitId: string, robotId: string, options?: Quiet) => api.delete<void>(`/api/units/${id(unitId)}/wecom-robots/${id(robotId)}`, options),
};

export const inboxApi = {
  /** A page of my own messages, newest first. */
  list: (query: PageQuery, options?: Quiet) => api.get<Page<InboxMessageDto>>('/api/inbox', { ...options, query: { ...query } }),
  unreadCount: (options?: Quiet) => api.get<InboxUnreadCountDto>('/api/inbox/unread-count', options),
  /** Marks one read (read again, it keeps when it was first read). */
  read: (messageId: string, options?: Quiet) => api.post<InboxMessageDto>(`/api/inbox/${id(messageId)}/read`, undefined, options),
  readAll: (options?: Quiet) => api.post<InboxReadAllResponse>('/api/inbox/read-all', undefined, options),
};

export const wechatSubscriptionsApi = {
  /** The subscribe-message templates the server sends with, and how many more messages I may be sent with each. */
  get: (options?: Quiet) => api.get<WechatSubscriptionsDto>('/api/notifications/wechat-subscriptions', options),
  /** The templates I accepted in `requestSubscribeMessage`: one message more on each. */
  add: (templateIds: string[], options?: Quiet) =>
    api.post<WechatSubscriptionsDto>('/api/notifications/wechat-subscriptions', { templateIds }, options),
};

// --- hazards (隐患随手拍): the handlers' console and the responsible unit's rectification --------

export const hazardHandlingApi = {
  settings: (campaignId: string, options?: Quiet) => api.get<HazardSettingsDto>(`/api/campaigns/${id(campaignId)}/hazard-settings`, options),
  updateSettings: (campaignId: string, body: UpdateHazardSettingsRequest, options?: Quiet) =>
    api.put<HazardSettingsDto>(`/api/campaigns/${id(campaignId)}/hazard-settings`, body, options),
  /** Who looked at which reporter, and when (newest first). */
  identityLog: (campaignId: string, query: PageQuery, options?: Quiet) =>
    api.get<Page<IdentityAccessDto>>(`/api/campaigns/${id(campaignId)}/hazard-identity-log`, { ...options, query: { ...query } }),
  /** The campaign's hazard reports, filtered, a page at a time (designated handlers only). */
  list: (campaignId: string, query: HazardListFilter, options?: Quiet) =>
    api.get<Page<HazardSummaryDto>>(`/api/campaigns/${id(campaignId)}/hazards`, {
      ...options,
      query: {
        status: query.status,
        category: query.category,
        unitId: query.unitId,
        overdue: query.overdue ? 'true' : undefined,
        typical: query.typical ? 'true' : undefined,
        page: query.page,
        size: query.size,
      },
    }),
  get: (hazardId: string, options?: Quiet) => api.get<HazardCaseDto>(`/api/hazards/${id(hazardId)}`, options),
  /** A handler's message to the reporter. */
  message: (hazardId: string, body: HazardMessageRequest, options?: Quiet) => api.post<HazardMessageDto>(`/api/hazards/${id(hazardId)}/messages`, body, options),
  /** The reporter's identity: every call is written to the identity access log. */
  reporter: (hazardId: string, options?: Quiet) => api.get<HazardReporterDto>(`/api/hazards/${id(hazardId)}/reporter`, options),
  startVerification: (hazardId: string, options?: Quiet) => api.post<unknown>(`/api/hazards/${id(hazardId)}/start-verification`, undefined, options),
  verify: (hazardId: string, options?: Quiet) => api.post<unknown>(`/api/hazards/${id(hazardId)}/verify`, undefined, options),
  reject: (hazardId: string, body: RejectHazardRequest, options?: Quiet) => api.post<unknown>(`/api/hazards/${id(hazardId)}/reject`, body, options),
  assign: (hazardId: string, body: AssignRectificationRequest, options?: Quiet) => api.post<unknown>(`/api/hazards/${id(hazardId)}/assign`, body, options),
  close: (hazardId: string, options?: Quiet) => api.post<unknown>(`/api/hazards/${id(hazardId)}/close`, undefined, options),
  reopen: (hazardId: string, body: ReopenHazardRequest, options?: Quiet) => api.post<unknown>(`/api/hazards/${id(hazardId)}/reopen`, body, options),
  setReward: (hazardId: string, body: RewardRequest, options?: Quiet) => api.put<unknown>(`/api/hazards/${id(hazardId)}/reward`, body, options),
  removeReward: (hazardId: string, options?: Quiet) => api.delete<unknown>(`/api/hazards/${id(hazardId)}/reward`, options),
  setTypical: (hazardId: string, body: TypicalCaseRequest, options?: Quiet) => api.put<unknown>(`/api/hazards/${id(hazardId)}/typical`, body, options),
  /** 隐患清零: open / overdue / closed of the unit, its subtree and (a page of) its children's subtrees. */
  counts: (campaignId: string, unitId: string, query: PageQuery, options?: Quiet) =>
    api.get<HazardCountsDto>(`/api/campaigns/${id(campaignId)}/units/${id(unitId)}/hazard-counts`, { ...options, query: { ...query } }),
  /** A local URL (h5 blob:, weapp temp path) of a hazard's photo or video, or its thumbnail, by the URLs its DTO names. */
  mediaUrl: (media: Pick<HazardMediaDto, 'url' | 'thumbnailUrl'>, thumbnail = false) => {
    const path = thumbnail ? media.thumbnailUrl : media.url;
    return path ? api.fileUrl(path) : Promise.reject(new Error('no media url'));
  },
};

export const rectificationsApi = {
  /** The rectifications assigned to a unit, overdue first, a page at a time (never the reporter). */
  list: (campaignId: string, unitId: string, query: PageQuery, options?: Quiet) =>
    api.get<Page<RectificationCaseDto>>(`/api/campaigns/${id(campaignId)}/units/${id(unitId)}/rectifications`, { ...options, query: { ...query } }),
  get: (hazardId: string, options?: Quiet) => api.get<RectificationCaseDto>(`/api/rectifications/${id(hazardId)}`, options),
  /** One photo or video of the rectification per request: `{ file, fileName }` on h5, `{ filePath }` on weapp. */
  uploadMedia: (hazardId: string, file: { filePath?: string; file?: Blob; fileName?: string }, onProgress?: (percent: number) => void, options?: Quiet) =>
    api.upload<HazardMediaDto>(`/api/rectifications/${id(hazardId)}/media`, { ...options, ...file, name: 'file', onProgress }),
  /** The unit reports it rectified, with a description and the uploaded photos. */
  done: (hazardId: string, body: RectificationDoneRequest, options?: Quiet) => api.post<unknown>(`/api/rectifications/${id(hazardId)}/done`, body, options),
};

// --- hazards (隐患随手拍): the reporter's side ---------------------------------------------------

/**
 * How a report and its files go: a named one with the session; an anonymous one never with the
 * session's token (nothing of a signed-in person travels with the report, its files or its receipt
 * code), but with the campaign's pass where it takes reports from its own people only.
 */
const reporting = (anonymous: boolean, pass: string | undefined): Pick<CallOptions, 'auth' | 'headers'> =>
  anonymous ? { auth: false, ...(pass ? { headers: { [HAZARD_PASS_HEADER]: pass } } : {}) } : { auth: true };

export const hazardReportsApi = {
  /** The published campaigns taking reports from me (from anyone, when I am not signed in). */
  campaigns: (options?: Quiet) => api.get<HazardCampaignDto[]>('/api/hazard-campaigns', options),
  /** A pass for anonymous reports to a campaign taking them from its own people only (signed in; the same for all its people within an hour). */
  pass: (campaignId: string, options?: Quiet) => api.post<HazardPassDto>(`/api/campaigns/${id(campaignId)}/hazard-pass`, undefined, options),
  /**
   * One photo or video per request (its metadata stripped by the server): `{ file, fileName }` on h5, `{ filePath }` on weapp.
   * For an anonymous report with the campaign's pass if it wants one, else for a named one (see `reporting`).
   */
  uploadMedia: (
    campaignId: string,
    report: { anonymous: boolean; pass?: string },
    file: { filePath?: string; file?: Blob; fileName?: string },
    onProgress?: (percent: number) => void,
    options?: Quiet,
  ) =>
    api.upload<HazardMediaDto>(`/api/campaigns/${id(campaignId)}/hazard-media`, {
      ...options,
      ...file,
      name: 'file',
      onProgress,
      ...reporting(report.anonymous, report.pass),
    }),
  /** An anonymous report (with the campaign's pass if it wants one) answers its receipt code, once; see `reporting`. */
  create: (campaignId: string, body: CreateHazardRequest, pass: string | undefined, options?: Quiet) =>
    api.post<CreateHazardResponse>(`/api/campaigns/${id(campaignId)}/hazards`, body, { ...options, ...reporting(body.anonymous, pass) }),
  /** The case behind a receipt code (in the body, never in the URL). */
  lookup: (code: string, options?: Quiet) => api.post<HazardFollowUpDto>('/api/hazard-receipts/lookup', { code }, { ...options, auth: false }),
  /** The reporter's message to the handlers, by receipt code: answers the case with the message. */
  messageByReceipt: (code: string, body: string, options?: Quiet) =>
    api.post<HazardFollowUpDto>('/api/hazard-receipts/messages', { code, body }, { ...options, auth: false }),
  /** A page of my own named reports, newest first. */
  mine: (query: PageQuery, options?: Quiet) => api.get<Page<HazardFollowUpDto>>('/api/hazards/mine', { ...options, query: { ...query } }),
  myReport: (hazardId: string, options?: Quiet) => api.get<HazardFollowUpDto>(`/api/hazards/mine/${id(hazardId)}`, options),
  /** My message to the handlers of one of my named reports. */
  messageMine: (hazardId: string, body: string, options?: Quiet) =>
    api.post<HazardFollowUpDto>(`/api/hazards/mine/${id(hazardId)}/messages`, { body }, options),
};
