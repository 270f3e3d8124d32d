import { chinaDay, deadlineInstances, defaultReminderPolicy, HAZARD_PASS_HEADER, HazardOutcome, proposeContributions, Role, UpdateHazardSettingsRequest } from '@safemonth/shared';
import { Unit } from '../src/units/unit.entity';
import { photo } from './fixtures/media';
import { CampaignsService } from '../src/campaigns/campaigns.service';
import { ApiException } from '../src/common/api-exception';
import { Clock } from '../src/common/clock';
import { Database } from '../src/database/database.service';
import { DeliverablesService } from '../src/deliverables/deliverables.service';
import { ExportRunner } from '../src/exports/export-runner';
import { ExportsService } from '../src/exports/exports.service';
import { HazardMessage } from '../src/hazards/hazard.entity';
import { HazardHandlingService } from '../src/hazards/hazard-handling.service';
import { HazardReportsService } from '../src/hazards/hazard-reports.service';
import { HazardSettingsService } from '../src/hazards/hazard-settings.service';
import { InvitesService } from '../src/invites/invites.service';
import { WecomRobotsService } from '../src/notifications/channels/wecom-robots.service';
import { InboxMessage } from '../src/notifications/inbox-message.entity';
import { PeopleService } from '../src/people/people.service';
import { StatisticsService } from '../src/statistics/statistics.service';
import { StatisticsTableService } from '../src/statistics/statistics-table.service';
import { newCampaign, newPerson, newReport, newUnit, TestPerson } from './support/builders';
import type { Test } from 'supertest';
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
const HAZARD = '隐患举报不存在';
const RECTIFICATION = '整改任务不存在';
/** What a member of the committee over the organizing unit who is not designated a handler is told. */
const NOT_HANDLER = '只有本活动指定的隐患处理人可以处理举报';
/** The WeChat template the server sends reminders with, so that anyone may subscribe to it. */
const REMINDER_TEMPLATE = 'tpl-Reminder-1';

