import { deadlineInstances, defaultReminderPolicy, proposeContributions, Role } from '@safemonth/shared';
import { Unit } from '../src/units/unit.entity';
import { photo } from './fixtures/media';
import { CampaignsService } from '../src/campaigns/campaigns.service';
import { ApiException } from '../src/common/api-exception';
import { Database } from '../src/database/database.service';
import { DeliverablesService } from '../src/deliverables/deliverables.service';
import { ExportRunner } from '../src/exports/export-runner';
import { ExportsService } from '../src/exports/exports.service';
import { InvitesService } from '../src/invites/invites.service';
import { WecomRobotsService } from '../src/notifications/channels/wecom-robots.service';
import { InboxMessage } from '../src/notifications/inbox-message.entity';
import { PeopleService } from '../src/people/people.service';
import { StatisticsService } from '../src/statistics/statistics.service';
import { StatisticsTableService } from '../src/statistics/statistics-table.service';
import { newCampaign, newPerson, newReport, newUnit, TestPerson } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

/**
 * The authorization matrix: every endpoint, called by a committee member, a liaison and a staff
 * member of unit A, by someone with no unit, and signed out, on A itself ("own"), on A's child
 * ("child") and on a unit elsewhere ("other"). The expectations are written out here, by hand,
 * from the policy as the product states it; they are not computed from the policy code. A refusal
 * is 403 to a caller who may see the object (a unit, campaign, report…) and the 404 of a missing
 * one, word for word, to a caller who may not, so that ids of other units' objects are not confirmed.
 */
type Target = 'own' | 'child' | 'other';
type Who = 'committee' | 'liaison' | 'staff' | 'none';
/** Allowed, forbidden (403), or hidden: answered as a missing object of that kind (404, its message). */
type Verdict = true | false | string;
const Y = true;
const N = false;
const UNIT = '单位不存在';
const MEMBERSHIP = '该成员关系不存在';
const CAMPAIGN = '活动不存在';
const REPORT = '报告不存在';
const MEDIA = '照片或视频不存在';
const EXPORT = '导出任务不存在';
/** The WeChat template the server sends reminders with, so that anyone may subscribe to it. */
const REMINDER_TEMPLATE = 'tpl-Reminder-1';

interface Fixture {
  units: Record<Target, Unit>;
  people: Record<Who, TestPerson>;
  /** A published campaign of the root committee, in which every unit takes part. */
  rootCampaignId: string;
}

interface Case {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  route: string;
  /** Builds the request for one target; may create what it consumes. */
  call: (t: TestApp, f: Fixture, target: Unit, who: Who) => Promise<{ path: string; body?: object; file?: Buffer }>;
  /** Per caller, for own / child / other. */
  allowed: Record<Who, [Verdict, Verdict, Verdict]>;
}

/** Managing a unit (or what hangs at it) as only the committee above may: the others see A (staff: only A), not B. */
const managed = (own: Verdict = Y, child: Verdict = Y): Record<Who, [Verdict, Verdict, Verdict]> => ({
  committee: [own, child, UNIT],
  liaison: [N, N, UNIT],
  staff: [N, UNIT, UNIT],
  none: [UNIT, UNIT, UNIT],
});

/** Managing a published campaign organized by the target: the units see only the campaigns of A and above. */
const managedCampaign: Record<Who, [Verdict, Verdict, Verdict]> = {
  committee: [Y, Y, CAMPAIGN],
  liaison: [N, CAMPAIGN, CAMPAIGN],
  staff: [N, CAMPAIGN, CAMPAIGN],
  none: [CAMPAIGN, CAMPAIGN, CAMPAIGN],
};

/** A draft: seen by its managers only. */
const managedDraft: Record<Who, [Verdict, Verdict, Verdict]> = {
  committee: [Y, Y, CAMPAIGN],
  liaison: [CAMPAIGN, CAMPAIGN, CAMPAIGN],
  staff: [CAMPAIGN, CAMPAIGN, CAMPAIGN],
  none: [CAMPAIGN, CAMPAIGN, CAMPAIGN],
};

/** Reading a unit's things: committee and liaison in their subtree, staff in their own unit. */
const readable = (missing: string): Record<Who, [Verdict, Verdict, Verdict]> => ({
  committee: [Y, Y, missing],
  liaison: [Y, Y, missing],
  staff: [Y, missing, missing],
  none: [missing, missing, missing],
});

/** Filling in a unit's statistics table: its own liaison and the committee above (as reviewing its reports). */
const FILLS_TABLE: Record<Who, [Verdict, Verdict, Verdict]> = {
  committee: [Y, Y, UNIT],
  liaison: [Y, N, UNIT],
  staff: [N, UNIT, UNIT],
  none: [CAMPAIGN, CAMPAIGN, CAMPAIGN],
};

