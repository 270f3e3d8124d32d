/**
 * What pages read, one hook per resource, with its key in the cache (`keys`, which an action names
 * to reload what it changed). A hook given no id (or `load` false) loads nothing yet.
 */
import type { ReportStatus } from '@safemonth/shared';
import { useResource, type DataKey } from './data';
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
  report: (reportId: string) => ['report', reportId] as const,
  reports: (campaignId: string, query: ReportQuery) => ['reports', campaignId, query.status ?? '', query.mine ?? false] as const,
  totals: (campaignId: string, unitId: string) => ['totals', campaignId, unitId] as const,
  units: (under: string, q = '') => ['units', under, q] as const,
  members: (unitId: string) => ['members', unitId] as const,
  invite: (code: string) => ['invite', code] as const,
} satisfies Record<string, DataKey | ((...args: never[]) => DataKey)>;

type ReportQuery = { status?: ReportStatus; mine?: boolean };

/** Who I am, with my memberships. */
export const useMe = (load = true) => useResource(load ? keys.me : null, () => meApi.get(quiet));

/** The campaigns that concern me. */
export const useCampaigns = (load = true) => useResource(load ? keys.campaigns : null, () => orEmpty(campaignsApi.list(quiet)));

export const useCampaign = (campaignId: string | undefined) =>
  useResource(campaignId ? keys.campaign(campaignId) : null, () => campaignsApi.get(campaignId as string, quiet));

export const useCampaignTemplates = () => useResource(keys.templates, () => orEmpty(campaignsApi.templates(quiet)));

/** The liaison forms of a campaign's units. */
export const useLiaisons = (campaignId: string | undefined) =>
  useResource(campaignId ? keys.liaisons(campaignId) : null, () => orEmpty(campaignsApi.liaisons(campaignId as string, quiet)));

export const useReport = (reportId: string | undefined) =>
  useResource(reportId ? keys.report(reportId) : null, () => reportsApi.get(reportId as string, quiet));

export const useReports = (campaignId: string | undefined, query: ReportQuery) =>
  useResource(campaignId ? keys.reports(campaignId, query) : null, () => reportsApi.list(campaignId as string, query, quiet));

/** A unit's statistics totals in a campaign. */
export const useUnitTotals = (campaignId: string, unitId: string | undefined) =>
  useResource(unitId ? keys.totals(campaignId, unitId) : null, () => reportsApi.totals(campaignId, unitId as string, quiet));

/** The units under `under` (its subtree), or those of them whose name has `q`. */
export const useUnits = (under: string | undefined, q = '') =>
  useResource(under ? keys.units(under, q) : null, () => unitsApi.list({ under: under as string, q }, quiet));

export const useMembers = (unitId: string) => useResource(keys.members(unitId), () => unitsApi.members(unitId, quiet));

/** What an invitation code offers (no session needed). */
export const useInvitePreview = (code: string) =>
  useResource(code ? keys.invite(code) : null, () => invitesApi.preview(code, quiet));
