import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import {
  chinaDay,
  CreateHazardResponse,
  EXPORT_KINDS,
  ExportJobDto,
  HazardMediaDto,
  HazardOutcome,
  HazardReporterDto,
  ReplaceItemsRequest,
  StatisticsTableDto,
} from '@safemonth/shared';
import JSZip from 'jszip';
import { DataSource, In } from 'typeorm';
import { TokensService } from '../src/auth/tokens.service';
import { Campaign } from '../src/campaigns/campaign.entity';
import { CampaignsService } from '../src/campaigns/campaigns.service';
import { Clock } from '../src/common/clock';
import { ExportRunner } from '../src/exports/export-runner';
import { HazardReminders } from '../src/hazards/hazard-reminders';
import { InboxMessage } from '../src/notifications/inbox-message.entity';
import { OutboxMessage } from '../src/notifications/outbox-message.entity';
import { OutboxWorker } from '../src/notifications/outbox-worker';
import { Person } from '../src/people/person.entity';
import { Unit } from '../src/units/unit.entity';
import { photo } from './fixtures/media';
import { CONSULTATION_DAY, newCampaign, newCityTree, newPerson, newReport, TestPerson } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

/** Every log line the app of this file writes (see createLogger's destination). */
const mockLogLines: string[] = [];
jest.mock('../src/common/logger', () => {
  const actual = jest.requireActual<typeof import('../src/common/logger')>('../src/common/logger');
  return { ...actual, createLogger: (level: string) => actual.createLogger(level, { write: (line: string) => mockLogLines.push(line) }) };
});

const DAY_MS = 86_400_000;
/** The whistleblower: a staff member of the very unit they report (the worst case), named, not anonymous. */
const WHISTLEBLOWER = { name: '吹哨人甲乙丙', phone: '13912345678', openId: 'oWhistleblower0penId12345', ip: '203.0.113.77' };
/**
 * A colleague of theirs in the same unit with the same kind of identity, who reports nothing. What
 * the unit may see of its own members (names in the member list, phones to whoever manages them)
 * shows both alike; whatever names the whistleblower more often than the colleague tells them apart.
 */
const COLLEAGUE = { name: '同事丁戊己', phone: '13987654321', openId: 'oColleague0penId67890' };
/** Where the anonymous report of the last test comes from. */
const ANONYMOUS_IP = '198.51.100.99';
const FIELDS = ['id', 'name', 'phone', 'openId'] as const;
type Field = (typeof FIELDS)[number];
/** Responses of these paths have no reason to name any person of the unit: any trace of the whistleblower there is a leak. */
const STRICT = /hazard|rectification|export|inbox/;

const HAZARD_ITEM: ReplaceItemsRequest['items'][number] = {
  title: '隐患排查治理',
  requirement: '发动群众举报隐患',
  fieldText: '收到举报（ ）件，查实（ ）处，奖励（ ）人次，曝光（ ）个，销号（ ）处',
  fields: [
    { kind: 'count', label: '收到举报', unit: '件' },
    { kind: 'count', label: '查实', unit: '处' },
    { kind: 'count', label: '奖励', unit: '人次' },
    { kind: 'count', label: '曝光', unit: '个' },
    { kind: 'count', label: '销号', unit: '处' },
  ],
};
/** In the order of HAZARD_ITEM's fields. */
const OUTCOMES: HazardOutcome[] = ['received', 'verified', 'rewarded', 'exposed', 'closed'];

/** Who calls: a person, or nobody (no token). */
interface Caller {
  label: string;
  who: TestPerson | null;
}

interface Route {
  method: string;
  /** Fastify's pattern, `/api/hazards/:id`. */
  url: string;
}

/** One response kept to be searched. */
interface Seen {
  caller: string;
  method: string;
  url: string;
  status: number;
  /** Each document of the response (the body, or each file of a ZIP), in the decodings it could be read in. */
  documents: string[][];
}

/** How often `needle` occurs in `text`. */
const occurrences = (text: string, needle: string) => (needle === '' ? 0 : text.split(needle).length - 1);

