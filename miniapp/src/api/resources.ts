/**
 * What pages read, one hook per resource, with its key in the cache (`keys`, which an action names
 * to reload what it changed). A hook given no id (or `load` false) loads nothing yet.
 */
import type {
  DeliveryLogQuery,
  DeliverableStatusDto,
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
