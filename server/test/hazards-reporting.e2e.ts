import { createHmac } from 'node:crypto';
import { CreateHazardRequest, CreateHazardResponse, HAZARD_PASS_HEADER, HazardFollowUpDto, HazardPassDto, HazardSettingsDto, UpdateHazardSettingsRequest } from '@safemonth/shared';
import pino from 'pino';
import sharp from 'sharp';
import { DataSource, IsNull } from 'typeorm';
import { Campaign, StatisticsField } from '../src/campaigns/campaign.entity';
import { Clock } from '../src/common/clock';
import { Hazard, HazardMedia } from '../src/hazards/hazard.entity';
import { HazardReportsService, newReceiptCode } from '../src/hazards/hazard-reports.service';
import { Media } from '../src/media/media.entity';
import { MediaService } from '../src/media/media.service';
import { Person } from '../src/people/person.entity';
import { Unit } from '../src/units/unit.entity';
import { photo } from './fixtures/media';
import { newCampaign, newPerson, newUnit, TestPerson } from './support/builders';
import { rowCounts } from './support/row-counts';
import { toFreshWindow } from './support/rate-limits';
import { createTestApp, TestApp } from './support/test-app';

const HAZARD = { place: '城东化工厂二号仓库', category: '危险化学品', description: '仓库内氧化剂与易燃物混放，通风设施损坏', mediaIds: [] as string[] };

/** Every row of every table, as JSON text per table: to look for what must be nowhere. */
async function everyRow(t: TestApp): Promise<Record<string, string>> {
  const dataSource = t.app.get(DataSource);
  const rows: Record<string, string> = {};
  for (const { tableName } of dataSource.entityMetadatas) {
    rows[tableName] = JSON.stringify(await dataSource.query(`SELECT * FROM ${dataSource.driver.escape(tableName)}`));
  }
  return rows;
}

/** The tables (other than those left out) whose rows contain any of `needles`. */
async function tablesHolding(t: TestApp, needles: string[], except: string[] = []): Promise<string[]> {
  const rows = await everyRow(t);
  return Object.keys(rows).filter((table) => !except.includes(table) && needles.some((needle) => rows[table].includes(needle)));
}

/** A signed-in person with a phone and a WeChat openid as well, so that every part of an identity can be looked for. */
async function withPhoneAndOpenId(t: TestApp, person: TestPerson, phone: string, openId: string): Promise<Person> {
  const people = t.app.get(DataSource).getRepository(Person);
  await people.update({ id: person.person.id }, { phone, wechatOpenId: openId });
  return people.findOneByOrFail({ id: person.person.id });
}

