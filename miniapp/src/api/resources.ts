/**
 * What pages read, one hook per resource, with its key in the cache (`keys`, which an action names
 * to reload what it changed). A hook given no id (or `load` false) loads nothing yet.
 */
import type {
  DeliveryLogQuery,
  DeliverableStatusDto,
  HazardCountsDto,
  HazardListFilter,
  MemberSort,
  Page,
  ReportListFilter,
  ReportSort,
  SortQuery,
  StatisticsScope,
  UnitSort,
  UnitStatusRowDto,
} from '@safemonth/shared';
import { PAGE_LIMITS } from '@safemonth/shared';
import { usePagedResource, useResource, type DataKey } from './data';
import {
  campaignsApi,
  handInsApi,
  inboxApi,
  invitesApi,
  meApi,
  notificationsApi,
  remindersApi,
  reportsApi,
  statisticsApi,
  unitsApi,
  wechatSubscriptionsApi,
  hazardReportsApi,
  hazardHandlingApi,
  rectificationsApi,
  type HandInPlace,
} from './endpoints';

const quiet = { toast: false } as const;
/** A list, also when the answer is empty. */
const orEmpty = async <T>(answer: Promise<T[]>): Promise<T[]> => (await answer) ?? [];

export const keys = {
  me: ['me'] as const,
  campaigns: ['campaigns'] as const,
  campaign: (campaignId: string) => ['campaign', campaignId] as const,
  templates: ['campaign-templates'] as const,
  liaisons: (campaignId: string) => ['liaisons', campaignId] as const,
  myLiaisons: (campaignId: string) => ['liaisons', campaignId, 'mine'] as const,
  report: (reportId: string) => ['report', reportId] as const,
  reports: (campaignId: string, query: ReportListFilter & SortQuery<ReportSort>) =>
    [
      'reports',
      campaignId,
      query.status ?? '',
      query.mine ?? false,
      query.unitId ?? '',
      query.itemId ?? '',
      query.from ?? '',
      query.to ?? '',
      query.reporterId ?? '',
      query.sort ?? '',
      query.order ?? '',
    ] as const,
  totals: (campaignId: string, unitId: string) => ['totals', campaignId, unitId] as const,
  units: (under: string, q = '', outside = '', order: SortQuery<UnitSort> = {}) => ['units', under, q, outside, order.sort ?? '', order.order ?? ''] as const,
  allUnits: (under: string) => ['units', under, '', 'all'] as const,
  firstUnits: (under: string) => ['units', under, '', 'first'] as const,
  unit: (unitId: string) => ['unit', unitId] as const,
  members: (unitId: string, order: SortQuery<MemberSort> = {}) => ['members', unitId, order.sort ?? '', order.order ?? ''] as const,
  invites: (unitId: string) => ['invites', unitId] as const,
  invite: (code: string) => ['invite', code] as const,
  statistics: (campaignId: string, unitId: string, scope: StatisticsScope) => ['statistics', campaignId, unitId, scope] as const,
  manualEntries: (campaignId: string, unitId: string) => ['manual-entries', campaignId, unitId] as const,
  handInStatus: (campaignId: string, unitId: string, size?: number) => ['hand-in-status', campaignId, unitId, size ?? 0] as const,
  handInRanking: (campaignId: string, unitId: string) => ['hand-in-status', campaignId, unitId, 'ranking'] as const,
  handIn: (place: HandInPlace) => ['hand-in', place.campaignId, place.unitId, place.deliverableId, place.periodKey] as const,
  missingUnits: (campaignId: string, deliverableId: string, periodKey: string, unitId: string) =>
    ['hand-in-status', campaignId, unitId, 'missing', deliverableId, periodKey] as const,
  reminderPolicies: (campaignId: string) => ['reminder-policies', campaignId] as const,
  deliveryLog: (campaignId: string, query: Omit<DeliveryLogQuery, 'page' | 'size'>) =>
    ['delivery-log', campaignId, query.kind ?? '', query.status ?? '', query.unitId ?? ''] as const,
  wecomRobots: (unitId: string) => ['wecom-robots', unitId] as const,
  inbox: ['inbox'] as const,
  unreadCount: ['inbox-unread'] as const,
  wechatSubscriptions: ['wechat-subscriptions'] as const,
  hazardCampaigns: ['hazard-campaigns'] as const,
  myHazards: ['my-hazards'] as const,
  myHazard: (hazardId: string) => ['my-hazard', hazardId] as const,
  hazardSettings: (campaignId: string) => ['hazard-settings', campaignId] as const,
  hazardIdentityLog: (campaignId: string) => ['hazard-identity-log', campaignId] as const,
  hazards: (campaignId: string, filter: HazardFilter) =>
    ['hazards', campaignId, filter.status ?? '', filter.category ?? '', filter.unitId ?? '', filter.overdue ?? false, filter.typical ?? false] as const,
  hazard: (hazardId: string) => ['hazard', hazardId] as const,
  rectifications: (campaignId: string, unitId: string) => ['rectifications', campaignId, unitId] as const,
  rectification: (hazardId: string) => ['rectification', hazardId] as const,
  hazardCounts: (campaignId: string, unitId: string) => ['hazard-counts', campaignId, unitId] as const,
} satisfies Record<string, DataKey | ((...args: never[]) => DataKey)>;