const CASES: Case[] = [
  {
    method: 'get', route: '/api/units',
    call: async (_t, _f, u) => ({ path: `/api/units?under=${u.id}` }),
    allowed: readable(UNIT),
  },
  {
    method: 'get', route: '/api/units/{id}',
    call: async (_t, _f, u) => ({ path: `/api/units/${u.id}` }),
    allowed: readable(UNIT),
  },
  {
    method: 'post', route: '/api/units',
    call: async (_t, _f, u) => ({ path: '/api/units', body: { name: `新单位${Math.random()}`, kind: 'enterprise', parentId: u.id } }),
    allowed: managed(),
  },
  {
    method: 'patch', route: '/api/units/{id}',
    call: async (_t, _f, u) => ({ path: `/api/units/${u.id}`, body: { kind: u.kind } }),
    allowed: managed(),
  },
  {
    method: 'put', route: '/api/units/{id}',
    call: async (_t, _f, u) => ({ path: `/api/units/${u.id}`, body: { kind: u.kind } }),
    allowed: managed(),
  },
  {
    // Removing a new empty unit under the target: whoever may move it (a unit under A: staff of A do not see it).
    method: 'delete', route: '/api/units/{id}',
    call: async (t, _f, u) => ({ path: `/api/units/${(await newUnit(t, { parent: u })).id}` }),
    allowed: { committee: [Y, Y, UNIT], liaison: [N, N, UNIT], staff: [UNIT, UNIT, UNIT], none: [UNIT, UNIT, UNIT] },
  },
  {
    // A move to where the unit already is: the rules apply, the tree stays as it is.
    method: 'post', route: '/api/units/{id}/move',
    call: async (_t, _f, u) => ({ path: `/api/units/${u.id}/move`, body: { parentId: u.parentId } }),
    allowed: managed(N, Y),
  },
  {
    method: 'post', route: '/api/units/{id}/import',
    call: async (_t, _f, u) => ({ path: `/api/units/${u.id}/import`, file: Buffer.from(`名称,类型\n导入${Math.random()},企业\n`) }),
    allowed: managed(),
  },
  {
    // Staff see their unit, not its members.
    method: 'get', route: '/api/units/{id}/members',
    call: async (_t, _f, u) => ({ path: `/api/units/${u.id}/members` }),
    allowed: { committee: [Y, Y, UNIT], liaison: [Y, Y, UNIT], staff: [N, UNIT, UNIT], none: [UNIT, UNIT, UNIT] },
  },
  {
    // A membership is seen by whoever may list the unit's members.
    method: 'delete', route: '/api/memberships/{id}',
    call: async (t, _f, u) => {
      const member = await newPerson(t, { role: 'staff', unit: u });
      const me = await t.http().get('/api/me').set('authorization', member.auth).expect(200);
      return { path: `/api/memberships/${me.body.memberships[0].id}` };
    },
    allowed: {
      committee: [Y, Y, MEMBERSHIP],
      liaison: [N, N, MEMBERSHIP],
      staff: [MEMBERSHIP, MEMBERSHIP, MEMBERSHIP],
      none: [MEMBERSHIP, MEMBERSHIP, MEMBERSHIP],
    },
  },
  {
    method: 'post', route: '/api/invites',
    call: async (_t, _f, u) => ({ path: '/api/invites', body: { unitId: u.id, role: 'staff', expiresInHours: 24, maxUses: 1 } }),
    allowed: { committee: [Y, Y, UNIT], liaison: [Y, N, UNIT], staff: [N, UNIT, UNIT], none: [UNIT, UNIT, UNIT] },
  },
  {
    method: 'post', route: '/api/invites',
    call: async (_t, _f, u) => ({ path: '/api/invites', body: { unitId: u.id, role: 'liaison', expiresInHours: 24, maxUses: 1 } }),
    allowed: managed(),
  },
  // Campaigns: "own" is a campaign organized by A, "child" one organized by A1, "other" by B.
  {
    method: 'post', route: '/api/campaigns',
    call: async (_t, _f, u) => ({ path: '/api/campaigns', body: { organizingUnitId: u.id, title: '2026年安全生产月', year: 2026 } }),
    allowed: managed(),
  },
  {
    method: 'post', route: '/api/campaigns/from-template',
    call: async (_t, _f, u) => ({ path: '/api/campaigns/from-template', body: { organizingUnitId: u.id, templateId: 'jinghai-2021-culture-tourism' } }),
    allowed: managed(),
  },
  {
    method: 'get', route: '/api/campaigns/{id}',
    call: async (t, _f, u) => ({ path: `/api/campaigns/${(await newCampaign(t, { organizer: u })).id}` }),
    allowed: { committee: [Y, Y, CAMPAIGN], liaison: [Y, CAMPAIGN, CAMPAIGN], staff: [Y, CAMPAIGN, CAMPAIGN], none: [CAMPAIGN, CAMPAIGN, CAMPAIGN] },
  },
  {
    method: 'put', route: '/api/campaigns/{id}',
    call: async (t, _f, u) => ({ path: `/api/campaigns/${(await newCampaign(t, { organizer: u })).id}`, body: { theme: '安全发展' } }),
    allowed: managedCampaign,
  },
  {
    method: 'put', route: '/api/campaigns/{id}/items',
    call: async (t, _f, u) => ({ path: `/api/campaigns/${(await newCampaign(t, { organizer: u, status: 'draft' })).id}/items`, body: { items: [] } }),
    allowed: managedDraft,
  },
  {
    method: 'put', route: '/api/campaigns/{id}/deliverables',
    call: async (t, _f, u) => ({ path: `/api/campaigns/${(await newCampaign(t, { organizer: u })).id}/deliverables`, body: { deliverables: [] } }),
    allowed: managedCampaign,
  },
  {
    method: 'post', route: '/api/campaigns/{id}/publish',
    call: async (t, _f, u) => ({ path: `/api/campaigns/${(await newCampaign(t, { organizer: u, status: 'draft' })).id}/publish` }),
    allowed: managedDraft,
  },
  {
    method: 'post', route: '/api/campaigns/{id}/clone',
    call: async (t, _f, u) => ({ path: `/api/campaigns/${(await newCampaign(t, { organizer: u })).id}/clone`, body: { year: 2027 } }),
    allowed: managedCampaign,
  },
  {
    method: 'get', route: '/api/campaigns/{id}/liaisons',
    call: async (t, _f, u) => ({ path: `/api/campaigns/${(await newCampaign(t, { organizer: u })).id}/liaisons` }),
    allowed: { committee: [Y, Y, CAMPAIGN], liaison: [Y, CAMPAIGN, CAMPAIGN], staff: [Y, CAMPAIGN, CAMPAIGN], none: [CAMPAIGN, CAMPAIGN, CAMPAIGN] },
  },
  {
    method: 'get', route: '/api/campaigns/{id}/liaisons/export',
    call: async (t, _f, u) => ({ path: `/api/campaigns/${(await newCampaign(t, { organizer: u })).id}/liaisons/export` }),
    allowed: managedCampaign,
  },
  {
    // Registering for a unit in a campaign of the whole tree: only that unit's liaison may.
    method: 'put', route: '/api/campaigns/{id}/liaisons/mine',
    call: async (_t, f, u) => ({
      path: `/api/campaigns/${f.rootCampaignId}/liaisons/mine`,
      body: { unitId: u.id, values: { name: '张三', title: '安全员', mobile: '13912345678', unitName: u.name } },
    }),
    allowed: { committee: [N, N, UNIT], liaison: [Y, N, UNIT], staff: [N, UNIT, UNIT], none: [CAMPAIGN, CAMPAIGN, CAMPAIGN] },
  },
  {
    method: 'get', route: '/api/units/{id}/invites',
    call: async (_t, _f, u) => ({ path: `/api/units/${u.id}/invites` }),
    allowed: { committee: [Y, Y, UNIT], liaison: [Y, N, UNIT], staff: [N, UNIT, UNIT], none: [UNIT, UNIT, UNIT] },
  },
  {
    // Revoking an invite: the list's rule (a staff invite, which a liaison could make).
    method: 'delete', route: '/api/units/{id}/invites/{inviteId}',
    call: async (t, f, u) => {
      const invite = await t.app.get(InvitesService).create({ unitId: u.id, role: 'staff', expiresInHours: 24, maxUses: 1 }, f.people.committee.person.id);
      return { path: `/api/units/${u.id}/invites/${invite.id}` };
    },
    allowed: { committee: [Y, Y, UNIT], liaison: [Y, N, UNIT], staff: [N, UNIT, UNIT], none: [UNIT, UNIT, UNIT] },
  },
  {
    // One invite's QR code (rendered on request, not with the list): the list's rule.
    method: 'get', route: '/api/units/{id}/invites/{inviteId}/qr',
    call: async (t, f, u) => {
      const invite = await t.app.get(InvitesService).create({ unitId: u.id, role: 'staff', expiresInHours: 24, maxUses: 1 }, f.people.committee.person.id);
      return { path: `/api/units/${u.id}/invites/${invite.id}/qr` };
    },
    allowed: { committee: [Y, Y, UNIT], liaison: [Y, N, UNIT], staff: [N, UNIT, UNIT], none: [UNIT, UNIT, UNIT] },
  },
  // Reports in the root's campaign, filed for the target unit (by the caller, where it matters).
  {
    method: 'post', route: '/api/reports',
    call: async (t, f, u) => ({ path: '/api/reports', body: await reportBody(t, f, u) }),
    allowed: { committee: [Y, Y, UNIT], liaison: [Y, N, UNIT], staff: [Y, UNIT, UNIT], none: [UNIT, UNIT, UNIT] },
  },
  {
    method: 'get', route: '/api/reports/{id}',
    call: async (t, f, u) => ({ path: `/api/reports/${await reportIn(t, f, u, 'staff')}` }),
    allowed: readable(REPORT),
  },
  {
    // The caller's own report: only its reporter edits, and only where they may report.
    method: 'put', route: '/api/reports/{id}',
    call: async (t, f, u, who) => {
      const { idempotencyKey: _k, campaignId: _c, unitId: _u, ...input } = await reportBody(t, f, u);
      return { path: `/api/reports/${await reportIn(t, f, u, who)}`, body: input };
    },
    allowed: { committee: [Y, Y, REPORT], liaison: [Y, N, REPORT], staff: [Y, REPORT, REPORT], none: [REPORT, REPORT, REPORT] },
  },
  {
    method: 'delete', route: '/api/reports/{id}',
    call: async (t, f, u, who) => ({ path: `/api/reports/${await reportIn(t, f, u, who)}` }),
    allowed: readable(REPORT),
  },
  {
    // A staff member's report: the reviewers are the unit's liaison and the committee above.
    method: 'post', route: '/api/reports/{id}/review',
    call: async (t, f, u) => ({ path: `/api/reports/${await reportIn(t, f, u, 'staff')}/review`, body: { action: 'accept' } }),
    allowed: { committee: [Y, Y, REPORT], liaison: [Y, N, REPORT], staff: [N, REPORT, REPORT], none: [REPORT, REPORT, REPORT] },
  },
  {
    // Without a unit the root's campaign is not theirs: it is refused first.
    method: 'get', route: '/api/campaigns/{id}/reports',
    call: async (_t, f, u) => ({ path: `/api/campaigns/${f.rootCampaignId}/reports?unitId=${u.id}` }),
    allowed: { ...readable(UNIT), none: [CAMPAIGN, CAMPAIGN, CAMPAIGN] },
  },
  {
    method: 'get', route: '/api/campaigns/{id}/units/{unitId}/totals',
    call: async (_t, f, u) => ({ path: `/api/campaigns/${f.rootCampaignId}/units/${u.id}/totals` }),
    allowed: { ...readable(UNIT), none: [CAMPAIGN, CAMPAIGN, CAMPAIGN] },
  },
  // Media: uploaded for the unit in the root's campaign, in which every unit takes part.
  {
    // The harness names every file units.csv: the server goes by the bytes, which are a JPEG.
    method: 'post', route: '/api/campaigns/{campaignId}/units/{unitId}/media',
    call: async (_t, f, u) => ({ path: `/api/campaigns/${f.rootCampaignId}/units/${u.id}/media`, file: await tinyPhoto() }),
    allowed: { committee: [Y, Y, UNIT], liaison: [Y, N, UNIT], staff: [Y, UNIT, UNIT], none: [UNIT, UNIT, UNIT] },
  },
  {
    method: 'get', route: '/api/media/{id}',
    call: async (t, f, u) => ({ path: `/api/media/${await mediaOf(t, f, u)}` }),
    allowed: readable(MEDIA),
  },
  // Exports in the root's campaign: asked for by whoever sees the unit's members (never its staff),
  // seen only by who asked (here the committee member).
  {
    method: 'post', route: '/api/campaigns/{campaignId}/exports',
    call: async (_t, f, u) => ({ path: `/api/campaigns/${f.rootCampaignId}/exports`, body: { kind: 'unit_table', unitId: u.id } }),
    allowed: { committee: [Y, Y, UNIT], liaison: [Y, Y, UNIT], staff: [N, UNIT, UNIT], none: [CAMPAIGN, CAMPAIGN, CAMPAIGN] },
  },
  {
    method: 'get', route: '/api/exports/{id}',
    call: async (t, f, u) => ({ path: `/api/exports/${await exportOf(t, f, u)}` }),
    allowed: { committee: [Y, Y, EXPORT], liaison: [EXPORT, EXPORT, EXPORT], staff: [EXPORT, EXPORT, EXPORT], none: [EXPORT, EXPORT, EXPORT] },
  },
  {
    method: 'get', route: '/api/exports/{id}/file',
    call: async (t, f, u) => ({ path: `/api/exports/${await exportOf(t, f, u)}/file` }),
    allowed: { committee: [Y, Y, EXPORT], liaison: [EXPORT, EXPORT, EXPORT], staff: [EXPORT, EXPORT, EXPORT], none: [EXPORT, EXPORT, EXPORT] },
  },
  {
    method: 'get', route: '/api/media/{id}/thumbnail',
    call: async (t, f, u) => ({ path: `/api/media/${await mediaOf(t, f, u)}/thumbnail` }),
    allowed: readable(MEDIA),
  },
  // Deliverable hand-ins in the root's campaign: the unit's own liaison hands in, the committee above reviews.
  {
    method: 'post', route: '/api/campaigns/{campaignId}/units/{unitId}/documents',
    call: async (_t, f, u) => ({ path: `/api/campaigns/${f.rootCampaignId}/units/${u.id}/documents`, file: Buffer.from('%PDF-1.4\n%%EOF\n') }),
    allowed: { committee: [N, N, UNIT], liaison: [Y, N, UNIT], staff: [N, UNIT, UNIT], none: [UNIT, UNIT, UNIT] },
  },
  {
    method: 'post', route: '/api/hand-ins',
    call: async (t, f, u) => ({ path: '/api/hand-ins', body: await handInBody(t, f, u, 0) }),
    allowed: { committee: [N, N, UNIT], liaison: [Y, N, UNIT], staff: [N, UNIT, UNIT], none: [UNIT, UNIT, UNIT] },
  },
  {
    method: 'get', route: '/api/campaigns/{campaignId}/units/{unitId}/hand-ins/{deliverableId}/{periodKey}',
    call: async (t, f, u) => {
      const body = await handedIn(t, f, u, 0);
      return { path: `/api/campaigns/${f.rootCampaignId}/units/${u.id}/hand-ins/${body.deliverableId}/${body.periodKey}` };
    },
    allowed: readable(UNIT),
  },
  {
    // The second week's: the committee's call accepts it, the others' are refused before it matters.
    method: 'post', route: '/api/campaigns/{campaignId}/units/{unitId}/hand-ins/{deliverableId}/{periodKey}/review',
    call: async (t, f, u) => {
      const body = await handedIn(t, f, u, 1);
      return { path: `/api/campaigns/${f.rootCampaignId}/units/${u.id}/hand-ins/${body.deliverableId}/${body.periodKey}/review`, body: { action: 'accept' } };
    },
    allowed: managed(),
  },
  {
    method: 'get', route: '/api/campaigns/{campaignId}/hand-in-status',
    call: async (_t, f, u) => ({ path: `/api/campaigns/${f.rootCampaignId}/hand-in-status?unitId=${u.id}` }),
    allowed: readable(UNIT),
  },
  {
    method: 'get', route: '/api/campaigns/{campaignId}/hand-in-status/ranking',
    call: async (_t, f, u) => ({ path: `/api/campaigns/${f.rootCampaignId}/hand-in-status/ranking?unitId=${u.id}` }),
    allowed: readable(UNIT),
  },
  {
    // Liaisons' phones: for those who see the unit's members.
    method: 'get', route: '/api/campaigns/{campaignId}/hand-in-status/{deliverableId}/{periodKey}/missing',
    call: async (t, f, u) => {
      const body = await handInBody(t, f, u, 0);
      return { path: `/api/campaigns/${f.rootCampaignId}/hand-in-status/${body.deliverableId}/${body.periodKey}/missing?unitId=${u.id}` };
    },
    allowed: { committee: [Y, Y, UNIT], liaison: [Y, Y, UNIT], staff: [N, UNIT, UNIT], none: [UNIT, UNIT, UNIT] },
  },
  // The statistics table of the unit in the root's campaign: read like its reports, filled in by who reviews them.
  {
    method: 'get', route: '/api/campaigns/{campaignId}/units/{unitId}/statistics',
    call: async (_t, f, u) => ({ path: `/api/campaigns/${f.rootCampaignId}/units/${u.id}/statistics?scope=subtree` }),
    allowed: { ...readable(UNIT), none: [CAMPAIGN, CAMPAIGN, CAMPAIGN] },
  },
  {
    method: 'get', route: '/api/campaigns/{campaignId}/units/{unitId}/manual-entries',
    call: async (_t, f, u) => ({ path: `/api/campaigns/${f.rootCampaignId}/units/${u.id}/manual-entries` }),
    allowed: { ...readable(UNIT), none: [CAMPAIGN, CAMPAIGN, CAMPAIGN] },
  },
  {
    method: 'post', route: '/api/campaigns/{campaignId}/units/{unitId}/manual-entries',
    call: async (t, f, u) => ({ path: `/api/campaigns/${f.rootCampaignId}/units/${u.id}/manual-entries`, body: { fieldId: (await rootFields(t, f))[0].id, amount: 1, note: '线下宣讲' } }),
    allowed: FILLS_TABLE,
  },
  {
    method: 'delete', route: '/api/campaigns/{campaignId}/units/{unitId}/manual-entries/{entryId}',
    call: async (t, f, u) => ({ path: `/api/campaigns/${f.rootCampaignId}/units/${u.id}/manual-entries/${await manualEntryIn(t, f, u)}` }),
    allowed: FILLS_TABLE,
  },
  {
    method: 'put', route: '/api/campaigns/{campaignId}/units/{unitId}/answers/{fieldId}',
    call: async (t, f, u) => ({ path: `/api/campaigns/${f.rootCampaignId}/units/${u.id}/answers/${(await rootFields(t, f))[2].id}`, body: { value: true } }),
    allowed: FILLS_TABLE,
  },
  {
    method: 'delete', route: '/api/campaigns/{campaignId}/units/{unitId}/answers/{fieldId}',
    call: async (t, f, u) => ({ path: `/api/campaigns/${f.rootCampaignId}/units/${u.id}/answers/${(await rootFields(t, f))[2].id}` }),
    allowed: FILLS_TABLE,
  },
  // Handing in the table: the unit's own liaison hands in, the committee above reviews (returning it, so that its entries stay open).
  {
    method: 'post', route: '/api/campaigns/{campaignId}/units/{unitId}/statistics/submission',
    call: async (_t, f, u) => ({ path: `/api/campaigns/${f.rootCampaignId}/units/${u.id}/statistics/submission`, body: { contactName: '张三', phone: '13800138000' } }),
    allowed: { committee: [N, N, UNIT], liaison: [Y, N, UNIT], staff: [N, UNIT, UNIT], none: [UNIT, UNIT, UNIT] },
  },
  {
    method: 'get', route: '/api/campaigns/{campaignId}/units/{unitId}/statistics/submission',
    call: async (t, f, u) => ({ path: `/api/campaigns/${f.rootCampaignId}/units/${await tableSubmittedIn(t, f, u)}/statistics/submission` }),
    allowed: { ...readable(UNIT), none: [CAMPAIGN, CAMPAIGN, CAMPAIGN] },
  },
  {
    method: 'get', route: '/api/campaigns/{campaignId}/units/{unitId}/statistics/submissions',
    call: async (_t, f, u) => ({ path: `/api/campaigns/${f.rootCampaignId}/units/${u.id}/statistics/submissions` }),
    allowed: { ...readable(UNIT), none: [CAMPAIGN, CAMPAIGN, CAMPAIGN] },
  },
  {
    method: 'post', route: '/api/campaigns/{campaignId}/units/{unitId}/statistics/submission/review',
    call: async (t, f, u) => ({ path: `/api/campaigns/${f.rootCampaignId}/units/${await tableSubmittedIn(t, f, u)}/statistics/submission/review`, body: { action: 'return', comment: '请核实' } }),
    allowed: managed(),
  },
  // Notifications and reminders: the committee's tools. The delivery log names people and what each was told.
  {
    method: 'get', route: '/api/campaigns/{campaignId}/notifications',
    call: async (t, _f, u) => ({ path: `/api/campaigns/${(await newCampaign(t, { organizer: u })).id}/notifications` }),
    allowed: managedCampaign,
  },
  {
    method: 'get', route: '/api/campaigns/{campaignId}/reminder-policies',
    call: async (t, _f, u) => ({ path: `/api/campaigns/${(await newCampaign(t, { organizer: u })).id}/reminder-policies` }),
    allowed: managedCampaign,
  },
  {
    method: 'put', route: '/api/campaigns/{campaignId}/reminder-policies',
    call: async (t, _f, u) => ({
      path: `/api/campaigns/${(await newCampaign(t, { organizer: u })).id}/reminder-policies`,
      body: { campaignDefault: defaultReminderPolicy(), overrides: [] },
    }),
    allowed: managedCampaign,
  },
  {
    // Reminding the units of the target's subtree that owe the first week, in the root's campaign.
    method: 'post', route: '/api/campaigns/{campaignId}/reminders',
    call: async (t, f, u) => {
      const { deliverableId, periodKey } = await handInBody(t, f, u, 0);
      return { path: `/api/campaigns/${f.rootCampaignId}/reminders`, body: { deliverableId, periodKey, unitId: u.id } };
    },
    allowed: managed(),
  },
  // A unit's WeCom group robots: set up by the committee over it; their keys post to its groups.
  {
    method: 'get', route: '/api/units/{unitId}/wecom-robots',
    call: async (_t, _f, u) => ({ path: `/api/units/${u.id}/wecom-robots` }),
    allowed: managed(),
  },
  {
    method: 'post', route: '/api/units/{unitId}/wecom-robots',
    call: async (_t, _f, u) => ({ path: `/api/units/${u.id}/wecom-robots`, body: { name: `工作群${Math.random()}`, webhook: 'aaaabbbb-cccc-dddd-eeee-ffff00000000' } }),
    allowed: managed(),
  },
  {
    method: 'patch', route: '/api/units/{unitId}/wecom-robots/{robotId}',
    call: async (t, _f, u) => ({ path: `/api/units/${u.id}/wecom-robots/${await robotOf(t, u)}`, body: { textOnly: true } }),
    allowed: managed(),
  },
  {
    method: 'put', route: '/api/units/{unitId}/wecom-robots/{robotId}',
    call: async (t, _f, u) => ({ path: `/api/units/${u.id}/wecom-robots/${await robotOf(t, u)}`, body: { textOnly: true } }),
    allowed: managed(),
  },
  {
    method: 'delete', route: '/api/units/{unitId}/wecom-robots/{robotId}',
    call: async (t, _f, u) => ({ path: `/api/units/${u.id}/wecom-robots/${await robotOf(t, u)}` }),
    allowed: managed(),
  },
];