interface Fixture {
  units: Record<Target, Unit>;
  people: Record<Who, TestPerson>;
  /** A published campaign of the root committee, in which every unit takes part. */
  rootCampaignId: string;
  root: Unit;
  /** On the root's committee: a designated handler of every campaign's hazard reports, who takes cases through their steps. */
  handler: TestPerson;
  /** On A's committee, designated a handler nowhere. */
  bystander: TestPerson;
  /** The campaign taking hazard reports organized by each unit, by the unit's id (`hazardCampaignOf`). */
  hazardCampaigns: Map<string, string>;
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

/**
 * Handling the hazard reports of a campaign organized by the target: the designated handlers (A's
 * committee member is one in the campaigns of A and A1), never the units' other people, who are
 * told what anyone is of a missing case. The committee's other members: HANDLER_CASES' own test.
 */
const HANDLES: Record<Who, [Verdict, Verdict, Verdict]> = {
  committee: [Y, Y, HAZARD],
  liaison: [HAZARD, HAZARD, HAZARD],
  staff: [HAZARD, HAZARD, HAZARD],
  none: [HAZARD, HAZARD, HAZARD],
};

/**
 * A rectification assigned to the target, seen and reported done by who acts for the unit: its own
 * liaison and the committee above; to anyone else (its staff and the liaisons above included) it is not there.
 */
const rectifies = (missing: string): Record<Who, [Verdict, Verdict, Verdict]> => ({
  committee: [Y, Y, missing],
  liaison: [Y, missing, missing],
  staff: [missing, missing, missing],
  none: [missing, missing, missing],
});

/** The target's list of rectifications: who acts for the unit (others who see the unit are refused, the rest find no unit). */
const LISTS_RECTIFICATIONS: Record<Who, [Verdict, Verdict, Verdict]> = {
  committee: [Y, Y, UNIT],
  liaison: [Y, N, UNIT],
  staff: [N, UNIT, UNIT],
  none: [UNIT, UNIT, UNIT],
};

/** A handler's call on a new case of the target's hazard campaign, taken as far as `stage` first. */
const onCase =
  (stage: Stage, suffix: string, body?: object): Case['call'] =>
  async (t, f, u) => ({ path: `/api/hazards/${await hazardIn(t, f, u, stage)}${suffix}`, body });

/** The endpoints of the hazard reports' handlers: the guard lets the committee over the organizing unit through, the service only the designated handlers. */
const HANDLER_CASES: Case[] = [
  {
    method: 'get', route: '/api/campaigns/{campaignId}/hazards',
    call: async (t, f, u) => ({ path: `/api/campaigns/${await hazardCampaignOf(t, f, u)}/hazards` }),
    allowed: managedCampaign,
  },
  { method: 'get', route: '/api/hazards/{id}', call: onCase('submitted', ''), allowed: HANDLES },
  // Who made the report (each read audited).
  { method: 'get', route: '/api/hazards/{id}/reporter', call: onCase('submitted', '/reporter'), allowed: HANDLES },
  { method: 'post', route: '/api/hazards/{id}/messages', call: onCase('submitted', '/messages', { body: '请补充现场照片' }), allowed: HANDLES },
  { method: 'post', route: '/api/hazards/{id}/start-verification', call: onCase('submitted', '/start-verification'), allowed: HANDLES },
  { method: 'post', route: '/api/hazards/{id}/verify', call: onCase('submitted', '/verify'), allowed: HANDLES },
  { method: 'post', route: '/api/hazards/{id}/reject', call: onCase('submitted', '/reject', { reason: '现场核查无此情况' }), allowed: HANDLES },
  {
    method: 'post', route: '/api/hazards/{id}/assign',
    call: async (t, f, u) => ({ path: `/api/hazards/${await hazardIn(t, f, u, 'verified')}/assign`, body: { unitId: u.id, dueDate: dueDay(t) } }),
    allowed: HANDLES,
  },
  { method: 'post', route: '/api/hazards/{id}/close', call: onCase('rectified', '/close'), allowed: HANDLES },
  { method: 'post', route: '/api/hazards/{id}/reopen', call: onCase('rectified', '/reopen', { comment: '整改不到位' }), allowed: HANDLES },
  { method: 'put', route: '/api/hazards/{id}/reward', call: onCase('verified', '/reward', { amountYuan: 50, status: 'granted' }), allowed: HANDLES },
  {
    method: 'delete', route: '/api/hazards/{id}/reward',
    call: async (t, f, u) => {
      const id = await hazardIn(t, f, u, 'verified');
      await t.app.get(HazardHandlingService).setReward(await actorOf(t, f.handler), id, { amountYuan: 50, status: 'granted' });
      return { path: `/api/hazards/${id}/reward` };
    },
    allowed: HANDLES,
  },
  {
    method: 'put', route: '/api/hazards/{id}/typical',
    call: onCase('verified', '/typical', { typical: true, link: 'https://news.example.com/2026/06/16.html' }),
    allowed: HANDLES,
  },
];

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
  // Hidden-hazard reports: the settings and the log of reads of reporters are the campaign's managers'.
  {
    method: 'get', route: '/api/campaigns/{campaignId}/hazard-settings',
    call: async (t, _f, u) => ({ path: `/api/campaigns/${(await newCampaign(t, { organizer: u })).id}/hazard-settings` }),
    allowed: managedCampaign,
  },
  {
    method: 'put', route: '/api/campaigns/{campaignId}/hazard-settings',
    call: async (t, _f, u) => ({ path: `/api/campaigns/${(await newCampaign(t, { organizer: u })).id}/hazard-settings`, body: hazardSettings([]) }),
    allowed: managedCampaign,
  },
  {
    method: 'get', route: '/api/campaigns/{campaignId}/hazard-identity-log',
    call: async (t, f, u) => ({ path: `/api/campaigns/${await hazardCampaignOf(t, f, u)}/hazard-identity-log` }),
    allowed: managedCampaign,
  },
  {
    // A pass for anonymous reports to a campaign taking them from its own people only: whoever sees the campaign.
    method: 'post', route: '/api/campaigns/{campaignId}/hazard-pass',
    call: async (t, f, u) => ({ path: `/api/campaigns/${await hazardCampaignOf(t, f, u)}/hazard-pass` }),
    allowed: { committee: [Y, Y, CAMPAIGN], liaison: [Y, CAMPAIGN, CAMPAIGN], staff: [Y, CAMPAIGN, CAMPAIGN], none: [CAMPAIGN, CAMPAIGN, CAMPAIGN] },
  },
  ...HANDLER_CASES,
  // Rectifications in the root's hazard campaign (its handler is the root's committee member): seen and reported done by who acts for the unit.
  {
    method: 'get', route: '/api/campaigns/{campaignId}/units/{unitId}/rectifications',
    call: async (t, f, u) => ({ path: `/api/campaigns/${await hazardCampaignOf(t, f, f.root)}/units/${u.id}/rectifications` }),
    allowed: LISTS_RECTIFICATIONS,
  },
  {
    method: 'get', route: '/api/campaigns/{campaignId}/units/{unitId}/hazard-counts',
    call: async (t, f, u) => ({ path: `/api/campaigns/${await hazardCampaignOf(t, f, f.root)}/units/${u.id}/hazard-counts` }),
    allowed: readable(UNIT),
  },
  {
    method: 'get', route: '/api/rectifications/{hazardId}',
    call: async (t, f, u) => ({ path: `/api/rectifications/${await hazardIn(t, f, f.root, 'rectifying', { responsible: u })}` }),
    allowed: rectifies(RECTIFICATION),
  },
  {
    method: 'post', route: '/api/rectifications/{hazardId}/media',
    call: async (t, f, u) => ({ path: `/api/rectifications/${await hazardIn(t, f, f.root, 'rectifying', { responsible: u })}/media`, file: await tinyPhoto() }),
    allowed: rectifies(RECTIFICATION),
  },
  {
    method: 'post', route: '/api/rectifications/{hazardId}/done',
    call: async (t, f, u) => {
      const id = await hazardIn(t, f, f.root, 'rectifying', { responsible: u });
      return { path: `/api/rectifications/${id}/done`, body: { description: '已清理杂物，通道畅通', mediaIds: [await rectificationPhoto(t, f, id)] } };
    },
    allowed: rectifies(RECTIFICATION),
  },
  // A case's photos, of a case assigned to the target (its handlers: see the test of designation below).
  {
    method: 'get', route: '/api/hazard-media/{id}',
    call: async (t, f, u) => ({ path: `/api/hazard-media/${await hazardMediaOf(t, f, u)}` }),
    allowed: rectifies(MEDIA),
  },
  {
    method: 'get', route: '/api/hazard-media/{id}/thumbnail',
    call: async (t, f, u) => ({ path: `/api/hazard-media/${await hazardMediaOf(t, f, u)}/thumbnail` }),
    allowed: rectifies(MEDIA),
  },
];