async function storedBytes(t: TestApp, key: string): Promise<Buffer> {
  const file = await t.app.get(MediaService).openStored(key, 'application/octet-stream');
  const chunks: Buffer[] = [];
  for await (const chunk of file.body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('hazard reports: settings, reporting and follow-up', () => {
  let t: TestApp;
  let root: Unit;
  let district: Unit;
  let outsider: Unit;
  let handler: TestPerson;
  let otherCommittee: TestPerson;
  let liaison: TestPerson;
  let reporter: TestPerson;
  let reporterPerson: Person;
  let stranger: TestPerson;
  /** Open to anonymous and public reports. */
  let campaign: Campaign;
  /** Never set up: named reports only. */
  let plain: Campaign;
  let countFields: StatisticsField[];

  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'true' });
    root = await newUnit(t, { name: '揭阳市安委办' });
    district = await newUnit(t, { parent: root, name: '榕城区', kind: 'district' });
    outsider = await newUnit(t, { name: '汕头市安委办' });
    handler = await newPerson(t, { role: 'committee', unit: root, displayName: '处理人老陈' });
    otherCommittee = await newPerson(t, { role: 'committee', unit: root, displayName: '安委办小王' });
    liaison = await newPerson(t, { role: 'liaison', unit: district, displayName: '联络员小李' });
    reporter = await newPerson(t, { role: 'staff', unit: district, displayName: '举报人张三' });
    reporterPerson = await withPhoneAndOpenId(t, reporter, '13912345678', 'oWhistleblowerOpenId42');
    stranger = await newPerson(t, { displayName: '路人甲' });
    campaign = await newCampaign(t, { organizer: root });
    plain = await newCampaign(t, { organizer: root });
    countFields = await t.app.get(DataSource).getRepository(StatisticsField).findBy({ campaignId: campaign.id, kind: 'count' });
    await t
      .http()
      .put(`/api/campaigns/${campaign.id}/hazard-settings`)
      .set('authorization', handler.auth)
      .send(settingsRequest({ handlerIds: [handler.person.id] }))
      .expect(200);
  });
  afterAll(() => t.close());

  function settingsRequest(change: Partial<UpdateHazardSettingsRequest> = {}): UpdateHazardSettingsRequest {
    return {
      allowAnonymous: true,
      allowPublic: true,
      categories: ['危险化学品', '消防', '其他'],
      zeroingDate: '2026-07-01',
      fields: { received: countFields[0].id, verified: countFields[1].id, rewarded: null, exposed: null, closed: null },
      handlerIds: [handler.person.id],
      ...change,
    };
  }

  const report = (body: Partial<CreateHazardRequest> & { anonymous: boolean }, options: { auth?: string; from?: string; campaignId?: string } = {}) => {
    const request = t.http().post(`/api/campaigns/${options.campaignId ?? campaign.id}/hazards`);
    if (options.auth) request.set('authorization', options.auth);
    if (options.from) request.set('x-forwarded-for', options.from);
    return request.send({ ...HAZARD, ...body });
  };
  const lookup = (code: string) => t.http().post('/api/hazard-receipts/lookup').send({ code });
  const uploadEvidence = (file: Buffer, name = 'hazard.jpg', auth?: string) => {
    const request = t.http().post(`/api/campaigns/${campaign.id}/hazard-media`);
    if (auth) request.set('authorization', auth);
    return request.attach('file', file, name);
  };

  describe('settings', () => {
    it('has the defaults until the committee saves them: named reports only, the shipped categories, no handler', async () => {
      const settings: HazardSettingsDto = (await t.http().get(`/api/campaigns/${plain.id}/hazard-settings`).set('authorization', otherCommittee.auth).expect(200)).body;
      expect(settings).toEqual({
        allowAnonymous: false,
        allowPublic: false,
        categories: ['危险化学品', '矿山', '工贸', '道路交通', '建筑施工', '渔业船舶', '消防', '燃气', '民爆', '船舶修造', '其他'],
        zeroingDate: null,
        fields: { received: null, verified: null, rewarded: null, exposed: null, closed: null },
        handlers: [],
      });
    });

    it('saves them and names the handlers', async () => {
      const settings: HazardSettingsDto = (await t.http().get(`/api/campaigns/${campaign.id}/hazard-settings`).set('authorization', otherCommittee.auth).expect(200)).body;
      expect(settings).toEqual({ ...settingsRequest(), handlerIds: undefined, handlers: [{ personId: handler.person.id, displayName: '处理人老陈' }] });
    });

    it('tells every problem per field', async () => {
      const [boolean] = await t.app.get(DataSource).getRepository(StatisticsField).findBy({ campaignId: campaign.id, kind: 'boolean' });
      const [elsewhere] = await t.app.get(DataSource).getRepository(StatisticsField).findBy({ campaignId: plain.id, kind: 'count' });
      const response = await t
        .http()
        .put(`/api/campaigns/${campaign.id}/hazard-settings`)
        .set('authorization', handler.auth)
        .send(
          settingsRequest({
            allowAnonymous: false,
            categories: ['消防', '燃气', '消防'],
            fields: { received: countFields[0].id, verified: countFields[0].id, rewarded: boolean.id, exposed: elsewhere.id, closed: null },
            handlerIds: [liaison.person.id, 'no-such-person', handler.person.id],
          }),
        )
        .expect(400);
      expect(response.body.error.details).toEqual([
        { field: 'allowPublic', message: expect.stringContaining('允许匿名举报') },
        { field: 'categories.2', message: '隐患类别“消防”重复' },
        { field: 'fields.verified', message: expect.stringContaining('同一个统计项') },
        { field: 'fields.rewarded', message: expect.stringContaining('数量类') },
        { field: 'fields.exposed', message: expect.stringContaining('不属于本活动') },
        { field: 'handlerIds.0', message: expect.stringContaining('安委办的成员') },
        // The same answer for a person who is not there: ids are not confirmed.
        { field: 'handlerIds.1', message: expect.stringContaining('安委办的成员') },
      ]);
      // No name of anyone in the refusal.
      expect(JSON.stringify(response.body)).not.toContain('联络员小李');
    });

    it('refuses malformed settings before reading them: no category, long or blank ones, a day not in the calendar', async () => {
      const put = (change: Partial<UpdateHazardSettingsRequest>) =>
        t.http().put(`/api/campaigns/${campaign.id}/hazard-settings`).set('authorization', handler.auth).send(settingsRequest(change)).expect(400);
      expect((await put({ categories: [] })).body.error.message).toContain('至少设置一个隐患类别');
      expect((await put({ categories: ['危险化学品及易燃易爆物品储存使用场所的隐患'] })).body.error.message).toContain('最多 20 个字');
      expect((await put({ categories: ['  '] })).body.error.message).toContain('不能为空');
      expect((await put({ zeroingDate: '2026-02-30' })).body.error.details).toEqual([expect.objectContaining({ field: 'zeroingDate' })]);
      expect((await put({ categories: Array.from({ length: 31 }, (_, i) => `类别${i}`) })).body.error.message).toContain('最多 30 个');
    });

    it('is the campaign managers\' to change', async () => {
      await t.http().put(`/api/campaigns/${campaign.id}/hazard-settings`).set('authorization', liaison.auth).send(settingsRequest()).expect(403);
      await t.http().get(`/api/campaigns/${campaign.id}/hazard-settings`).set('authorization', stranger.auth).expect(404);
    });
  });

  describe('campaigns taking reports', () => {
    it('lists the public campaigns to anyone, and to the signed-in those they can see as well', async () => {
      const anyone = (await t.http().get('/api/hazard-campaigns').expect(200)).body;
      expect(anyone).toEqual([
        { id: campaign.id, title: campaign.title, organizingUnitName: '揭阳市安委办', categories: ['危险化学品', '消防', '其他'], allowAnonymous: true, allowPublic: true },
      ]);
      const signedIn = (await t.http().get('/api/hazard-campaigns').set('authorization', reporter.auth).expect(200)).body;
      expect(signedIn.map((c: { id: string }) => c.id).sort()).toEqual([campaign.id, plain.id].sort());
      expect((await t.http().get('/api/hazard-campaigns').set('authorization', stranger.auth).expect(200)).body).toEqual(anyone);
      // A token that is sent is checked.
      await t.http().get('/api/hazard-campaigns').set('authorization', 'Bearer not-a-token').expect(401);
    });
  });

  describe('receipt codes', () => {
    it('are 16 random digits from the system\'s CSPRNG: 200 of them all differ and follow no sequence', () => {
      const codes = Array.from({ length: 200 }, () => newReceiptCode());
      for (const code of codes) expect(code).toMatch(/^\d{16}$/);
      expect(new Set(codes).size).toBe(200);
      const numbers = codes.map((c) => BigInt(c));
      const steps = new Set(numbers.slice(1).map((n, i) => n - numbers[i]));
      expect(steps.size).toBeGreaterThan(190);
      // Each position takes many digits: no fixed prefix or counter.
      for (let position = 0; position < 16; position++) expect(new Set(codes.map((c) => c[position])).size).toBeGreaterThanOrEqual(8);
    });

    it('answer an anonymous report once, stored only as their HMAC, and lead back to the case however they are typed', async () => {
      const made: CreateHazardResponse = (await report({ anonymous: true }).expect(201)).body;
      const code = made.receiptCode as string;
      expect(code).toMatch(/^\d{16}$/);
      const row = await t.app.get(DataSource).getRepository(Hazard).findOneByOrFail({ id: made.followUp.id });
      expect(row.receiptHash).toBe(createHmac('sha256', t.config.hazards.receiptSecret).update(`receipt:${code}`).digest('hex'));
      // The code itself is in no row of any table, whole or in its halves.
      expect(await tablesHolding(t, [code, code.slice(0, 8), code.slice(8)])).toEqual([]);

      const spaced = code.replace(/(\d{4})(?=\d)/g, '$1 ');
      const dashed = code.replace(/(\d{4})(?=\d)/g, '$1-');
      for (const typed of [code, spaced, dashed]) {
        const followUp: HazardFollowUpDto = (await lookup(typed).expect(200)).body;
        expect(followUp).toMatchObject({ id: made.followUp.id, status: 'submitted', category: '危险化学品', campaignTitle: campaign.title, messages: [] });
      }
    });

    it('answer the same 404 for an unknown code and for text that cannot be one', async () => {
      const unknown = (await lookup('1234567890123456').expect(404)).body;
      const malformed = (await lookup('not a code').expect(404)).body;
      expect(unknown).toEqual({ error: { code: 'NOT_FOUND', message: '回执码不存在，请核对后重新输入' } });
      expect(malformed).toEqual(unknown);
    });
  });

  describe('anonymity', () => {
    it('keeps nothing of a signed-in caller who reports anonymously: no person, openid, phone or address anywhere', async () => {
      const evidence = (await uploadEvidence(await photo({ width: 640, height: 480 }), 'hazard.jpg', reporter.auth).set('x-forwarded-for', '198.51.100.23').expect(201)).body;
      const made: CreateHazardResponse = (
        await report({ anonymous: true, unitId: district.id, mediaIds: [evidence.id], location: { latitude: 23.5418, longitude: 116.3727, address: '榕城区仙桥街道' } }, { auth: reporter.auth, from: '198.51.100.23' }).expect(201)
      ).body;
      expect(made.followUp.mediaCount).toBe(1);

      const identity = [reporterPerson.id, reporter.username, '举报人张三', '13912345678', 'oWhistleblowerOpenId42', '198.51.100.23'];
      const [row] = await t.app.get(DataSource).query(`SELECT * FROM hazard WHERE id = ?`, [made.followUp.id]);
      for (const value of Object.values(row as Record<string, unknown>)) {
        for (const part of identity) expect(String(value)).not.toContain(part);
      }
      expect(await t.app.get(DataSource).query(`SELECT * FROM hazard_reporter WHERE ${t.app.get(DataSource).driver.escape('hazardId')} = ?`, [made.followUp.id])).toEqual([]);
      // Only the person's own rows know them; the address is in no row at all.
      expect(await tablesHolding(t, identity, ['person', 'membership', 'refresh_token'])).toEqual([]);
      expect(await tablesHolding(t, ['198.51.100.23'])).toEqual([]);
      expect(JSON.stringify(made)).not.toMatch(/举报人张三|13912345678|oWhistleblowerOpenId42|198\.51\.100\.23/);
    });

    it('takes reports without an account only where the campaign is open to the public, always anonymous', async () => {
      await report({ anonymous: false }).expect(401);
      await report({ anonymous: true }, { campaignId: plain.id }).expect(401);
      // Signed in, the campaign takes named reports only: no pass for anonymous ones, and a token does not stand for one.
      const refused = await t.http().post(`/api/campaigns/${plain.id}/hazard-pass`).set('authorization', reporter.auth).expect(403);
      expect(refused.body.error.message).toBe('本活动不接受匿名举报，请登录后实名举报');
      await report({ anonymous: true, category: '消防' }, { auth: reporter.auth, campaignId: plain.id }).expect(401);
      await report({ anonymous: false, category: '消防' }, { auth: reporter.auth, campaignId: plain.id }).expect(201);
      // Someone who cannot see a campaign closed to the public reports nothing to it.
      await report({ anonymous: false, category: '消防' }, { auth: stranger.auth, campaignId: plain.id }).expect(404);
      // Where it is open, anyone signed in reports by name.
      await report({ anonymous: false }, { auth: stranger.auth }).expect(201);
    });

    it('answers a caller without an account alike for a campaign missing, in draft or for members only, confirming none', async () => {
      const draft = await newCampaign(t, { organizer: root, status: 'draft' });
      await t
        .http()
        .put(`/api/campaigns/${draft.id}/hazard-settings`)
        .set('authorization', handler.auth)
        .send(settingsRequest({ fields: { received: null, verified: null, rewarded: null, exposed: null, closed: null } }))
        .expect(200);
      const answers = await Promise.all(
        [plain.id, draft.id, '00000000-0000-4000-8000-000000000000'].flatMap((campaignId) => [
          report({ anonymous: true }, { campaignId }),
          t.http().post(`/api/campaigns/${campaignId}/hazard-media`).attach('file', Buffer.from('x'), 'a.jpg'),
        ]),
      );
      expect(new Set(answers.map((a) => `${a.status} ${a.body.error.message}`))).toEqual(new Set(['401 本活动只接受已登录用户的举报，请先登录']));
      // Its managers see the draft, and learn why it takes no report (nor gives a pass) yet.
      expect((await report({ anonymous: false }, { auth: handler.auth, campaignId: draft.id }).expect(422)).body.error.message).toBe('活动尚未发布，暂不能举报');
      expect((await t.http().post(`/api/campaigns/${draft.id}/hazard-pass`).set('authorization', handler.auth).expect(422)).body.error.message).toBe('活动尚未发布，暂不能举报');
    });

    it('holds a report to the campaign\'s categories, its tree, its evidence and the limits', async () => {
      const problem = async (body: Partial<CreateHazardRequest>, status = 400) => (await report({ anonymous: true, ...body }).expect(status)).body.error;
      expect((await problem({ category: '矿山' })).details).toEqual([{ field: 'category', message: '请从本活动的隐患类别中选择' }]);
      expect((await problem({ unitId: outsider.id })).details).toEqual([{ field: 'unitId', message: '所选单位不在本活动的范围内' }]);
      expect((await problem({ place: ' ' })).message).toContain('请填写隐患所在的单位或地点');
      expect((await problem({ description: '隐'.repeat(2001) })).message).toContain('最多 2000 个字');
      expect((await problem({ location: { latitude: 91, longitude: 0 } })).message).toContain('纬度');
      expect((await problem({ mediaIds: Array.from({ length: 10 }, (_, i) => `m${i}`) })).message).toContain('最多 9 个');
      expect((await problem({ mediaIds: ['no-such-media'] }, 422)).details).toEqual([{ field: 'mediaIds.0', message: expect.stringContaining('不存在') }]);

      const used = (await uploadEvidence(await photo({ width: 320, height: 240 })).expect(201)).body;
      await report({ anonymous: true, mediaIds: [used.id] }).expect(201);
      expect((await problem({ mediaIds: [used.id] }, 422)).details).toEqual([{ field: 'mediaIds.0', message: '照片或视频已用于另一份举报' }]);
      // An event photo of the unit's reports is no evidence.
      const eventPhoto = (
        await t.http().post(`/api/campaigns/${campaign.id}/units/${district.id}/media`).set('authorization', liaison.auth).attach('file', await photo({ width: 1920, height: 1080 }), 'event.jpg').expect(201)
      ).body;
      expect((await problem({ mediaIds: [eventPhoto.id] }, 422)).details).toEqual([{ field: 'mediaIds.0', message: expect.stringContaining('不存在') }]);
    });
  });

  describe('evidence', () => {
    it('is stored without EXIF or GPS, while an event photo keeps them', async () => {
      const taken = await photo({ width: 1920, height: 1080, takenAt: '2026:06:12 09:30:00', gps: { latitude: 23.5418, longitude: 116.3727 } });
      expect((await sharp(taken).metadata()).exif).toBeDefined();

      const evidence = (await uploadEvidence(taken).expect(201)).body;
      expect(evidence).toMatchObject({ kind: 'photo', mime: 'image/jpeg', width: 1920, height: 1080, url: null, thumbnailUrl: null });
      const row = await t.app.get(DataSource).getRepository(HazardMedia).findOneByOrFail({ id: evidence.id });
      expect(row).toMatchObject({ campaignId: campaign.id, hazardId: null, role: 'evidence' });
      const stored = await storedBytes(t, row.storageKey);
      const metadata = await sharp(stored).metadata();
      expect(metadata.exif).toBeUndefined();
      expect(metadata.width).toBe(1920);
      expect(stored.includes(Buffer.from('Exif'))).toBe(false);

      const event = (await t.http().post(`/api/campaigns/${campaign.id}/units/${district.id}/media`).set('authorization', liaison.auth).attach('file', taken, 'event.jpg').expect(201)).body;
      expect(event.gps).toEqual({ latitude: expect.closeTo(23.5418, 3), longitude: expect.closeTo(116.3727, 3) });
      const eventRow = await t.app.get(DataSource).getRepository(Media).findOneByOrFail({ id: event.id });
      expect((await sharp(await storedBytes(t, eventRow.storageKey)).metadata()).exif).toBeDefined();
    });

    it('is taken from anyone only where the campaign is open to the public', async () => {
      const file = await photo({ width: 320, height: 240 });
      await t.http().post(`/api/campaigns/${plain.id}/hazard-media`).attach('file', file, 'a.jpg').expect(401);
      await t.http().post(`/api/campaigns/${plain.id}/hazard-media`).set('authorization', reporter.auth).attach('file', file, 'a.jpg').expect(201);
    });
  });

  describe('reporting passes', () => {
    const HOUR = 3_600_000;
    const PASS_REFUSED = '匿名举报凭证无效或已过期，请重新打开举报页面';
    /** Anonymous reports from the campaign's own people only. */
    let members: Campaign;
    let otherMembers: Campaign;
    let file: Buffer;
    beforeAll(async () => {
      members = await newCampaign(t, { organizer: root });
      otherMembers = await newCampaign(t, { organizer: root });
      for (const c of [members, otherMembers]) {
        await t
          .http()
          .put(`/api/campaigns/${c.id}/hazard-settings`)
          .set('authorization', handler.auth)
          .send(settingsRequest({ allowPublic: false, fields: { received: null, verified: null, rewarded: null, exposed: null, closed: null } }))
          .expect(200);
      }
      file = await photo({ width: 320, height: 240 });
    });

    const passFor = async (campaignId: string, who: TestPerson = reporter): Promise<HazardPassDto> =>
      (await t.http().post(`/api/campaigns/${campaignId}/hazard-pass`).set('authorization', who.auth).expect(200)).body;
    /** An anonymous report and an evidence upload to the campaign with this pass and nothing else. */
    const withPass = (campaignId: string, pass: string) => ({
      report: (body: Partial<CreateHazardRequest> = {}) => report({ ...body, anonymous: true }, { campaignId }).set(HAZARD_PASS_HEADER, pass),
      upload: () => t.http().post(`/api/campaigns/${campaignId}/hazard-media`).set(HAZARD_PASS_HEADER, pass).attach('file', file, 'a.jpg'),
    });
    const refusedWith = async (calls: ReturnType<typeof withPass>) => {
      for (const response of [await calls.report(), await calls.upload()]) {
        expect({ status: response.status, body: response.body }).toEqual({ status: 401, body: { error: { code: 'UNAUTHENTICATED', message: PASS_REFUSED } } });
      }
    };

    it('let an anonymous report and its evidence into a campaign of its own people without any token, which alone no longer does', async () => {
      // A token alone: as if nobody were signed in.
      const alone = await report({ anonymous: true }, { auth: reporter.auth, campaignId: members.id }).expect(401);
      expect(alone.body.error.message).toBe('本活动只接受已登录用户的举报，请先登录');
      await t.http().post(`/api/campaigns/${members.id}/hazard-media`).attach('file', file, 'a.jpg').expect(401);

      const { pass, expiresAt } = await passFor(members.id);
      expect(Date.parse(expiresAt) % HOUR).toBe(0);
      const calls = withPass(members.id, pass);
      const evidence = (await calls.upload().expect(201)).body;
      const made: CreateHazardResponse = (await calls.report({ mediaIds: [evidence.id] }).expect(201)).body;
      expect(made.receiptCode).toMatch(/^\d{16}$/);
      expect(made.followUp.mediaCount).toBe(1);
      // With a token as well, an upload sent with a pass is an anonymous report's: the pass decides.
      const both = await calls.upload().set('authorization', reporter.auth).set(HAZARD_PASS_HEADER, 'not-a-pass');
      expect([both.status, both.body.error.message]).toEqual([401, PASS_REFUSED]);
      // Named reports go with the token, no pass needed.
      await t.http().post(`/api/campaigns/${members.id}/hazard-media`).set('authorization', reporter.auth).attach('file', file, 'a.jpg').expect(201);
      await report({ anonymous: false }, { auth: reporter.auth, campaignId: members.id }).expect(201);
    });

    it('are given only to who sees a published campaign taking anonymous reports, and write nothing', async () => {
      const before = await rowCounts(t);
      await passFor(members.id);
      await passFor(members.id, liaison);
      expect(await rowCounts(t)).toEqual(before);
      expect((await t.http().post(`/api/campaigns/${members.id}/hazard-pass`).set('authorization', stranger.auth).expect(404)).body.error.message).toBe('活动不存在');
      await t.http().post(`/api/campaigns/${members.id}/hazard-pass`).expect(401);
    });

    it('are the same for everyone within an hour: nothing in them tells who asked or when', async () => {
      const start = t.app.get(Clock).now().getTime();
      // Back to just after the start of this hour (the tokens stay good), then 14 minutes on.
      const moves = [-(start % HOUR) + 1000, 14 * 60_000];
      t.advanceClock(moves[0]);
      try {
        const first = await passFor(members.id);
        t.advanceClock(moves[1]);
        const asker = await newPerson(t, { role: 'liaison', unit: district });
        const second = await passFor(members.id, asker);
        expect(second).toEqual(first);
        expect(Date.parse(first.expiresAt) - (start - (start % HOUR))).toBe(25 * HOUR);
        expect(Buffer.from(first.pass.split('.')[0], 'base64url').toString()).toBe(`${members.id}.${Date.parse(first.expiresAt) / 1000}`);
        expect(await passFor(otherMembers.id, asker)).not.toEqual(first);
      } finally {
        t.advanceClock(-moves[0] - moves[1]);
      }
    });

    it('are bound to their campaign', async () => {
      const { pass } = await passFor(otherMembers.id);
      await refusedWith(withPass(members.id, pass));
      await withPass(otherMembers.id, pass).report().expect(201);
    });

    it('expire', async () => {
      const { pass, expiresAt } = await passFor(members.id);
      const moved = Date.parse(expiresAt) - t.app.get(Clock).now().getTime() + 1000;
      t.advanceClock(moved);
      try {
        await refusedWith(withPass(members.id, pass));
      } finally {
        t.advanceClock(-moved);
      }
      await withPass(members.id, pass).report().expect(201);
    });

    it('cannot be forged or altered', async () => {
      const { pass, expiresAt } = await passFor(members.id);
      const [payload, signature] = pass.split('.');
      const later = `${members.id}.${Date.parse(expiresAt) / 1000 + 3600}`;
      const mac = (key: string, text: string) => createHmac('sha256', key).update(text).digest('base64url');
      const b64 = (text: string) => Buffer.from(text).toString('base64url');
      const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
      for (const forged of [
        `${payload}.${flipped}`,
        `${b64(later)}.${signature}`,
        `${b64(`${otherMembers.id}.${Date.parse(expiresAt) / 1000}`)}.${signature}`,
        // Signed with the receipt codes' key itself, or the tokens'.
        `${b64(later)}.${mac(t.config.hazards.receiptSecret, later)}`,
        `${b64(later)}.${mac(t.config.jwtSecret, later)}`,
        `${pass}.`,
        `${pass}=`,
        payload,
        'x'.repeat(5000),
      ]) {
        await refusedWith(withPass(members.id, forged));
      }
    });

    it('leave no row naming the reporter, and the session untouched', async () => {
      // Someone who never reported by name, so that no row of theirs is expected anywhere.
      const whistleblower = await newPerson(t, { role: 'staff', unit: district, displayName: '吹哨人李四' });
      const person = await withPhoneAndOpenId(t, whistleblower, '13812345678', 'oAnotherWhistleblower7');
      const { pass } = await passFor(members.id, whistleblower);
      const dataSource = t.app.get(DataSource);
      const sessions = JSON.stringify(await dataSource.query('SELECT * FROM refresh_token'));
      const calls = withPass(members.id, pass);
      const evidence = (await calls.upload().set('x-forwarded-for', '198.51.100.61').expect(201)).body;
      const made: CreateHazardResponse = (await calls.report({ unitId: district.id, mediaIds: [evidence.id] }).set('x-forwarded-for', '198.51.100.61').expect(201)).body;
      expect(await dataSource.query(`SELECT * FROM hazard_reporter WHERE ${dataSource.driver.escape('hazardId')} = ?`, [made.followUp.id])).toEqual([]);
      const identity = [person.id, whistleblower.username, '吹哨人李四', '13812345678', 'oAnotherWhistleblower7', '198.51.100.61'];
      expect(await tablesHolding(t, identity, ['person', 'membership', 'refresh_token'])).toEqual([]);
      expect(JSON.stringify(await dataSource.query('SELECT * FROM refresh_token'))).toBe(sessions);
      // Nor is the pass kept anywhere.
      expect(await tablesHolding(t, [pass, pass.split('.')[1]])).toEqual([]);
    });
  });

  describe('follow-up', () => {
    let anonymous: CreateHazardResponse;
    let named: CreateHazardResponse;
    beforeAll(async () => {
      anonymous = (await report({ anonymous: true, category: '消防', description: '楼道堆放杂物堵塞消防通道' }).expect(201)).body;
      named = (await report({ anonymous: false, category: '其他' }, { auth: reporter.auth, from: '198.51.100.77' }).expect(201)).body;
    });

    it('exchanges messages both ways by receipt code, the handler never named', async () => {
      const code = anonymous.receiptCode as string;
      const asked = await t.http().post(`/api/hazards/${anonymous.followUp.id}/messages`).set('authorization', handler.auth).send({ body: '请问堵塞的是几号楼？' }).expect(201);
      expect(asked.body).toMatchObject({ from: 'handler', body: '请问堵塞的是几号楼？' });
      const seen: HazardFollowUpDto = (await lookup(code).expect(200)).body;
      expect(seen.messages).toEqual([{ id: asked.body.id, from: 'handler', body: '请问堵塞的是几号楼？', createdAt: expect.any(String) }]);
      expect(JSON.stringify(seen)).not.toMatch(/处理人老陈|handlerId/);
      expect(JSON.stringify(seen)).not.toContain(handler.person.id);

      const answered: HazardFollowUpDto = (await t.http().post('/api/hazard-receipts/messages').send({ code: code.replace(/(\d{4})(?=\d)/g, '$1 '), body: '  3号楼一至三层  ' }).expect(201)).body;
      expect(answered.messages.map((m) => [m.from, m.body])).toEqual([
        ['handler', '请问堵塞的是几号楼？'],
        ['reporter', '3号楼一至三层'],
      ]);
      await t.http().post('/api/hazard-receipts/messages').send({ code: '0000000000000000', body: '试试' }).expect(404);
      await t.http().post('/api/hazard-receipts/messages').send({ code, body: ' ' }).expect(400);
    });

    it('shows a named reporter their own reports, and nobody else\'s', async () => {
      const mine = (await t.http().get('/api/hazards/mine').set('authorization', reporter.auth).expect(200)).body;
      expect(mine.items.map((h: HazardFollowUpDto) => h.id)).toContain(named.followUp.id);
      // Their anonymous reports are theirs no more: nothing links them.
      expect(mine.items.map((h: HazardFollowUpDto) => h.id)).not.toContain(anonymous.followUp.id);
      expect(mine.items.every((h: HazardFollowUpDto, i: number) => i === 0 || h.createdAt <= mine.items[i - 1].createdAt)).toBe(true);

      await t.http().post(`/api/hazards/${named.followUp.id}/messages`).set('authorization', handler.auth).send({ body: '已收到，正在核查' }).expect(201);
      const answered = (await t.http().post(`/api/hazards/mine/${named.followUp.id}/messages`).set('authorization', reporter.auth).send({ body: '谢谢' }).expect(201)).body;
      expect(answered.messages.map((m: { from: string }) => m.from)).toEqual(['handler', 'reporter']);
      expect((await t.http().get(`/api/hazards/mine/${named.followUp.id}`).set('authorization', reporter.auth).expect(200)).body).toEqual(answered);

      for (const other of [stranger, handler]) {
        await t.http().get(`/api/hazards/mine/${named.followUp.id}`).set('authorization', other.auth).expect(404);
        await t.http().post(`/api/hazards/mine/${named.followUp.id}/messages`).set('authorization', other.auth).send({ body: '冒充' }).expect(404);
      }
      await t.http().get(`/api/hazards/mine/${anonymous.followUp.id}`).set('authorization', reporter.auth).expect(404);
      await t.http().get('/api/hazards/mine').expect(401);
    });

    it('keeps a named reporter apart from the case, shown only to designated handlers, each read audited', async () => {
      const row = await t.app.get(DataSource).getRepository(Hazard).findOneByOrFail({ id: named.followUp.id });
      const identity = [reporterPerson.id, '举报人张三', '13912345678', 'oWhistleblowerOpenId42', '198.51.100.77'];
      for (const value of Object.values(row)) for (const part of identity) expect(String(value)).not.toContain(part);
      expect(JSON.stringify(named)).not.toMatch(/举报人张三|13912345678|oWhistleblowerOpenId42|198\.51\.100\.77/);

      // Refused: a committee member not designated (who may see the case: 403), a liaison (404, as if there were none).
      const refused = await t.http().get(`/api/hazards/${named.followUp.id}/reporter`).set('authorization', otherCommittee.auth).expect(403);
      expect(refused.body.error.message).toBe('只有本活动指定的隐患处理人可以处理举报');
      expect((await t.http().get(`/api/hazards/${named.followUp.id}/reporter`).set('authorization', liaison.auth).expect(404)).body.error.message).toBe('隐患举报不存在');
      await t.http().post(`/api/hazards/${named.followUp.id}/messages`).set('authorization', otherCommittee.auth).send({ body: '你好' }).expect(403);
      await t.http().post(`/api/hazards/${named.followUp.id}/messages`).set('authorization', liaison.auth).send({ body: '你好' }).expect(404);
      expect(await t.app.get(DataSource).query('SELECT * FROM hazard_identity_access')).toEqual([]);

      const shown = (await t.http().get(`/api/hazards/${named.followUp.id}/reporter`).set('authorization', handler.auth).expect(200)).body;
      expect(shown).toEqual({ anonymous: false, personId: reporterPerson.id, displayName: '举报人张三', phone: '13912345678', wechatOpenId: 'oWhistleblowerOpenId42', ip: '198.51.100.77' });
      // A second later, so that the log's order (newest first) is plain.
      t.advanceClock(1000);
      expect((await t.http().get(`/api/hazards/${anonymous.followUp.id}/reporter`).set('authorization', handler.auth).expect(200)).body).toEqual({ anonymous: true });

      const log = (await t.http().get(`/api/campaigns/${campaign.id}/hazard-identity-log`).set('authorization', otherCommittee.auth).expect(200)).body;
      expect(log).toMatchObject({ total: 2, page: 1 });
      expect(log.items).toEqual([
        { id: expect.any(String), hazardId: anonymous.followUp.id, byName: '处理人老陈', at: expect.any(String) },
        { id: expect.any(String), hazardId: named.followUp.id, byName: '处理人老陈', at: expect.any(String) },
      ]);
      await t.http().get(`/api/campaigns/${campaign.id}/hazard-identity-log`).set('authorization', liaison.auth).expect(403);
    });
  });
});