/** A new WeCom robot of the unit (made through the service, whatever the policy says); its id. */
async function robotOf(t: TestApp, unit: Unit): Promise<string> {
  return (await t.app.get(WecomRobotsService).create(unit.id, { name: `工作群${Math.random()}`, webhook: 'aaaabbbb-cccc-dddd-eeee-ffff00000000' })).id;
}

/** The statistics fields of the root's campaign: two counts, then a yes/no. */
async function rootFields(t: TestApp, f: Fixture) {
  return (await t.app.get(CampaignsService).get(f.rootCampaignId, { personId: f.people.committee.person.id, displayName: '', memberships: [] })).items[0].fields;
}

/** A manual entry of the unit (made through the service, whatever the policy says); its id. */
async function manualEntryIn(t: TestApp, f: Fixture, unit: Unit): Promise<string> {
  const [count] = await rootFields(t, f);
  const entry = await t.app.get(StatisticsService).addManualEntry(f.rootCampaignId, unit.id, { fieldId: count.id, amount: 1, note: '线下' }, { personId: f.people.committee.person.id, at: new Date() });
  return entry.id;
}

/** The unit's table handed in (through the service, whatever the policy says) unless it ever was; the unit's id. */
async function tableSubmittedIn(t: TestApp, f: Fixture, unit: Unit): Promise<string> {
  if (await t.app.get(StatisticsService).currentSubmission(f.rootCampaignId, unit.id)) return unit.id;
  const actor = await t.app.get(PeopleService).actor(f.people.committee.person.id);
  await t.app.get(StatisticsTableService).submit(actor as NonNullable<typeof actor>, f.rootCampaignId, unit.id, { contactName: '张三', phone: '13800138000' });
  return unit.id;
}