/** A text with JSON's and XML's escapes and URL encoding undone, so that an escaped name is found too. */
function unescaped(text: string): string {
  const decoded = text
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/&#x([0-9a-fA-F]+);/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)));
  try {
    return decodeURIComponent(decoded);
  } catch {
    return decoded;
  }
}

/** The texts a body can be read as: UTF-8 and Latin-1 (binary files: EXIF strings), escapes undone; a ZIP (XLSX) each of its files, recursively. */
async function documentsOf(body: Buffer): Promise<string[][]> {
  const documents: string[][] = [];
  if (body.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) {
    const zip = await JSZip.loadAsync(body);
    for (const file of Object.values(zip.files)) {
      if (!file.dir) documents.push(...(await documentsOf(await file.async('nodebuffer'))));
    }
  }
  const utf8 = body.toString('utf8');
  const latin1 = body.toString('latin1');
  documents.push([utf8, latin1, unescaped(utf8)]);
  return documents;
}

/** How often each part of an identity occurs in a response: per document the most any decoding shows, summed. */
function count(documents: string[][], value: string): number {
  return documents.reduce((sum, variants) => sum + Math.max(...variants.map((text) => occurrences(text, value))), 0);
}

/**
 * Whether the reporter's identity can be told from a response: their address anywhere; any part of
 * it in a response of the hazard, export or inbox endpoints; elsewhere, a part of it shown more
 * often than the same part of their colleague's.
 */
function leaksIn(seen: Seen, reporter: Record<Field, string>, colleague: Record<Field, string>): string[] {
  const found: string[] = [];
  const ip = count(seen.documents, WHISTLEBLOWER.ip);
  if (ip > 0) found.push(`ip×${ip}`);
  for (const field of FIELDS) {
    const mine = count(seen.documents, reporter[field]);
    const theirs = count(seen.documents, colleague[field]);
    if (STRICT.test(seen.url) ? mine > 0 : mine > theirs) found.push(`${field}×${mine}${STRICT.test(seen.url) ? '' : ` (colleague ×${theirs})`}`);
  }
  return found;
}

/** Every route of the app, read from its controllers' metadata as Nest registers them. */
function routesOf(t: TestApp): Route[] {
  const routes: Route[] = [];
  const join = (...parts: string[]) => `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`;
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as { prototype: Record<string, unknown> } | null;
      if (!type) continue;
      const base: string = Reflect.getMetadata(PATH_METADATA, type) ?? '/';
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = type.prototype[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const path: string | undefined = Reflect.getMetadata(PATH_METADATA, handler);
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        routes.push({ method, url: join('api', base, path) });
      }
    }
  }
  // Served by Fastify itself, beside Nest's controllers.
  routes.push({ method: 'GET', url: '/api/docs-json' }, { method: 'GET', url: '/api/docs-yaml' });
  return routes;
}