/** Who I am, with my memberships. */
export const useMe = (load = true) => useResource(load ? keys.me : null, () => meApi.get(quiet));

/** The campaigns that concern me. */
export const useCampaigns = (load = true) => useResource(load ? keys.campaigns : null, () => orEmpty(campaignsApi.list(quiet)));

export const useCampaign = (campaignId: string | undefined) =>
  useResource(campaignId ? keys.campaign(campaignId) : null, () => campaignsApi.get(campaignId as string, quiet));

export const useCampaignTemplates = () => useResource(keys.templates, () => orEmpty(campaignsApi.templates(quiet)));

/** The liaison forms of a campaign's units that I may see, a page at a time. */
export const useLiaisons = (campaignId: string | undefined) =>
  usePagedResource(campaignId ? keys.liaisons(campaignId) : null, (page) => campaignsApi.liaisons(campaignId as string, { page }, quiet));

/** My own liaison forms in a campaign, all of them (one per unit I am liaison of). */
export const useMyLiaisons = (campaignId: string | undefined) =>
  useResource(campaignId ? keys.myLiaisons(campaignId) : null, () => campaignsApi.myLiaisons(campaignId as string, quiet));

export const useReport = (reportId: string | undefined) =>
  useResource(reportId ? keys.report(reportId) : null, () => reportsApi.get(reportId as string, quiet));

/** A campaign's reports I may see (filtered, or only mine), newest first unless sorted otherwise, a page at a time. */
export const useReports = (campaignId: string | undefined, query: ReportListFilter & SortQuery<ReportSort>) =>
  usePagedResource(campaignId ? keys.reports(campaignId, query) : null, (page) => reportsApi.list(campaignId as string, { ...query, page }, quiet));

/** A unit's statistics totals in a campaign. */
export const useUnitTotals = (campaignId: string, unitId: string | undefined) =>
  useResource(unitId ? keys.totals(campaignId, unitId) : null, () => reportsApi.totals(campaignId, unitId as string, quiet));

/**
 * The units under `under` (its subtree), or those of them whose name has `q`, but none at or under
 * `outside`, a page at a time, in tree order unless sorted otherwise.
 */
export const useUnits = (under: string | undefined, q = '', outside = '', order: SortQuery<UnitSort> = {}) =>
  usePagedResource(under ? keys.units(under, q, outside, order) : null, (page) =>
    unitsApi.list({ under: under as string, q, page, ...(outside ? { outside } : {}), ...order }, quiet),
  );

/** Every unit under `under`, for choices that need them all. */
export const useAllUnits = (under: string | undefined) =>
  useResource(under ? keys.allUnits(under) : null, () => unitsApi.all(under as string, quiet));

/** The first units under `under` in tree order, as many as a page holds (e.g. to nest a chart's units). */
export const useFirstUnits = (under: string | undefined) =>
  useResource(under ? keys.firstUnits(under) : null, () => unitsApi.list({ under: under as string, page: 1, size: PAGE_LIMITS.maxSize }, quiet));

export const useUnit = (unitId: string | undefined) => useResource(unitId ? keys.unit(unitId) : null, () => unitsApi.get(unitId as string, quiet));

