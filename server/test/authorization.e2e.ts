import { proposeContributions, Role } from '@safemonth/shared';
import { Unit } from '../src/units/unit.entity';
import { photo } from './fixtures/media';
import { CampaignsService } from '../src/campaigns/campaigns.service';
import { InvitesService } from '../src/invites/invites.service';
import { newCampaign, newPerson, newReport, newUnit, TestPerson } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

/**
 * The authorization matrix: every endpoint, called by a committee member, a liaison and a staff
 * member of unit A, by someone with no unit, and signed out, on A itself ("own"), on A's child
 * ("child") and on a unit elsewhere ("other"). The expectations are written out here, by hand,
 * from the policy as the product states it; they are not computed from the policy code.
 */
type Target = 'own' | 'child' | 'other';
type Who = 'committee' | 'liaison' | 'staff' | 'none';
const Y = true;
const N = false;

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
  /** Allowed per caller, for own / child / other. */
  allowed: Record<Who, [boolean, boolean, boolean]>;
}

const same = (own: boolean, child: boolean, other: boolean): Record<Who, [boolean, boolean, boolean]> => ({
  committee: [own, child, other],
  liaison: [N, N, N],
  staff: [N, N, N],
  none: [N, N, N],
});

const CASES: Case[] = [
  {
    method: 'get', route: '/api/units',
    call: async (_t, _f, u) => ({ path: `/api/units?under=${u.id}` }),
    allowed: { committee: [Y, Y, N], liaison: [Y, Y, N], staff: [Y, N, N], none: [N, N, N] },
  },
  {
    method: 'get', route: '/api/units/{id}',
    call: async (_t, _f, u) => ({ path: `/api/units/${u.id}` }),
    allowed: { committee: [Y, Y, N], liaison: [Y, Y, N], staff: [Y, N, N], none: [N, N, N] },
  },
  {
    method: 'post', route: '/api/units',
    call: async (_t, _f, u) => ({ path: '/api/units', body: { name: `新单位${Math.random()}`, kind: 'enterprise', parentId: u.id } }),
    allowed: same(Y, Y, N),
  },
  {
    method: 'patch', route: '/api/units/{id}',
    call: async (_t, _f, u) => ({ path: `/api/units/${u.id}`, body: { kind: u.kind } }),
    allowed: same(Y, Y, N),
  },
  {
    method: 'put', route: '/api/units/{id}',
    call: async (_t, _f, u) => ({ path: `/api/units/${u.id}`, body: { kind: u.kind } }),
    allowed: same(Y, Y, N),
  },
  {
    // A move to where the unit already is: the rules apply, the tree stays as it is.
    method: 'post', route: '/api/units/{id}/move',
    call: async (_t, _f, u) => ({ path: `/api/units/${u.id}/move`, body: { parentId: u.parentId } }),
    allowed: same(N, Y, N),
  },
  {
    method: 'post', route: '/api/units/{id}/import',
    call: async (_t, _f, u) => ({ path: `/api/units/${u.id}/import`, file: Buffer.from(`名称,类型\n导入${Math.random()},企业\n`) }),
    allowed: same(Y, Y, N),
  },
  {
    method: 'get', route: '/api/units/{id}/members',
    call: async (_t, _f, u) => ({ path: `/api/units/${u.id}/members` }),
    allowed: { committee: [Y, Y, N], liaison: [Y, Y, N], staff: [N, N, N], none: [N, N, N] },
  },
  {
    method: 'delete', route: '/api/memberships/{id}',
    call: async (t, _f, u) => {
      const member = await newPerson(t, { role: 'staff', unit: u });
      const me = await t.http().get('/api/me').set('authorization', member.auth).expect(200);
      return { path: `/api/memberships/${me.body.memberships[0].id}` };
    },
    allowed: same(Y, Y, N),
  },
  {
    method: 'post', route: '/api/invites',
    call: async (_t, _f, u) => ({ path: '/api/invites', body: { unitId: u.id, role: 'staff', expiresInHours: 24, maxUses: 1 } }),
    allowed: { committee: [Y, Y, N], liaison: [Y, N, N], staff: [N, N, N], none: [N, N, N] },
  },
  {
    method: 'post', route: '/api/invites',
    call: async (_t, _f, u) => ({ path: '/api/invites', body: { unitId: u.id, role: 'liaison', expiresInHours: 24, maxUses: 1 } }),
    allowed: same(Y, Y, N),
  },
  // Campaigns: "own" is a campaign organized by A, "child" one organized by A1, "other" by B.
  {
    method: 'post', route: '/api/campaigns',
    call: async (_t, _f, u) => ({ path: '/api/campaigns', body: { organizingUnitId: u.id, title: '2026年安全生产月', year: 2026 } }),
    allowed: same(Y, Y, N),
  },
  {
    method: 'post', route: '/api/campaigns/from-template',
    call: async (_t, _f, u) => ({ path: '/api/campaigns/from-template', body: { organizingUnitId: u.id, templateId: 'jinghai-2021-culture-tourism' } }),
    allowed: same(Y, Y, N),
  },
  {
    method: 'get', route: '/api/campaigns/{id}',
    call: async (t, _f, u) => ({ path: `/api/campaigns/${(await newCampaign(t, { organizer: u })).id}` }),
    allowed: { committee: [Y, Y, N], liaison: [Y, N, N], staff: [Y, N, N], none: [N, N, N] },
  },
  {
    method: 'put', route: '/api/campaigns/{id}',
    call: async (t, _f, u) => ({ path: `/api/campaigns/${(await newCampaign(t, { organizer: u })).id}`, body: { theme: '安全发展' } }),
    allowed: same(Y, Y, N),
  },
  {
    method: 'put', route: '/api/campaigns/{id}/items',
    call: async (t, _f, u) => ({ path: `/api/campaigns/${(await newCampaign(t, { organizer: u, status: 'draft' })).id}/items`, body: { items: [] } }),
    allowed: same(Y, Y, N),
  },
  {
    method: 'put', route: '/api/campaigns/{id}/deliverables',
    call: async (t, _f, u) => ({ path: `/api/campaigns/${(await newCampaign(t, { organizer: u })).id}/deliverables`, body: { deliverables: [] } }),
    allowed: same(Y, Y, N),
  },
  {
    method: 'post', route: '/api/campaigns/{id}/publish',
    call: async (t, _f, u) => ({ path: `/api/campaigns/${(await newCampaign(t, { organizer: u, status: 'draft' })).id}/publish` }),
    allowed: same(Y, Y, N),
  },
  {
    method: 'post', route: '/api/campaigns/{id}/clone',
    call: async (t, _f, u) => ({ path: `/api/campaigns/${(await newCampaign(t, { organizer: u })).id}/clone`, body: { year: 2027 } }),
    allowed: same(Y, Y, N),
  },
  {
    method: 'get', route: '/api/campaigns/{id}/liaisons',
    call: async (t, _f, u) => ({ path: `/api/campaigns/${(await newCampaign(t, { organizer: u })).id}/liaisons` }),
    allowed: { committee: [Y, Y, N], liaison: [Y, N, N], staff: [Y, N, N], none: [N, N, N] },
  },
  {
    method: 'get', route: '/api/campaigns/{id}/liaisons/export',
    call: async (t, _f, u) => ({ path: `/api/campaigns/${(await newCampaign(t, { organizer: u })).id}/liaisons/export` }),
    allowed: same(Y, Y, N),
  },
  {
    // Registering for a unit in a campaign of the whole tree: only that unit's liaison may.
    method: 'put', route: '/api/campaigns/{id}/liaisons/mine',
    call: async (_t, f, u) => ({
      path: `/api/campaigns/${f.rootCampaignId}/liaisons/mine`,
      body: { unitId: u.id, values: { name: '张三', title: '安全员', mobile: '13912345678', unitName: u.name } },
    }),
    allowed: { committee: [N, N, N], liaison: [Y, N, N], staff: [N, N, N], none: [N, N, N] },
  },
  {
    method: 'get', route: '/api/units/{id}/invites',
    call: async (_t, _f, u) => ({ path: `/api/units/${u.id}/invites` }),
    allowed: { committee: [Y, Y, N], liaison: [Y, N, N], staff: [N, N, N], none: [N, N, N] },
  },
  {
    // One invite's QR code (rendered on request, not with the list): the list's rule.
    method: 'get', route: '/api/units/{id}/invites/{inviteId}/qr',
    call: async (t, f, u) => {
      const invite = await t.app.get(InvitesService).create({ unitId: u.id, role: 'staff', expiresInHours: 24, maxUses: 1 }, f.people.committee.person.id);
      return { path: `/api/units/${u.id}/invites/${invite.id}/qr` };
    },
    allowed: { committee: [Y, Y, N], liaison: [Y, N, N], staff: [N, N, N], none: [N, N, N] },
  },
  // Reports in the root's campaign, filed for the target unit (by the caller, where it matters).
  {
    method: 'post', route: '/api/reports',
    call: async (t, f, u) => ({ path: '/api/reports', body: await reportBody(t, f, u) }),
    allowed: { committee: [Y, Y, N], liaison: [Y, N, N], staff: [Y, N, N], none: [N, N, N] },
  },
  {
    method: 'get', route: '/api/reports/{id}',
    call: async (t, f, u) => ({ path: `/api/reports/${await reportIn(t, f, u, 'staff')}` }),
    allowed: { committee: [Y, Y, N], liaison: [Y, Y, N], staff: [Y, N, N], none: [N, N, N] },
  },
  {
    // The caller's own report: only its reporter edits, and only where they may report.
    method: 'put', route: '/api/reports/{id}',
    call: async (t, f, u, who) => {
      const { idempotencyKey: _k, campaignId: _c, unitId: _u, ...input } = await reportBody(t, f, u);
      return { path: `/api/reports/${await reportIn(t, f, u, who)}`, body: input };
    },
    allowed: { committee: [Y, Y, N], liaison: [Y, N, N], staff: [Y, N, N], none: [N, N, N] },
  },
  {
    method: 'delete', route: '/api/reports/{id}',
    call: async (t, f, u, who) => ({ path: `/api/reports/${await reportIn(t, f, u, who)}` }),
    allowed: { committee: [Y, Y, N], liaison: [Y, Y, N], staff: [Y, N, N], none: [N, N, N] },
  },
  {
    method: 'post', route: '/api/reports/{id}/review',
    call: async (t, f, u) => ({ path: `/api/reports/${await reportIn(t, f, u, 'staff')}/review`, body: { action: 'accept' } }),
    allowed: { committee: [Y, Y, N], liaison: [Y, N, N], staff: [N, N, N], none: [N, N, N] },
  },
  {
    method: 'get', route: '/api/campaigns/{id}/reports',
    call: async (_t, f, u) => ({ path: `/api/campaigns/${f.rootCampaignId}/reports?unitId=${u.id}` }),
    allowed: { committee: [Y, Y, N], liaison: [Y, Y, N], staff: [Y, N, N], none: [N, N, N] },
  },
  {
    method: 'get', route: '/api/campaigns/{id}/units/{unitId}/totals',
    call: async (_t, f, u) => ({ path: `/api/campaigns/${f.rootCampaignId}/units/${u.id}/totals` }),
    allowed: { committee: [Y, Y, N], liaison: [Y, Y, N], staff: [Y, N, N], none: [N, N, N] },
  },
  // Media: uploaded for the unit in the root's campaign, in which every unit takes part.
  {
    // The harness names every file units.csv: the server goes by the bytes, which are a JPEG.
    method: 'post', route: '/api/campaigns/{campaignId}/units/{unitId}/media',
    call: async (_t, f, u) => ({ path: `/api/campaigns/${f.rootCampaignId}/units/${u.id}/media`, file: await tinyPhoto() }),
    allowed: { committee: [Y, Y, N], liaison: [Y, N, N], staff: [Y, N, N], none: [N, N, N] },
  },
  {
    method: 'get', route: '/api/media/{id}',
    call: async (t, f, u) => ({ path: `/api/media/${await mediaOf(t, f, u)}` }),
    allowed: { committee: [Y, Y, N], liaison: [Y, Y, N], staff: [Y, N, N], none: [N, N, N] },
  },
  {
    method: 'get', route: '/api/media/{id}/thumbnail',
    call: async (t, f, u) => ({ path: `/api/media/${await mediaOf(t, f, u)}/thumbnail` }),
    allowed: { committee: [Y, Y, N], liaison: [Y, Y, N], staff: [Y, N, N], none: [N, N, N] },
  },
];

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