/** A hand-in of the unit's weekly materials in the root's campaign, week `week` (0: the first). */
async function handInBody(t: TestApp, f: Fixture, unit: Unit, week: number) {
  const campaign = await t.app.get(CampaignsService).get(f.rootCampaignId, { personId: f.people.committee.person.id, displayName: '', memberships: [] });
  const [deliverable] = campaign.deliverables;
  const { periodKey } = deadlineInstances(deliverable.rule)[week];
  return { campaignId: f.rootCampaignId, deliverableId: deliverable.id, periodKey, unitId: unit.id, text: '本周活动材料', documentIds: [], reportIds: [] };
}

/** The same, handed in (through the service, whatever the policy says) unless it already was. */
async function handedIn(t: TestApp, f: Fixture, unit: Unit, week: number) {
  const body = await handInBody(t, f, unit, week);
  const actor = await t.app.get(PeopleService).actor(f.people.committee.person.id);
  await t.app
    .get(DeliverablesService)
    .submit(actor as NonNullable<typeof actor>, body)
    .catch((error: unknown) => {
      // Accepted by an earlier call: it stays as it is.
      if (!(error instanceof ApiException && error.getStatus() === 409)) throw error;
    });
  return body;
}

function tinyPhoto(): Promise<Buffer> {
  return photo({ width: 16, height: 16 });
}