describe('hazard reports: rate limits and the sweep', () => {
  let t: TestApp;
  let root: Unit;
  let handler: TestPerson;
  let reporter: TestPerson;
  let campaign: Campaign;
  let other: Campaign;

  beforeAll(async () => {
    t = await createTestApp({
      TRUST_PROXY: 'true',
      HAZARD_RECEIPT_RATE_LIMIT_PER_MINUTE: '3',
      HAZARD_RECEIPT_RATE_LIMIT_OVERALL_PER_MINUTE: '8',
      HAZARD_ANONYMOUS_RATE_LIMIT_PER_MINUTE: '2',
      HAZARD_MEDIA_RATE_LIMIT_PER_MINUTE: '2',
    });
    root = await newUnit(t, { name: '潮州市安委办' });
    handler = await newPerson(t, { role: 'committee', unit: root });
    reporter = await newPerson(t, { role: 'staff', unit: root });
    campaign = await newCampaign(t, { organizer: root });
    other = await newCampaign(t, { organizer: root });
    for (const c of [campaign, other]) {
      await t
        .http()
        .put(`/api/campaigns/${c.id}/hazard-settings`)
        .set('authorization', handler.auth)
        .send({ allowAnonymous: true, allowPublic: true, categories: ['消防'], zeroingDate: null, fields: { received: null, verified: null, rewarded: null, exposed: null, closed: null }, handlerIds: [handler.person.id] })
        .expect(200);
    }
  });
  afterAll(() => t.close());

  const report = (campaignId: string, anonymous = true, auth?: string) => {
    const request = t.http().post(`/api/campaigns/${campaignId}/hazards`);
    if (auth) request.set('authorization', auth);
    return request.send({ ...HAZARD, category: '消防', anonymous });
  };
  const lookup = (code: string, from: string) => t.http().post('/api/hazard-receipts/lookup').set('x-forwarded-for', from).send({ code });

  it('writes no caller\'s address in the log lines of reporting and follow-up, as it does elsewhere', async () => {
    toFreshWindow(t, 60);
    // The server's logger, turned on and written into this list for the test.
    const logger = t.app.getHttpAdapter().getInstance().log as unknown as Record<symbol, unknown> & { level: string };
    const lines: string[] = [];
    const [level, stream] = [logger.level, logger[pino.symbols.streamSym]];
    logger.level = 'info';
    logger[pino.symbols.streamSym] = { write: (line: string) => lines.push(line) };
    try {
      const from = (request: ReturnType<ReturnType<TestApp['http']>['get']>) => request.set('x-forwarded-for', '198.51.100.200');
      await from(t.http().post(`/api/campaigns/${campaign.id}/hazard-pass`)).set('authorization', reporter.auth).expect(200);
      const media = (await from(t.http().post(`/api/campaigns/${campaign.id}/hazard-media`)).attach('file', await photo({ width: 320, height: 240 }), 'a.jpg').expect(201)).body;
      const made = (await from(t.http().post(`/api/campaigns/${campaign.id}/hazards`)).send({ ...HAZARD, category: '消防', anonymous: true, mediaIds: [media.id] }).expect(201)).body;
      const named = (await from(t.http().post(`/api/campaigns/${campaign.id}/hazards`)).set('authorization', reporter.auth).send({ ...HAZARD, category: '消防', anonymous: false }).expect(201)).body;
      await from(t.http().get('/api/hazard-campaigns')).expect(200);
      await from(t.http().post('/api/hazard-receipts/lookup')).send({ code: made.receiptCode }).expect(200);
      await from(t.http().post('/api/hazard-receipts/lookup')).send({ code: '1234' }).expect(404);
      await from(t.http().post('/api/hazard-receipts/messages')).send({ code: made.receiptCode, body: '补充一张照片' }).expect(201);
      await from(t.http().get('/api/hazards/mine')).set('authorization', reporter.auth).expect(200);
      await from(t.http().get(`/api/hazards/mine/${named.followUp.id}`)).set('authorization', reporter.auth).expect(200);
      await from(t.http().post(`/api/hazards/mine/${named.followUp.id}/messages`)).set('authorization', reporter.auth).send({ body: '谢谢' }).expect(201);
      const logged = lines.join('');
      expect(lines.filter((line) => line.includes('"incoming request"'))).toHaveLength(11);
      expect(logged).not.toContain('198.51.100.200');
      expect(logged).not.toContain('remoteAddress');
      expect(logged).not.toContain(made.receiptCode);

      await from(t.http().get('/api/campaigns')).set('authorization', reporter.auth).expect(200);
      expect(lines.join('')).toContain('"remoteAddress":"198.51.100.200"');
    } finally {
      logger.level = level;
      logger[pino.symbols.streamSym] = stream;
    }
  });

  it('limits anonymous reports per campaign, whoever sends them, and named reports not at all', async () => {
    toFreshWindow(t, 60);
    await report(campaign.id).expect(201);
    await report(campaign.id, true, reporter.auth).expect(201);
    const refused = await report(campaign.id).expect(429);
    expect(refused.body.error.message).toMatch(/^本活动的匿名举报过于频繁，请 \d+ 秒后再试$/);
    await report(other.id).expect(201);
    await report(campaign.id, false, reporter.auth).expect(201);
    t.advanceClock(60_000);
    await report(campaign.id).expect(201);
  });

  it('limits evidence uploads per campaign', async () => {
    toFreshWindow(t, 60);
    const file = await photo({ width: 320, height: 240 });
    const upload = (from: string) => t.http().post(`/api/campaigns/${campaign.id}/hazard-media`).set('x-forwarded-for', from).attach('file', file, 'a.jpg');
    await upload('203.0.113.1').expect(201);
    await upload('203.0.113.2').expect(201);
    await upload('203.0.113.3').expect(429);
  });

  it('refuses a client every code after too many wrong ones, the right one too, until the minute ends; right codes never add up', async () => {
    const code = (await report(other.id).expect(201)).body.receiptCode as string;
    toFreshWindow(t, 60);
    for (let i = 0; i < 5; i++) await lookup(code, '203.0.113.10').expect(200);
    for (let i = 0; i < 3; i++) await lookup(`${1000000000000000 + i}`, '203.0.113.10').expect(404);
    await lookup('not even a code', '203.0.113.10').expect(429);
    const refused = await lookup(code, '203.0.113.10').expect(429);
    expect(refused.body.error.message).toMatch(/^回执码输错次数过多，请 \d+ 秒后再试$/);
    await t.http().post('/api/hazard-receipts/messages').set('x-forwarded-for', '203.0.113.10').send({ code, body: '还在吗' }).expect(429);
    // Another address is not held back by this one's mistakes, and its right code leaves no row of it.
    const rowsOfAddresses = async () => (await t.app.get(DataSource).query("SELECT id FROM rate_limit_bucket WHERE id NOT LIKE 'hazard-receipt:all@%'")).length;
    const before = await rowsOfAddresses();
    await lookup(code, '203.0.113.11').expect(200);
    expect(await rowsOfAddresses()).toBe(before);
    // The buckets keep no address.
    const buckets = JSON.stringify(await t.app.get(DataSource).query('SELECT * FROM rate_limit_bucket'));
    expect(buckets).not.toContain('203.0.113');

    t.advanceClock(60_000);
    await lookup(code, '203.0.113.10').expect(200);
  });

  it('holds back every address once wrong codes add up over all of them', async () => {
    const code = (await report(other.id).expect(201)).body.receiptCode as string;
    toFreshWindow(t, 60);
    for (let i = 0; i < 8; i++) await lookup('9999999999999999', `203.0.113.${100 + i}`).expect(404);
    await lookup(code, '203.0.113.200').expect(429);
    t.advanceClock(60_000);
    await lookup(code, '203.0.113.200').expect(200);
  });

  it('removes evidence no report took once it is older than UNATTACHED_MEDIA_DAYS, file and all, and keeps the rest', async () => {
    toFreshWindow(t, 60);
    const file = await photo({ width: 320, height: 240 });
    const upload = () => t.http().post(`/api/campaigns/${other.id}/hazard-media`).attach('file', file, 'a.jpg').expect(201);
    const [taken, left] = [(await upload()).body, (await upload()).body];
    await t.http().post(`/api/campaigns/${other.id}/hazards`).send({ ...HAZARD, category: '消防', anonymous: true, mediaIds: [taken.id] }).expect(201);
    const rows = t.app.get(DataSource).getRepository(HazardMedia);
    const leftRow = await rows.findOneByOrFail({ id: left.id });
    const service = t.app.get(HazardReportsService);

    expect(await service.sweepUnattached()).toBe(0);
    // This one and those the upload limit's test left.
    const unattached = await rows.countBy({ hazardId: IsNull() });
    expect(unattached).toBeGreaterThanOrEqual(1);
    t.advanceClock((t.config.unattachedMediaDays + 1) * 24 * 60 * 60 * 1000);
    expect(await service.sweepUnattached()).toBe(unattached);
    expect(await rows.findOneBy({ id: left.id })).toBeNull();
    expect(await rows.findOneBy({ id: taken.id })).not.toBeNull();
    await expect(t.app.get(MediaService).openStored(leftRow.storageKey, 'image/jpeg')).rejects.toThrow();
  });
});