/** A unit's members, a page at a time, by role unless sorted otherwise. */
export const useMembers = (unitId: string, order: SortQuery<MemberSort> = {}) =>
  usePagedResource(keys.members(unitId, order), (page) => unitsApi.members(unitId, { page, ...order }, quiet));

/** A unit's invitations that can still be used, newest first, a page at a time. */
export const useInvites = (unitId: string | undefined) =>
  usePagedResource(unitId ? keys.invites(unitId) : null, (page) => unitsApi.invites(unitId as string, { page }, quiet));

/** What an invitation code offers (no session needed). */
export const useInvitePreview = (code: string) =>
  useResource(code ? keys.invite(code) : null, () => invitesApi.preview(code, quiet));

/** A unit's statistics table in a campaign, its own or summed over its subtree. */
export const useStatisticsTable = (campaignId: string | undefined, unitId: string | undefined, scope: StatisticsScope) =>
  useResource(campaignId && unitId ? keys.statistics(campaignId, unitId, scope) : null, () =>
    statisticsApi.table(campaignId as string, unitId as string, scope, quiet),
  );

/** All manual entries of a unit's statistics table in a campaign. */
export const useManualEntries = (campaignId: string, unitId: string | undefined) =>
  useResource(unitId ? keys.manualEntries(campaignId, unitId) : null, () => orEmpty(statisticsApi.manualEntries(campaignId, unitId as string, quiet)));

/** A page of the units' statuses, with the completeness it came with. */
interface StatusPage extends Page<UnitStatusRowDto> {
  status: DeliverableStatusDto;
}

/**
 * Completeness of a unit's subtree in a campaign: per deliverable instance the counts and rates, and
 * a page of its units with their statuses (`size` units a page; the API's default when left out).
 */
export const useHandInStatus = (campaignId: string | undefined, unitId: string | undefined, size?: number) => {
  const paged = usePagedResource(campaignId && unitId ? keys.handInStatus(campaignId, unitId, size) : null, async (page): Promise<StatusPage> => {
    const status = await handInsApi.status(campaignId as string, unitId as string, { page, size }, quiet);
    return { ...status.units, status };
  });
  // The page is the units' page; the instances and the subtree come with every page of it.
  return { ...paged, status: (paged.data as StatusPage | undefined)?.status };
};

/** The direct children of a unit that take part, ranked by their on-time and reporting rates, a page at a time. */
export const useHandInRanking = (campaignId: string | undefined, unitId: string | undefined) =>
  usePagedResource(campaignId && unitId ? keys.handInRanking(campaignId, unitId) : null, (page) =>
    handInsApi.ranking(campaignId as string, unitId as string, { page }, quiet),
  );

/** One unit's hand-in of one deliverable instance. */
export const useHandIn = (place: HandInPlace | undefined) =>
  useResource(place ? keys.handIn(place) : null, () => handInsApi.get(place as HandInPlace, quiet));

/** The units of a subtree behind on one instance, with their liaisons, a page at a time. */
export const useMissingUnits = (campaignId: string, unitId: string, instance: { deliverableId: string; periodKey: string } | undefined) =>
  usePagedResource(instance ? keys.missingUnits(campaignId, instance.deliverableId, instance.periodKey, unitId) : null, (page) =>
    handInsApi.missing(campaignId, instance?.deliverableId as string, instance?.periodKey as string, unitId, { page }, quiet),
  );

/** A campaign's reminder policies: its default and the deliverables' own. */
export const useReminderPolicies = (campaignId: string | undefined) =>
  useResource(campaignId ? keys.reminderPolicies(campaignId) : null, () => remindersApi.policies(campaignId as string, quiet));

/** A campaign's notices, filtered, newest first, a page at a time (提醒记录). */
export const useDeliveryLog = (campaignId: string | undefined, query: Omit<DeliveryLogQuery, 'page' | 'size'>) =>
  usePagedResource(campaignId ? keys.deliveryLog(campaignId, query) : null, (page) => notificationsApi.deliveryLog(campaignId as string, { ...query, page }, quiet));

/** A unit's WeCom group robots. */
export const useWecomRobots = (unitId: string | undefined) =>
  useResource(unitId ? keys.wecomRobots(unitId) : null, () => orEmpty(notificationsApi.wecomRobots(unitId as string, quiet)));

/** My messages, newest first, a page at a time. */
export const useInbox = (load = true) => usePagedResource(load ? keys.inbox : null, (page) => inboxApi.list({ page }, quiet));