/** Endpoints for any signed-in person, whatever their units: 401 signed out, never 403. */
const SIGNED_IN_ONLY: { method: 'get' | 'post'; route: string; path: string; body?: object; status: number }[] = [
  { method: 'get', route: '/api/me', path: '/api/me', status: 200 },
  { method: 'post', route: '/api/invites/redeem', path: '/api/invites/redeem', body: { code: 'NOSUCHCD' }, status: 404 },
  { method: 'get', route: '/api/campaigns', path: '/api/campaigns', status: 200 },
  { method: 'get', route: '/api/campaign-templates', path: '/api/campaign-templates', status: 200 },
  { method: 'post', route: '/api/reports/bulk-accept', path: '/api/reports/bulk-accept', body: { reportIds: [] }, status: 200 },
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
    t = await createTestApp();
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
    const staff = f.people.staff;
    const missing = '00000000-0000-4000-8000-000000000000';
    const file = (body: object) => t.http().post('/api/reports').set('authorization', staff.auth).send(body);
    // POST /api/reports: report.create on the unit first, then campaign.read on the campaign.
    const forbidden = await file({ unitId: f.units.other.id, campaignId: missing });
    expect([forbidden.status, forbidden.body.error.message]).toEqual([403, '您没有权限执行此操作']);
    const noUnit = await file({ unitId: missing, campaignId: missing });
    expect([noUnit.status, noUnit.body.error.message]).toEqual([404, '单位不存在']);
    const noCampaign = await file({ unitId: f.units.own.id, campaignId: missing });
    expect([noCampaign.status, noCampaign.body.error.message]).toEqual([404, '活动不存在']);
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

  it.each(rows.map((r) => [`${r.c.method.toUpperCase()} ${r.c.route}${'body' in r.c ? '' : ''}`, r.who, r.target, r.allowed ? 'allowed' : 'forbidden', r]))(
    '%s by %s on %s unit: %s',
    async (_name, _who, _target, _verdict, row) => {
      const { c, who, target, allowed } = row as (typeof rows)[number];
      const request = await c.call(t, f, f.units[target], who);
      let call = t.http()[c.method](request.path).set('authorization', f.people[who].auth);
      if (request.file) call = call.attach('file', request.file, 'units.csv');
      else if (request.body) call = call.send(request.body);
      const response = await call;
      if (allowed) {
        expect({ status: response.status, body: response.status < 300 ? 'ok' : response.body }).toEqual({ status: expect.any(Number), body: 'ok' });
      } else {
        expect({ status: response.status, body: response.body }).toEqual({
          status: 403,
          body: { error: { code: 'FORBIDDEN', message: '您没有权限执行此操作' } },
        });
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