describe('hazard reports: the reporter reaches no one but the handlers', () => {
  let t: TestApp;
  let root: Unit;
  let district: Unit;
  let town: Unit;
  let west: Unit;
  let campaign: Campaign;
  /** The designated handler, on the organizing committee. */
  let handler: TestPerson;
  /** On the organizing committee, not a handler: sees the campaign, never a reporter. */
  let committee: TestPerson;
  let reporter: TestPerson;
  let colleague: TestPerson;
  /** Of the reported unit (城东街道). */
  let liaison: TestPerson;
  let staff: TestPerson;
  /** Of its parent (城东区). */
  let parentLiaison: TestPerson;
  /** Of another unit (城西区). */
  let westLiaison: TestPerson;
  let callers: Caller[];
  let reporterIdentity: Record<Field, string>;
  let colleagueIdentity: Record<Field, string>;
  /** The ids of the scenario, by kind, to fill path parameters with. */
  const ids: Record<string, string[]> = {};
  /** Every response searched, and those of the scenario's own steps by the unit's people. */
  const seen: Seen[] = [];

  const fastify = () => t.app.getHttpAdapter().getInstance();
  const everyone = () => [handler, committee, reporter, colleague, liaison, staff, parentLiaison, westLiaison];
  /** Signs everyone in again (access tokens expire by the server's clock). */
  const signInAgain = async () => {
    for (const who of everyone()) {
      const { accessToken } = await t.app.get(TokensService).issue(who.person.id);
      Object.assign(who, { token: accessToken, auth: `Bearer ${accessToken}` });
    }
  };
  /** A JSON request through Fastify's inject, from `from` if given (TRUST_PROXY believes X-Forwarded-For). */
  const call = (method: string, url: string, who: TestPerson | null, payload?: object, from?: string) =>
    fastify().inject({
      method: method as 'GET',
      url,
      headers: { ...(who ? { authorization: who.auth } : {}), ...(from ? { 'x-forwarded-for': from } : {}) },
      ...(payload ? { payload } : {}),
    });
  /** Calls and keeps the response (headers and body) to be searched. */
  const keep = async (method: string, url: string, who: TestPerson | null, payload?: object) => {
    const response = await call(method, url, who, payload);
    const headers = Object.entries(response.headers).map(([name, value]) => `${name}: ${String(value)}`).join('\n');
    const caller = callers.find((c) => c.who === who)?.label ?? who?.person.displayName ?? 'nobody';
    seen.push({ caller, method, url, status: response.statusCode, documents: [...(await documentsOf(response.rawPayload)), ...(await documentsOf(Buffer.from(headers)))] });
    return response;
  };
  const succeeded = (method: string, url: string, response: Awaited<ReturnType<typeof call>>) => {
    if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  const ok = async (method: string, url: string, who: TestPerson | null, payload?: object, from?: string) => succeeded(method, url, await call(method, url, who, payload, from));
  /** A step of the unit's own people: it must succeed, and its answer is searched with the rest. */
  const own = async (method: string, url: string, who: TestPerson, payload?: object) => succeeded(method, url, await keep(method, url, who, payload));
  const upload = async (url: string, who: TestPerson, file: Buffer, from?: string): Promise<HazardMediaDto> => {
    const request = t.http().post(url).set('authorization', who.auth);
    if (from) request.set('x-forwarded-for', from);
    return (await request.attach('file', file, 'photo.jpg').expect(201)).body;
  };
  const add = (kind: string, ...values: string[]) => (ids[kind] = [...new Set([...(ids[kind] ?? []), ...values])]);

  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'true', LOG_LEVEL: 'debug' });
    mockLogLines.length = 0;
    ({ root, district, town, west } = await newCityTree(t));
    handler = await newPerson(t, { role: 'committee', unit: root, displayName: '处理人王五' });
    committee = await newPerson(t, { role: 'committee', unit: root, displayName: '安委办赵六' });
    reporter = await newPerson(t, { role: 'staff', unit: town, displayName: WHISTLEBLOWER.name });
    colleague = await newPerson(t, { role: 'staff', unit: town, displayName: COLLEAGUE.name });
    liaison = await newPerson(t, { role: 'liaison', unit: town, displayName: '街道联络员' });
    staff = await newPerson(t, { role: 'staff', unit: town, displayName: '街道职工' });
    parentLiaison = await newPerson(t, { role: 'liaison', unit: district, displayName: '城东联络员' });
    westLiaison = await newPerson(t, { role: 'liaison', unit: west, displayName: '城西联络员' });
    const people = t.app.get(DataSource).getRepository(Person);
    await people.update({ id: reporter.person.id }, { phone: WHISTLEBLOWER.phone, wechatOpenId: WHISTLEBLOWER.openId });
    await people.update({ id: colleague.person.id }, { phone: COLLEAGUE.phone, wechatOpenId: COLLEAGUE.openId });
    reporterIdentity = { id: reporter.person.id, name: WHISTLEBLOWER.name, phone: WHISTLEBLOWER.phone, openId: WHISTLEBLOWER.openId };
    colleagueIdentity = { id: colleague.person.id, name: COLLEAGUE.name, phone: COLLEAGUE.phone, openId: COLLEAGUE.openId };
    callers = [
      { label: 'liaison of the unit', who: liaison },
      { label: 'staff of the unit', who: staff },
      { label: "liaison of the unit's parent", who: parentLiaison },
      { label: 'liaison of another unit', who: westLiaison },
      { label: 'committee (not a handler)', who: committee },
      { label: 'nobody signed in', who: null },
    ];

    // A published campaign with an activity item, the hazard item its outcomes count in, and a weekly deliverable.
    const draft = await newCampaign(t, { organizer: root, status: 'draft' });
    const campaigns = t.app.get(CampaignsService);
    await campaigns.replaceItems(draft.id, { items: [CONSULTATION_DAY, HAZARD_ITEM] });
    await campaigns.publish(draft.id);
    // The units and the campaign as of before June, so that the units owe June's materials (and are reminded of them).
    const database = t.app.get(DataSource);
    await database.getRepository(Unit).update({ id: In([root.id, district.id, town.id, west.id]) }, { createdAt: new Date('2026-05-01T00:00:00Z') });
    await database.getRepository(Campaign).update({ id: draft.id }, { publishedAt: new Date('2026-05-01T00:00:00Z') });
    campaign = await campaigns.getEntity(draft.id);
    const shown = await ok('GET', `/api/campaigns/${campaign.id}`, handler);
    const hazardFields = shown.items[1].fields as { id: string }[];
    const zeroingDate = chinaDay(new Date(t.app.get(Clock).now().getTime() + 30 * DAY_MS));
    await ok('PUT', `/api/campaigns/${campaign.id}/hazard-settings`, handler, {
      allowAnonymous: true,
      allowPublic: true,
      categories: ['消防', '燃气'],
      zeroingDate,
      fields: Object.fromEntries(OUTCOMES.map((outcome, i) => [outcome, hazardFields[i].id])),
      handlerIds: [handler.person.id],
    });
    add('campaign', campaign.id);
    add('unit', root.id, district.id, town.id, west.id);
    add('item', ...shown.items.map((item: { id: string }) => item.id));
  }, 120_000);
  afterAll(() => t.close());

  it('lets the designated handler see who reported, and finds that identity in what they see', async () => {
    const today = () => chinaDay(t.app.get(Clock).now());
    // The whistleblower's evidence photo names them in its EXIF data; the stored one must not.
    const evidence = await upload(
      `/api/campaigns/${campaign.id}/hazard-media`,
      reporter,
      await photo({ width: 640, height: 480, takenAt: '2026:06:12 09:30:00', gps: { latitude: 31.2304, longitude: 121.4737 }, camera: { make: WHISTLEBLOWER.openId, model: WHISTLEBLOWER.phone } }),
      WHISTLEBLOWER.ip,
    );
    const report = (description: string, mediaIds: string[]): Promise<CreateHazardResponse> =>
      ok('POST', `/api/campaigns/${campaign.id}/hazards`, reporter, { unitId: town.id, place: '城东街道农贸市场', category: '消防', description, mediaIds, anonymous: false }, WHISTLEBLOWER.ip);
    const made = await report('市场消防通道被摊位占用，灭火器过期', [evidence.id]);
    expect(made.receiptCode).toBeNull();
    const id = made.followUp.id;
    const second = (await report('市场配电箱线路私拉乱接', [])).followUp.id;

    // The handler reads the reporter (audited) and talks with them; the reporter answers from "my reports".
    const identity: HazardReporterDto = await ok('GET', `/api/hazards/${id}/reporter`, handler);
    expect(identity).toEqual({ anonymous: false, personId: reporter.person.id, displayName: WHISTLEBLOWER.name, phone: WHISTLEBLOWER.phone, wechatOpenId: WHISTLEBLOWER.openId, ip: WHISTLEBLOWER.ip });
    await ok('POST', `/api/hazards/${id}/messages`, handler, { body: '请问占用通道的是哪几个摊位？' });
    await ok('POST', `/api/hazards/mine/${id}/messages`, reporter, { body: '东侧第三排的三个摊位' }, WHISTLEBLOWER.ip);

    // Verified, assigned to the reported unit, rectified by its liaison, closed, rewarded, made a typical case.
    await ok('POST', `/api/hazards/${id}/start-verification`, handler);
    await ok('POST', `/api/hazards/${id}/verify`, handler);
    await ok('POST', `/api/hazards/${id}/assign`, handler, { unitId: town.id, dueDate: chinaDay(new Date(t.app.get(Clock).now().getTime() + 7 * DAY_MS)), requirement: '三日内清理通道' });
    const after = await photo({ width: 640, height: 480, takenAt: '2026:06:14 10:00:00', camera: { make: 'Huawei', model: 'P60' } });
    const uploaded = await t.http().post(`/api/rectifications/${id}/media`).set('authorization', liaison.auth).attach('file', after, 'after.jpg').expect(201);
    seen.push({ caller: 'liaison of the unit', method: 'POST', url: `/api/rectifications/${id}/media`, status: uploaded.status, documents: await documentsOf(Buffer.from(uploaded.text)) });
    const rectificationPhoto: HazardMediaDto = uploaded.body;
    await own('POST', `/api/rectifications/${id}/done`, liaison, { description: '已清理摊位，通道畅通', mediaIds: [rectificationPhoto.id] });
    await ok('POST', `/api/hazards/${id}/close`, handler);
    await ok('PUT', `/api/hazards/${id}/reward`, handler, { amountYuan: 500, status: 'granted' });
    await ok('PUT', `/api/hazards/${id}/typical`, handler, { typical: true, link: 'https://news.example.cn/2026/hazard' });
    // The second case: assigned, due today, so overdue (and reminded) from tomorrow.
    await ok('POST', `/api/hazards/${second}/verify`, handler);
    await ok('POST', `/api/hazards/${second}/assign`, handler, { unitId: town.id, dueDate: today() });
    add('hazard', id, second);
    add('hazardMedia', evidence.id, rectificationPhoto.id);

    // The handler's views do name the reporter where they should, and the search finds it there.
    const shownToHandler: Seen = { caller: 'handler', method: 'GET', url: '/api/hazards/:id/reporter', status: 200, documents: await documentsOf(Buffer.from(JSON.stringify(identity))) };
    expect(leaksIn(shownToHandler, reporterIdentity, colleagueIdentity).sort()).toEqual(['id×1', 'ip×1', 'name×1', 'openId×1', 'phone×1']);
    // As the photo was sent, before its metadata was stripped.
    const original = await documentsOf(await photo({ width: 8, height: 8, camera: { make: WHISTLEBLOWER.openId, model: WHISTLEBLOWER.phone } }));
    expect(count(original, WHISTLEBLOWER.phone)).toBeGreaterThan(0);
    expect(count(original, WHISTLEBLOWER.openId)).toBeGreaterThan(0);
  });

  it('fills the other lists of the unit: an activity report, entries, a hand-in, the liaison form, notices, an invite', async () => {
    const reportPhoto = await upload(`/api/campaigns/${campaign.id}/units/${town.id}/media`, staff, await photo({ width: 640, height: 480 }));
    const activity = await newReport(t, { campaign, unit: town, reporter: staff, mediaIds: [reportPhoto.id] });
    await ok('POST', `/api/reports/${activity.id}/review`, committee, { action: 'accept' });
    add('report', activity.id);
    add('media', reportPhoto.id);
    const [count0] = (await ok('GET', `/api/campaigns/${campaign.id}`, handler)).items[0].fields as { id: string }[];
    const entry = await own('POST', `/api/campaigns/${campaign.id}/units/${town.id}/manual-entries`, liaison, { fieldId: count0.id, amount: 2, note: '线下宣传' });
    add('entry', entry.id);
    add('field', count0.id);
    await own('PUT', `/api/campaigns/${campaign.id}/liaisons/mine`, liaison, {
      unitId: town.id,
      values: { name: '街道联络员', title: '科员', mobile: '13800000000', unitName: '城东街道办事处' },
    });
    const status = await ok('GET', `/api/campaigns/${campaign.id}/hand-in-status?unitId=${town.id}`, liaison);
    const deliverableId: string = (await ok('GET', `/api/campaigns/${campaign.id}`, handler)).deliverables[0].id;
    const [first, next] = status.instances.map((i: { periodKey: string }) => i.periodKey) as string[];
    await own('POST', '/api/hand-ins', liaison, { campaignId: campaign.id, deliverableId, periodKey: first, unitId: town.id, text: '本周活动材料', documentIds: [], reportIds: [] });
    add('deliverable', deliverableId);
    add('periodKey', first, next);
    await own('POST', `/api/campaigns/${campaign.id}/units/${town.id}/statistics/submission`, liaison, { contactName: '街道联络员', phone: '13800000000', fillDate: '2026-06-28' });
    await ok('POST', `/api/campaigns/${campaign.id}/reminders`, committee, { deliverableId, periodKey: next, unitId: town.id });
    const invite = await ok('POST', '/api/invites', committee, { unitId: town.id, role: 'staff', expiresInHours: 240, maxUses: 5 });
    add('invite', invite.id);
    add('code', invite.code);

    // Two days on: the second case is overdue, its reminder decided and every notice sent.
    t.advanceClock(2 * DAY_MS);
    expect(await t.app.get(HazardReminders).tick(t.app.get(Clock).now())).toBeGreaterThan(0);
    t.advanceClock(DAY_MS);
    await signInAgain();
    await t.app.get(OutboxWorker).drain();
    const inbox = await t.app.get(DataSource).getRepository(InboxMessage).findBy({ personId: liaison.person.id });
    expect(inbox.map((m) => m.kind)).toEqual(expect.arrayContaining(['hazard_overdue', 'manual_reminder']));
    // The unit's table and its 隐患清零 counts carry both cases (what the sweep and the exports show).
    const counts = await ok('GET', `/api/campaigns/${campaign.id}/units/${town.id}/hazard-counts`, liaison);
    expect(counts.unit).toEqual({ open: 1, overdue: 1, closed: 1 });
    const table: StatisticsTableDto = await ok('GET', `/api/campaigns/${campaign.id}/units/${town.id}/statistics`, liaison);
    const hazardFields = table.items[1].fields.map((f) => (f.kind === 'count' ? f.value : null));
    expect(hazardFields).toEqual([2, 2, 1, 1, 1]);
  });

  it('makes every export of every unit the callers may ask for', async () => {
    for (const { who } of callers) {
      for (const kind of EXPORT_KINDS) {
        for (const unitId of ids.unit) {
          const asked = await keep('POST', `/api/campaigns/${campaign.id}/exports`, who, { kind, unitId });
          if (asked.statusCode !== 202) continue;
          const job: ExportJobDto = asked.json();
          // The runner every process has, run here rather than on its timer.
          await t.app.get(ExportRunner).drain();
          expect(await ok('GET', `/api/exports/${job.id}`, who)).toMatchObject({ status: 'done' });
          add('export', job.id);
        }
      }
    }
    // At least the unit's liaison and the committee could; the sweep below downloads each file as each caller.
    expect(ids.export.length).toBeGreaterThanOrEqual(2 * EXPORT_KINDS.length);
  }, 300_000);

  it('never shows the reporter to the unit, its parent, another unit, the committee or anyone signed out, through any endpoint', async () => {
    const routes = routesOf(t);
    for (const route of routes) expect([route, fastify().hasRoute({ method: route.method as 'GET', url: route.url })]).toEqual([route, true]);
    const document = (await ok('GET', '/api/docs-json', null)) as { paths: Record<string, Record<string, { parameters?: { name: string; in: string; required?: boolean; schema?: { enum?: string[]; maximum?: number } }[] }>> };

    /** The ids a path parameter may take: by its name, or for `:id` by the collection before it. */
    const candidates = (url: string, param: string): string[] => {
      const segments = url.split('/');
      const before = segments[segments.indexOf(`:${param}`) - 1];
      const byName: Record<string, string | undefined> = {
        campaignId: 'campaign',
        unitId: 'unit',
        hazardId: 'hazard',
        deliverableId: 'deliverable',
        periodKey: 'periodKey',
        inviteId: 'invite',
        code: 'code',
        fieldId: 'field',
        entryId: 'entry',
      };
      const byCollection: Record<string, string> = {
        campaigns: 'campaign',
        units: 'unit',
        hazards: 'hazard',
        mine: 'hazard',
        'hazard-media': 'hazardMedia',
        media: 'media',
        reports: 'report',
        exports: 'export',
      };
      const kind = param === 'id' ? byCollection[before] : byName[param];
      return kind ? (ids[kind] ?? []) : [...new Set(Object.values(ids).flat())];
    };
    /** The query strings to try: none, and each known parameter with each of its values (the required ones always set). */
    const queries = (route: Route): string[] => {
      const operation = document.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      const parameters = (operation?.parameters ?? []).filter((p) => p.in === 'query');
      const values = (name: string, schema?: { enum?: string[]; maximum?: number }): string[] => {
        if (schema?.enum) return schema.enum;
        if (['unitId', 'under', 'outside'].includes(name)) return ids.unit;
        if (name === 'reporterId') return [staff.person.id];
        if (name === 'itemId') return ids.item;
        if (name === 'mine') return ['true'];
        if (name === 'category') return ['消防'];
        return [];
      };
      const base = new URLSearchParams();
      const size = parameters.find((p) => p.name === 'size');
      if (size) base.set('size', String(size.schema?.maximum ?? 50));
      for (const p of parameters.filter((p) => p.required)) base.set(p.name, values(p.name, p.schema)[0]);
      const variants = [base.toString()];
      for (const p of parameters) {
        for (const value of values(p.name, p.schema)) {
          const query = new URLSearchParams(base);
          query.set(p.name, value);
          variants.push(query.toString());
        }
      }
      return [...new Set(variants)].map((q) => (q ? `?${q}` : ''));
    };
    /** Every path of a route with its parameters filled from the candidates, at most `limit` of them. */
    const paths = (url: string, limit = 200): string[] => {
      let filled = [url];
      for (const param of [...url.matchAll(/:(\w+)/g)].map((m) => m[1])) {
        const values = candidates(url, param);
        filled = filled.flatMap((path) => values.map((value) => path.replace(`:${param}`, encodeURIComponent(value))));
      }
      return filled.slice(0, limit);
    };

    const gets = routes.filter((r) => r.method === 'GET');
    const uncovered = gets.filter((r) => paths(r.url).length === 0).map((r) => r.url);
    expect(uncovered).toEqual([]);
    const statuses = new Map<string, Set<number>>();
    for (const { who } of callers) {
      for (const route of gets) {
        for (const path of paths(route.url)) {
          for (const query of queries(route)) {
            const response = await keep('GET', `${path}${query}`, who);
            statuses.set(route.url, (statuses.get(route.url) ?? new Set()).add(response.statusCode));
          }
        }
      }
      // What they can do to their own notices, and every other step of a case, refused or not.
      if (who) {
        const inbox = await call('GET', '/api/inbox?size=200', who);
        for (const message of (inbox.json().items ?? []) as { id: string }[]) await keep('POST', `/api/inbox/${message.id}/read`, who);
        await keep('POST', '/api/inbox/read-all', who);
      }
      for (const route of routes.filter((r) => r.method !== 'GET' && /hazard|rectification/.test(r.url))) {
        for (const path of paths(route.url)) await keep(route.method, path, who, {});
      }
    }

    const leaks = seen.flatMap((s) => {
      const found = leaksIn(s, reporterIdentity, colleagueIdentity);
      return found.length ? [`${s.caller}: ${s.method} ${s.url} → ${s.status} ${found.join(', ')}`] : [];
    });
    expect(leaks).toEqual([]);
    // The sweep reached the unit's own views of the case, the files and the exports.
    const answered = [...statuses].filter(([, codes]) => [...codes].some((code) => code < 300)).map(([url]) => url);
    expect(answered).toEqual(
      expect.arrayContaining([
        '/api/campaigns/:campaignId/units/:unitId/rectifications',
        '/api/rectifications/:hazardId',
        '/api/hazard-media/:id',
        '/api/hazard-media/:id/thumbnail',
        '/api/campaigns/:campaignId/units/:unitId/hazard-counts',
        '/api/campaigns/:campaignId/units/:unitId/statistics',
        '/api/exports/:id/file',
        '/api/inbox',
        '/api/units/:id/members',
        '/api/campaigns/:id/reports',
        '/api/media/:id',
      ]),
    );
    // The files were read inside: the liaison's phone of the liaison form is in the unit's exported table.
    expect(seen.filter((s) => s.url.endsWith('/file') && s.status === 200 && count(s.documents, '13800000000') > 0).length).toBeGreaterThan(0);
    expect(gets.length).toBeGreaterThanOrEqual(45);
    expect(seen.length).toBeGreaterThan(1000);
  }, 900_000);

  it('keeps the reporter out of the logs and out of the notices of the unit and the committee', async () => {
    // Addresses do reach the log elsewhere (so the capture would see the reporter's).
    await ok('GET', '/api/campaigns', liaison, undefined, '192.0.2.10');
    const logged = mockLogLines.join('');
    expect(logged).toContain('"remoteAddress":"192.0.2.10"');
    for (const value of [...Object.values(reporterIdentity), WHISTLEBLOWER.ip]) expect(logged).not.toContain(value);

    const notified = [liaison, staff, parentLiaison, westLiaison, committee].map((p) => p.person.id);
    const database = t.app.get(DataSource);
    const notices = JSON.stringify([
      await database.getRepository(InboxMessage).findBy({ personId: In(notified) }),
      await database.getRepository(OutboxMessage).findBy({ personId: In(notified) }),
    ]);
    expect(notices).toContain('隐患整改逾期');
    for (const value of [...Object.values(reporterIdentity), WHISTLEBLOWER.ip]) expect(notices).not.toContain(value);
  });

  it('keeps nothing of an anonymous reporter: not their person, even with a token sent, nor their address', async () => {
    const database = t.app.get(DataSource);
    /** Every row of every table, as JSON text, by table. */
    const everyRow = async () => {
      const rows: { table: string; text: string }[] = [];
      for (const { tableName } of database.entityMetadatas) {
        for (const row of await database.query(`SELECT * FROM ${database.driver.escape(tableName)}`)) rows.push({ table: tableName, text: JSON.stringify(row) });
      }
      return rows;
    };
    const mentioning = async (needle: string) => (await everyRow()).filter((row) => row.text.includes(needle)).map((row) => `${row.table} ${row.text}`).sort();

    // The named report's address is kept with its reporter, apart from the case, and nowhere else.
    expect((await mentioning(WHISTLEBLOWER.ip)).map((row) => row.split(' ')[0])).toEqual(['hazard_reporter', 'hazard_reporter']);

    const sender = await newPerson(t, { role: 'staff', unit: town, displayName: '匿名者庚辛' });
    const before = await mentioning(sender.person.id);
    const evidence = await upload(`/api/campaigns/${campaign.id}/hazard-media`, sender, await photo({ width: 320, height: 240 }), ANONYMOUS_IP);
    const made: CreateHazardResponse = await ok(
      'POST',
      `/api/campaigns/${campaign.id}/hazards`,
      sender,
      { unitId: town.id, place: '城东街道仓库', category: '燃气', description: '液化气钢瓶存放在地下室', mediaIds: [evidence.id], anonymous: true },
      ANONYMOUS_IP,
    );
    expect(made.receiptCode).toMatch(/^\d{16}$/);
    expect(await ok('POST', '/api/hazard-receipts/lookup', null, { code: made.receiptCode }, ANONYMOUS_IP)).toMatchObject({ id: made.followUp.id });
    await ok('POST', '/api/hazard-receipts/messages', null, { code: made.receiptCode, body: '补充：钢瓶共十余个' }, ANONYMOUS_IP);
    expect(await ok('GET', `/api/hazards/${made.followUp.id}/reporter`, handler)).toEqual({ anonymous: true });

    // Nothing more names the sender than before, no row joins them to the case, and the address is nowhere.
    expect(await mentioning(sender.person.id)).toEqual(before);
    expect((await everyRow()).filter((row) => row.text.includes(made.followUp.id) && row.text.includes(sender.person.id))).toEqual([]);
    expect(await mentioning(ANONYMOUS_IP)).toEqual([]);
    expect(await mentioning(made.receiptCode as string)).toEqual([]);
    expect(mockLogLines.join('')).not.toContain(ANONYMOUS_IP);
    const mine = await ok('GET', '/api/hazards/mine', sender);
    expect(mine.items).toEqual([]);
  });
});