/**
 * How many of my messages are unread (the badge of 消息): loaded again whenever the page showing it
 * shows again, and after a message is marked read (the actions name `keys.unreadCount`).
 */
export const useUnreadCount = (load = true) => {
  const count = useResource(load ? keys.unreadCount : null, () => inboxApi.unreadCount(quiet));
  return { ...count, unread: count.data?.unread ?? 0 };
};

/** The WeChat subscribe-message templates, with how many more messages I may be sent with each. */
export const useWechatSubscriptions = (load = true) =>
  useResource(load ? keys.wechatSubscriptions : null, () => wechatSubscriptionsApi.get(quiet));

/** The hazard list's filter (what `useHazards` takes; the page is its own). */
export type HazardFilter = Omit<HazardListFilter, 'page' | 'size'>;

/** A campaign's hazard settings: who may report, categories, 隐患清零, counted fields, handlers. */
export const useHazardSettings = (campaignId: string | undefined) =>
  useResource(campaignId ? keys.hazardSettings(campaignId) : null, () => hazardHandlingApi.settings(campaignId as string, quiet));

/** Who looked at which reporter, a page at a time. */
export const useHazardIdentityLog = (campaignId: string | undefined) =>
  usePagedResource(campaignId ? keys.hazardIdentityLog(campaignId) : null, (page) => hazardHandlingApi.identityLog(campaignId as string, { page }, quiet));

/** A campaign's hazard reports, filtered, a page at a time (the handlers' queue). */
export const useHazards = (campaignId: string | undefined, filter: HazardFilter) =>
  usePagedResource(campaignId ? keys.hazards(campaignId, filter) : null, (page) => hazardHandlingApi.list(campaignId as string, { ...filter, page }, quiet));

/** One hazard report as its handlers see it. */
export const useHazard = (hazardId: string | undefined) =>
  useResource(hazardId ? keys.hazard(hazardId) : null, () => hazardHandlingApi.get(hazardId as string, quiet));

/** The rectifications assigned to a unit, a page at a time. */
export const useRectifications = (campaignId: string | undefined, unitId: string | undefined) =>
  usePagedResource(campaignId && unitId ? keys.rectifications(campaignId, unitId) : null, (page) =>
    rectificationsApi.list(campaignId as string, unitId as string, { page }, quiet),
  );

/** One rectification as the responsible unit sees it. */
export const useRectification = (hazardId: string | undefined) =>
  useResource(hazardId ? keys.rectification(hazardId) : null, () => rectificationsApi.get(hazardId as string, quiet));

/** A page of a unit's children's hazard counts, with the counts it came with. */
interface HazardCountsPage extends Page<HazardCountsDto['children'][number]> {
  counts: HazardCountsDto;
}

/** 隐患清零 of a unit in a campaign: its own counts, its subtree's, and its children's a page at a time. */
export const useHazardCounts = (campaignId: string | undefined, unitId: string | undefined) => {
  const paged = usePagedResource(campaignId && unitId ? keys.hazardCounts(campaignId, unitId) : null, async (page): Promise<HazardCountsPage> => {
    // The answer names no page size: the one asked for is sent.
    const size = PAGE_LIMITS.defaultSize;
    const counts = await hazardHandlingApi.counts(campaignId as string, unitId as string, { page, size }, quiet);
    return { items: counts.children, total: counts.childrenTotal, page, size, counts };
  });
  // The page is the children's; the unit's and the subtree's counts come with every page of it.
  return { ...paged, counts: (paged.data as HazardCountsPage | undefined)?.counts };
};

/** The campaigns taking hazard reports from me (from anyone, without a session). */
export const useHazardCampaigns = () => useResource(keys.hazardCampaigns, () => orEmpty(hazardReportsApi.campaigns(quiet)));

/** My named hazard reports, newest first, a page at a time. */
export const useMyHazards = (load = true) => usePagedResource(load ? keys.myHazards : null, (page) => hazardReportsApi.mine({ page }, quiet));

/** One of my named hazard reports, with its messages. */
export const useMyHazard = (hazardId: string | undefined) =>
  useResource(hazardId ? keys.myHazard(hazardId) : null, () => hazardReportsApi.myReport(hazardId as string, quiet));