/** A photo uploaded for the unit by one of its staff; its id. */
async function mediaOf(t: TestApp, f: Fixture, unit: Unit): Promise<string> {
  const uploader = await newPerson(t, { role: 'staff', unit });
  const path = `/api/campaigns/${f.rootCampaignId}/units/${unit.id}/media`;
  const response = await t.http().post(path).set('authorization', uploader.auth).attach('file', await tinyPhoto(), 'photo.jpg').expect(201);
  return response.body.id;
}

/** A report request for the unit in the root's campaign. */
async function reportBody(t: TestApp, f: Fixture, unit: Unit) {
  const campaign = await t.app.get(CampaignsService).get(f.rootCampaignId, { personId: f.people.committee.person.id, displayName: '', memberships: [] });
  const item = campaign.items[0];
  return {
    idempotencyKey: `matrix-${Math.random().toString(36).slice(2, 14)}`,
    campaignId: f.rootCampaignId,
    unitId: unit.id,
    itemId: item.id,
    title: '应急演练',
    startAt: '2026-06-16T01:00:00.000Z',
    endAt: '2026-06-16T02:00:00.000Z',
    place: '厂区',
    description: '',
    headcount: 10,
    mediaIds: [],
    contributions: proposeContributions(item, 10),
  };
}

/** A report filed for the unit by `who` (through the service, whatever the policy says); its id. */
async function reportIn(t: TestApp, f: Fixture, unit: Unit, who: Who): Promise<string> {
  const campaign = await t.app.get(CampaignsService).getEntity(f.rootCampaignId);
  return (await newReport(t, { campaign, unit, reporter: f.people[who] })).id;
}