const NO_HAZARD_FIELDS: Record<HazardOutcome, null> = { received: null, verified: null, rewarded: null, exposed: null, closed: null };

/** Hazard settings taking anonymous reports from those who see the campaign, with these handlers. */
function hazardSettings(handlerIds: string[], allowPublic = false): UpdateHazardSettingsRequest {
  return { allowAnonymous: true, allowPublic, categories: ['消防'], zeroingDate: null, fields: NO_HAZARD_FIELDS, handlerIds };
}

/**
 * The published campaign of `organizer` taking hazard reports (made once, its settings saved
 * through the service): handled by the root's committee member and, in A's and A1's, by A's.
 */
async function hazardCampaignOf(t: TestApp, f: Fixture, organizer: Unit): Promise<string> {
  const known = f.hazardCampaigns.get(organizer.id);
  if (known) return known;
  const campaign = await newCampaign(t, { organizer });
  const handlers = [f.handler, ...([f.units.own.id, f.units.child.id].includes(organizer.id) ? [f.people.committee] : [])];
  await t.app.get(HazardSettingsService).update(campaign.id, hazardSettings(handlers.map((h) => h.person.id)));
  f.hazardCampaigns.set(organizer.id, campaign.id);
  return campaign.id;
}

async function actorOf(t: TestApp, who: TestPerson) {
  const actor = await t.app.get(PeopleService).actor(who.person.id);
  if (!actor) throw new Error('the person does not exist');
  return actor;
}

/** A week from the server's today, in China: a due day a rectification may be given. */
function dueDay(t: TestApp): string {
  return chinaDay(new Date(t.app.get(Clock).now().getTime() + 7 * 86_400_000));
}

type Stage = 'submitted' | 'verified' | 'rectifying' | 'rectified';
const STAGES: Stage[] = ['submitted', 'verified', 'rectifying', 'rectified'];

