/**
 * What pages read, one hook per resource, with its key in the cache (`keys`, which an action names
 * to reload what it changed). A hook given no id (or `load` false) loads nothing yet.
 */
import type { MemberSort, ReportListFilter, ReportSort, SortQuery, UnitSort } from '@safemonth/shared';
import { usePagedResource, useResource, type DataKey } from './data';
import { campaignsApi, invitesApi, meApi, reportsApi, unitsApi } from './endpoints';

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
  unit: (unitId: string) => ['unit', unitId] as const,
  members: (unitId: string, order: SortQuery<MemberSort> = {}) => ['members', unitId, order.sort ?? '', order.order ?? ''] as const,
  invites: (unitId: string) => ['invites', unitId] as const,
  invite: (code: string) => ['invite', code] as const,
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