/** A finished export of the unit's table, asked for by the committee over it and made at once. */
async function exportOf(t: TestApp, f: Fixture, unit: Unit): Promise<string> {
  const actor = await t.app.get(PeopleService).actor(f.people.committee.person.id);
  if (!actor) throw new Error('the committee member does not exist');
  const job = await t.app.get(ExportsService).create(actor, f.rootCampaignId, { kind: 'unit_table', unitId: unit.id });
  await t.app.get(ExportRunner).drain();
  return job.id;
}

/** Endpoints for any signed-in person, whatever their units: 401 signed out, never 403. */
const SIGNED_IN_ONLY: { method: 'get' | 'post'; route: string; path: string; body?: object; status: number }[] = [
  { method: 'get', route: '/api/me', path: '/api/me', status: 200 },
  { method: 'post', route: '/api/invites/redeem', path: '/api/invites/redeem', body: { code: 'NOSUCHCD' }, status: 404 },
  { method: 'get', route: '/api/campaigns', path: '/api/campaigns', status: 200 },
  { method: 'get', route: '/api/campaign-templates', path: '/api/campaign-templates', status: 200 },
  { method: 'post', route: '/api/reports/bulk-accept', path: '/api/reports/bulk-accept', body: { reportIds: [] }, status: 200 },
  // One's own inbox and WeChat subscriptions (another's inbox message: see below).
  { method: 'get', route: '/api/inbox', path: '/api/inbox', status: 200 },
  { method: 'get', route: '/api/inbox/unread-count', path: '/api/inbox/unread-count', status: 200 },
  { method: 'post', route: '/api/inbox/read-all', path: '/api/inbox/read-all', status: 200 },
  { method: 'post', route: '/api/inbox/{id}/read', path: '/api/inbox/00000000-0000-4000-8000-000000000000/read', status: 404 },
  { method: 'get', route: '/api/notifications/wechat-subscriptions', path: '/api/notifications/wechat-subscriptions', status: 200 },
  {
    method: 'post', route: '/api/notifications/wechat-subscriptions', path: '/api/notifications/wechat-subscriptions',
    body: { templateIds: [REMINDER_TEMPLATE] }, status: 200,
  },
];