/**
 * A new case reported (named) by the handler in the hazard campaign of `organizer`, with this
 * evidence, and taken by the handler as far as `stage` (through the services, whatever the policy
 * says), assigned to `responsible` (else the organizer); its id.
 */
async function hazardIn(t: TestApp, f: Fixture, organizer: Unit, stage: Stage, options: { responsible?: Unit; mediaIds?: string[] } = {}): Promise<string> {
  const campaignId = await hazardCampaignOf(t, f, organizer);
  const actor = await actorOf(t, f.handler);
  const handling = t.app.get(HazardHandlingService);
  const report = { place: '城东菜市场', category: '消防', description: '消防通道被杂物堵塞', mediaIds: options.mediaIds ?? [], anonymous: false };
  const { id } = (await t.app.get(HazardReportsService).create(campaignId, report, actor, '127.0.0.1')).followUp;
  const reached = (s: Stage) => STAGES.indexOf(stage) >= STAGES.indexOf(s);
  if (reached('verified')) await handling.verify(actor, id);
  if (reached('rectifying')) await handling.assign(actor, id, { unitId: (options.responsible ?? organizer).id, dueDate: dueDay(t) });
  if (reached('rectified')) await handling.done(actor, id, { description: '已清理杂物，通道畅通', mediaIds: [await rectificationPhoto(t, f, id)] });
  return id;
}

/** A photo of the case's rectification, uploaded by the handler; its id. */
async function rectificationPhoto(t: TestApp, f: Fixture, hazardId: string): Promise<string> {
  return (await t.http().post(`/api/rectifications/${hazardId}/media`).set('authorization', f.handler.auth).attach('file', await tinyPhoto(), 'after.jpg').expect(201)).body.id;
}

/** A photo uploaded as evidence for a report in the campaign, by the handler; its id. */
async function evidencePhoto(t: TestApp, f: Fixture, campaignId: string): Promise<string> {
  return (await t.http().post(`/api/campaigns/${campaignId}/hazard-media`).set('authorization', f.handler.auth).attach('file', await tinyPhoto(), 'hazard.jpg').expect(201)).body.id;
}