/** Endpoints for everybody. */
const PUBLIC = [
  'get /api/health',
  'post /api/auth/password',
  'post /api/auth/wechat',
  'post /api/auth/refresh',
  'post /api/auth/sign-out',
  'get /api/invites/{code}/preview',
  'post /api/invites/register',
];

describe('authorization matrix', () => {
  let t: TestApp;
  let f: Fixture;
  beforeAll(async () => {
    t = await createTestApp({ WECHAT_TEMPLATE_REMINDER: REMINDER_TEMPLATE });
    const root = await newUnit(t);
    const own = await newUnit(t, { parent: root, name: 'A', kind: 'district' });
    const child = await newUnit(t, { parent: own, name: 'A1' });
    const other = await newUnit(t, { parent: root, name: 'B', kind: 'district' });
    const at = (role: Role) => newPerson(t, { role, unit: own });
    f = {
      units: { own, child, other },
      people: { committee: await at('committee'), liaison: await at('liaison'), staff: await at('staff'), none: await newPerson(t) },
      rootCampaignId: (await newCampaign(t, { organizer: root, maxLiaisonsPerUnit: 5 })).id,
    };
  });
  afterAll(() => t.close());

  it('answers with the first declared rule\'s refusal when several refuse', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const file = (who: Who, body: object) => t.http().post('/api/reports').set('authorization', f.people[who].auth).send(body);
    // POST /api/reports: report.create on the unit first, then campaign.read on the campaign.
    const forbidden = await file('liaison', { unitId: f.units.child.id, campaignId: missing });
    expect([forbidden.status, forbidden.body.error.message]).toEqual([403, '您没有权限执行此操作']);
    const hidden = await file('liaison', { unitId: f.units.other.id, campaignId: missing });
    expect([hidden.status, hidden.body.error.message]).toEqual([404, '单位不存在']);
    const noUnit = await file('staff', { unitId: missing, campaignId: missing });
    expect([noUnit.status, noUnit.body.error.message]).toEqual([404, '单位不存在']);
    const noCampaign = await file('staff', { unitId: f.units.own.id, campaignId: missing });
    expect([noCampaign.status, noCampaign.body.error.message]).toEqual([404, '活动不存在']);
  });

  it('answers an object hidden from the caller exactly as a missing one', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const staff = f.people.staff.auth;
    const answer = async (path: string) => {
      const response = await t.http().get(path).set('authorization', staff);
      return { status: response.status, body: response.body };
    };
    const campaign = (await newCampaign(t, { organizer: f.units.child })).id;
    const report = await reportIn(t, f, f.units.child, 'liaison');
    const media = await mediaOf(t, f, f.units.child);
    for (const [path, id] of [
      ['/api/units/{id}', f.units.child.id],
      ['/api/campaigns/{id}', campaign],
      ['/api/reports/{id}', report],
      ['/api/media/{id}', media],
    ]) {
      expect(await answer(path.replace('{id}', id))).toEqual(await answer(path.replace('{id}', missing)));
    }
  });

  it("answers another person's inbox message exactly as a missing one, and leaves it unread", async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const messages = t.app.get(Database).repository(InboxMessage);
    const message = await messages.save(
      messages.create({ personId: f.people.staff.person.id, outboxMessageId: missing, kind: 'manual_reminder', title: '请报送本周活动材料', body: '', link: null, createdAt: new Date() }),
    );
    const read = async (who: Who, id: string) => {
      const response = await t.http().post(`/api/inbox/${id}/read`).set('authorization', f.people[who].auth);
      return { status: response.status, body: response.body };
    };
    for (const who of ['committee', 'liaison', 'none'] as Who[]) expect(await read(who, message.id)).toEqual(await read(who, missing));
    expect((await messages.findOneByOrFail({ id: message.id })).readAt).toBeNull();
    expect((await read('staff', message.id)).status).toBe(200);
  });

  it('covers every endpoint of the API', async () => {
    const document = (await t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, object> };
    const documented = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m} ${path}`));
    const covered = [
      ...CASES.map((c) => `${c.method} ${c.route}`),
      ...SIGNED_IN_ONLY.map((c) => `${c.method} ${c.route}`),
      ...PUBLIC,
    ];
    expect([...new Set(covered)].sort()).toEqual(documented.sort());
  });

  const rows = CASES.flatMap((c) =>
    (['committee', 'liaison', 'staff', 'none'] as Who[]).flatMap((who) =>
      (['own', 'child', 'other'] as Target[]).map((target, i) => ({ c, who, target, allowed: c.allowed[who][i] })),
    ),
  );

  const verdict = (v: Verdict) => (v === true ? 'allowed' : v === false ? 'forbidden' : 'hidden');
  it.each(rows.map((r) => [`${r.c.method.toUpperCase()} ${r.c.route}`, r.who, r.target, verdict(r.allowed), r]))(
    '%s by %s on %s unit: %s',
    async (_name, _who, _target, _verdict, row) => {
      const { c, who, target, allowed } = row as (typeof rows)[number];
      const request = await c.call(t, f, f.units[target], who);
      let call = t.http()[c.method](request.path).set('authorization', f.people[who].auth);
      if (request.file) call = call.attach('file', request.file, 'units.csv');
      else if (request.body) call = call.send(request.body);
      const response = await call;
      if (allowed === true) {
        expect({ status: response.status, body: response.status < 300 ? 'ok' : response.body }).toEqual({ status: expect.any(Number), body: 'ok' });
      } else if (allowed === false) {
        expect({ status: response.status, body: response.body }).toEqual({
          status: 403,
          body: { error: { code: 'FORBIDDEN', message: '您没有权限执行此操作' } },
        });
      } else {
        expect({ status: response.status, body: response.body }).toEqual({ status: 404, body: { error: { code: 'NOT_FOUND', message: allowed } } });
      }
    },
  );

  it.each(CASES.map((c) => [`${c.method.toUpperCase()} ${c.route}`, c]))('%s signed out: 401', async (_name, c) => {
    const request = await (c as Case).call(t, f, f.units.own, 'committee');
    const response = await t.http()[(c as Case).method](request.path).send(request.body ?? {});
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHENTICATED');
  });

  it.each(SIGNED_IN_ONLY.map((c) => [`${c.method.toUpperCase()} ${c.route}`, c]))('%s: any signed-in person, 401 signed out', async (_n, c) => {
    const e = c as (typeof SIGNED_IN_ONLY)[number];
    for (const who of ['committee', 'none'] as Who[]) {
      const response = await t.http()[e.method](e.path).set('authorization', f.people[who].auth).send(e.body ?? {});
      expect(response.status).toBe(e.status);
    }
    expect((await t.http()[e.method](e.path).send(e.body ?? {})).status).toBe(401);
  });
});