/** The evidence of a case in the root's hazard campaign assigned to the unit; its id. */
async function hazardMediaOf(t: TestApp, f: Fixture, unit: Unit): Promise<string> {
  const media = await evidencePhoto(t, f, await hazardCampaignOf(t, f, f.root));
  await hazardIn(t, f, f.root, 'rectifying', { responsible: unit, mediaIds: [media] });
  return media;
}

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
  // One's own named hazard reports (another's: see below).
  { method: 'get', route: '/api/hazards/mine', path: '/api/hazards/mine', status: 200 },
  { method: 'get', route: '/api/hazards/mine/{id}', path: '/api/hazards/mine/00000000-0000-4000-8000-000000000000', status: 404 },
  {
    method: 'post', route: '/api/hazards/mine/{id}/messages', path: '/api/hazards/mine/00000000-0000-4000-8000-000000000000/messages',
    body: { body: '请问处理进展如何' }, status: 404,
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
  // Hazard reports: from anyone where the campaign is open to the public, else anonymous ones with the campaign's pass and named ones from those who see it (see below).
  'get /api/hazard-campaigns',
  'post /api/campaigns/{campaignId}/hazard-media',
  'post /api/campaigns/{campaignId}/hazards',
  // Following a report up by its receipt code.
  'post /api/hazard-receipts/lookup',
  'post /api/hazard-receipts/messages',
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
      root,
      handler: await newPerson(t, { role: 'committee', unit: root }),
      bystander: await at('committee'),
      hazardCampaigns: new Map(),
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

  it.each(HANDLER_CASES.map((c) => [`${c.method.toUpperCase()} ${c.route}`, c]))(
    '%s by a member of the committee over the organizing unit not designated a handler: 403',
    async (_name, c) => {
      const request = await (c as Case).call(t, f, f.units.own, 'committee');
      let call = t.http()[(c as Case).method](request.path).set('authorization', f.bystander.auth);
      if (request.body) call = call.send(request.body);
      const response = await call;
      expect({ status: response.status, body: response.body }).toEqual({ status: 403, body: { error: { code: 'FORBIDDEN', message: NOT_HANDLER } } });
    },
  );

  it("shows a case's photos before it is assigned to its campaign's designated handlers only, to anyone else as a missing one", async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const media = await evidencePhoto(t, f, await hazardCampaignOf(t, f, f.units.own));
    await hazardIn(t, f, f.units.own, 'verified', { mediaIds: [media] });
    const answer = async (who: TestPerson, id: string) => {
      const response = await t.http().get(`/api/hazard-media/${id}`).set('authorization', who.auth);
      return { status: response.status, body: response.status < 300 ? 'served' : response.body };
    };
    for (const handler of [f.handler, f.people.committee]) expect((await answer(handler, media)).status).toBe(200);
    for (const who of [f.bystander, f.people.liaison, f.people.staff, f.people.none]) expect(await answer(who, media)).toEqual(await answer(who, missing));
    // Uploaded, taken by no report: nobody's, its uploader's neither.
    const loose = await evidencePhoto(t, f, await hazardCampaignOf(t, f, f.units.own));
    expect(await answer(f.handler, loose)).toEqual(await answer(f.handler, missing));
  });

  it("answers another person's named report in \"my reports\" exactly as a missing one, handlers included, and writes no message to it", async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const campaignId = await hazardCampaignOf(t, f, f.units.own);
    const file = async (anonymous: boolean) => {
      // An anonymous report carries the campaign's pass, fetched by its reporter, and no token.
      const from = anonymous
        ? { [HAZARD_PASS_HEADER]: (await t.http().post(`/api/campaigns/${campaignId}/hazard-pass`).set('authorization', f.people.staff.auth).expect(200)).body.pass as string }
        : { authorization: f.people.staff.auth };
      const body = { place: '城东菜市场', category: '消防', description: '消防通道被杂物堵塞', mediaIds: [], anonymous };
      return (await t.http().post(`/api/campaigns/${campaignId}/hazards`).set(from).send(body).expect(201)).body.followUp.id as string;
    };
    const named = await file(false);
    const anonymous = await file(true);
    const answer = async (who: TestPerson, method: 'get' | 'post', id: string) => {
      const response = await t.http()[method](`/api/hazards/mine/${id}${method === 'post' ? '/messages' : ''}`).set('authorization', who.auth).send(method === 'post' ? { body: '请问处理进展如何' } : undefined);
      return { status: response.status, body: response.body };
    };
    const mine = async (who: TestPerson) => ((await t.http().get('/api/hazards/mine').set('authorization', who.auth).expect(200)).body.items as { id: string }[]).map((h) => h.id);
    // The committee member is a designated handler of the campaign: the case is theirs to handle, not to follow up as its reporter.
    for (const who of [f.people.committee, f.people.liaison, f.people.none]) {
      for (const method of ['get', 'post'] as const) expect(await answer(who, method, named)).toEqual(await answer(who, method, missing));
      expect(await mine(who)).not.toContain(named);
    }
    expect(await t.app.get(Database).repository(HazardMessage).countBy({ hazardId: named })).toBe(0);
    // Its reporter's, and an anonymous report is nobody's.
    expect((await answer(f.people.staff, 'get', named)).status).toBe(200);
    expect(await mine(f.people.staff)).toContain(named);
    expect(await mine(f.people.staff)).not.toContain(anonymous);
    expect(await answer(f.people.staff, 'get', anonymous)).toEqual(await answer(f.people.staff, 'get', missing));
  });

  it('takes hazard reports and their photos from anyone where the campaign is open to the public, elsewhere with its pass or by name from those who see it', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const open = (await newCampaign(t, { organizer: f.units.own })).id;
    await t.app.get(HazardSettingsService).update(open, hazardSettings([], true));
    const draft = (await newCampaign(t, { organizer: f.units.own, status: 'draft' })).id;
    await t.app.get(HazardSettingsService).update(draft, hazardSettings([], true));
    const closed = await hazardCampaignOf(t, f, f.units.own);
    const listed = async (who?: TestPerson) => {
      const call = t.http().get('/api/hazard-campaigns');
      return ((await (who ? call.set('authorization', who.auth) : call).expect(200)).body as { id: string }[]).map((c) => c.id);
    };
    const signedOut = await listed();
    expect(signedOut).toContain(open);
    expect(signedOut).not.toContain(closed);
    expect(signedOut).not.toContain(draft);
    expect(await listed(f.people.none)).toEqual(signedOut);
    expect(await listed(f.people.staff)).toEqual(expect.arrayContaining([open, closed]));
    expect(await listed(f.people.staff)).not.toContain(draft);

    const report = { place: '城东菜市场', category: '消防', description: '消防通道被杂物堵塞', mediaIds: [] };
    type Caller = TestPerson | 'signed out' | 'bad token' | { pass: string };
    const as = (call: Test, who: Caller) => {
      if (who === 'signed out') return call;
      if (typeof who === 'object' && 'pass' in who) return call.set(HAZARD_PASS_HEADER, who.pass);
      return call.set('authorization', who === 'bad token' ? 'Bearer not-a-token' : who.auth);
    };
    const fileIn = async (campaignId: string, who: Caller, anonymous: boolean) => {
      const response = await as(t.http().post(`/api/campaigns/${campaignId}/hazards`), who).send({ ...report, anonymous });
      return { status: response.status, body: response.body };
    };
    const uploadTo = async (campaignId: string, who: Caller) => {
      const response = await as(t.http().post(`/api/campaigns/${campaignId}/hazard-media`), who).attach('file', await tinyPhoto(), 'hazard.jpg');
      return { status: response.status, body: response.body };
    };

    // Open to the public: anyone, anonymously; a named report asks for a sign-in, a bad token is refused.
    const filed = await fileIn(open, 'signed out', true);
    expect(filed).toMatchObject({ status: 201, body: { receiptCode: expect.stringMatching(/^\d{16}$/) } });
    expect((await fileIn(open, f.people.none, false)).status).toBe(201);
    expect((await fileIn(open, 'signed out', false)).status).toBe(401);
    expect((await fileIn(open, 'bad token', true)).status).toBe(401);
    expect((await uploadTo(open, 'signed out')).status).toBe(201);
    expect((await uploadTo(open, 'bad token')).status).toBe(401);
    // Not open: anonymously with the pass of who sees the campaign (a token alone will not do), by
    // name from who sees it; to the signed-in who do not, it is missing.
    const pass = (await t.http().post(`/api/campaigns/${closed}/hazard-pass`).set('authorization', f.people.staff.auth).expect(200)).body.pass as string;
    expect((await fileIn(closed, { pass }, true)).status).toBe(201);
    expect((await uploadTo(closed, { pass })).status).toBe(201);
    expect((await fileIn(closed, f.people.staff, true)).status).toBe(401);
    expect((await fileIn(closed, f.people.staff, false)).status).toBe(201);
    expect((await uploadTo(closed, f.people.staff)).status).toBe(201);
    for (const anonymous of [true, false]) expect((await fileIn(closed, 'signed out', anonymous)).status).toBe(401);
    expect((await uploadTo(closed, 'signed out')).status).toBe(401);
    expect(await fileIn(closed, f.people.none, false)).toEqual(await fileIn(missing, f.people.none, false));
    expect(await uploadTo(closed, f.people.none)).toEqual(await uploadTo(missing, f.people.none));
    expect((await fileIn(missing, f.people.none, false)).body).toEqual({ error: { code: 'NOT_FOUND', message: CAMPAIGN } });

    // The receipt code leads anyone to the case, and nothing else does.
    const { receiptCode } = filed.body as { receiptCode: string };
    const { id } = (filed.body as { followUp: { id: string } }).followUp;
    expect((await t.http().post('/api/hazard-receipts/lookup').send({ code: receiptCode }).expect(200)).body).toMatchObject({ id, status: 'submitted' });
    expect((await t.http().post('/api/hazard-receipts/messages').send({ code: receiptCode, body: '补充：通道在东门' }).expect(201)).body).toMatchObject({ id });
    const wrong = `${receiptCode.slice(0, -1)}${(Number(receiptCode.slice(-1)) + 1) % 10}`;
    expect((await t.http().post('/api/hazard-receipts/lookup').send({ code: wrong }).expect(404)).body.error.code).toBe('NOT_FOUND');
    expect((await t.http().post('/api/hazard-receipts/messages').send({ code: wrong, body: '补充' }).expect(404)).body.error.code).toBe('NOT_FOUND');
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
