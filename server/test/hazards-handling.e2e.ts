import { chinaDay, HAZARD_LIMITS, HazardCaseDto, HazardCountsDto, HazardOutcome, ReplaceItemsRequest, StatisticsTableDto } from '@safemonth/shared';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { TokensService } from '../src/auth/tokens.service';
import { Campaign } from '../src/campaigns/campaign.entity';
import { Clock } from '../src/common/clock';
import { newId } from '../src/common/columns';
import { Database } from '../src/database/database.service';
import { HazardMedia } from '../src/hazards/hazard.entity';
import { HazardReminders } from '../src/hazards/hazard-reminders';
import { HazardReportsService } from '../src/hazards/hazard-reports.service';
import { MediaService } from '../src/media/media.service';
import { Membership } from '../src/people/membership.entity';
import { OutboxMessage } from '../src/notifications/outbox-message.entity';
import { NotificationsService } from '../src/notifications/notifications.service';
import { Unit } from '../src/units/unit.entity';
import { photo } from './fixtures/media';
import { newCityTree, newPerson, newPublishedCampaign, newUnit, TestPerson } from './support/builders';
import { binaryBody, createTestApp, TestApp } from './support/test-app';

const DAY_MS = 86_400_000;

/** An item whose five count fields the hazard outcomes are mapped to, in HAZARD_OUTCOMES order. */
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
const OUTCOMES: HazardOutcome[] = ['received', 'verified', 'rewarded', 'exposed', 'closed'];
const REPORTER_NAME = '举报人甲乙丙';

describe('hazard handling', () => {
  let t: TestApp;
  let root: Unit;
  let district: Unit;
  let town: Unit;
  let west: Unit;
  let handler: TestPerson;
  /** On the organizing committee but not designated a handler. */
  let bystander: TestPerson;
  let reporter: TestPerson;
  let districtLiaison: TestPerson;
  let districtStaff: TestPerson;
  let townLiaison: TestPerson;
  let westLiaison: TestPerson;
  /** A photo as a phone takes it: when, where and with what camera. */
  let eventPhoto: Buffer;

  beforeAll(async () => {
    t = await createTestApp();
    eventPhoto = await photo({ width: 1920, height: 1080, takenAt: '2026:06:12 09:30:00', gps: { latitude: 31.2304, longitude: 121.4737 }, camera: { make: 'Huawei', model: 'P60' } });
    ({ root, district, town, west } = await newCityTree(t));
    handler = await newPerson(t, { role: 'committee', unit: root, displayName: '处理人王五' });
    bystander = await newPerson(t, { role: 'committee', unit: root });
    reporter = await newPerson(t, { role: 'staff', unit: west, displayName: REPORTER_NAME });
    districtLiaison = await newPerson(t, { role: 'liaison', unit: district, displayName: '城东联络员' });
    districtStaff = await newPerson(t, { role: 'staff', unit: district });
    townLiaison = await newPerson(t, { role: 'liaison', unit: town });
    westLiaison = await newPerson(t, { role: 'liaison', unit: west });
  });
  afterAll(() => t.close());

  /** Moves the server's clock, signing everyone in again (access tokens expire by it). */
  const travel = async (ms: number) => {
    t.advanceClock(ms);
    for (const who of [handler, reporter, districtLiaison, townLiaison, westLiaison]) {
      const { accessToken } = await t.app.get(TokensService).issue(who.person.id);
      Object.assign(who, { token: accessToken, auth: `Bearer ${accessToken}` });
    }
  };
  const today = () => chinaDay(t.app.get(Clock).now());
  const dayAfter = (days: number) => chinaDay(new Date(t.app.get(Clock).now().getTime() + days * DAY_MS));

  /** A published campaign of the root whose outcomes count in its five fields; answers it with the fields' ids by outcome. */
  async function hazardCampaign(options: { zeroingDate?: string | null } = {}): Promise<{ campaign: Campaign; fields: Record<HazardOutcome, string> }> {
    const { campaign, items } = await newPublishedCampaign(t, { organizer: root, items: [HAZARD_ITEM], reader: handler });
    const fields = Object.fromEntries(OUTCOMES.map((outcome, i) => [outcome, items[0].fields[i].id])) as Record<HazardOutcome, string>;
    await t
      .http()
      .put(`/api/campaigns/${campaign.id}/hazard-settings`)
      .set('authorization', handler.auth)
      .send({
        allowAnonymous: true,
        allowPublic: false,
        categories: ['消防', '燃气'],
        zeroingDate: options.zeroingDate ?? null,
        fields,
        handlerIds: [handler.person.id],
      })
      .expect(200);
    return { campaign, fields };
  }

  /** A named report of `reporter` concerning `unit`, through the reporting endpoint. */
  async function newCase(campaign: Campaign, unit: Unit | null = town, place = '城东菜市场'): Promise<string> {
    const response = await t
      .http()
      .post(`/api/campaigns/${campaign.id}/hazards`)
      .set('authorization', reporter.auth)
      .send({ ...(unit ? { unitId: unit.id } : {}), place, category: '消防', description: '消防通道被杂物堵塞', mediaIds: [], anonymous: false })
      .expect(201);
    return response.body.followUp.id;
  }

  const act = (id: string, step: string, body?: object, who = handler) => t.http().post(`/api/hazards/${id}/${step}`).set('authorization', who.auth).send(body);
  const caseOf = async (id: string, who = handler): Promise<HazardCaseDto> => (await t.http().get(`/api/hazards/${id}`).set('authorization', who.auth).expect(200)).body;
  const assign = (id: string, unit: Unit, dueDate = dayAfter(7), requirement?: string) => act(id, 'assign', { unitId: unit.id, dueDate, ...(requirement ? { requirement } : {}) });
  const done = (id: string, mediaIds: string[], who = districtLiaison) =>
    t.http().post(`/api/rectifications/${id}/done`).set('authorization', who.auth).send({ description: '已清理杂物，通道畅通', mediaIds });
  const upload = (id: string, who = districtLiaison) =>
    t.http().post(`/api/rectifications/${id}/media`).set('authorization', who.auth).attach('file', eventPhoto, 'after.jpg');
  /** Reports it rectified with one photo, by the liaison of `unit`'s responsible unit. */
  const rectify = async (id: string, who = districtLiaison) => {
    const media = (await upload(id, who).expect(201)).body;
    await done(id, [media.id], who).expect(200);
  };

  it('walks a case through every step, refusing with 409 the steps its state does not lead from', async () => {
    const { campaign } = await hazardCampaign();
    const id = await newCase(campaign);
    expect(await caseOf(id)).toMatchObject({ status: 'submitted', unit: { id: town.id, name: town.name }, anonymous: false, rectification: null, overdue: false });

    for (const [step, body] of [['close', undefined], ['reopen', { comment: '重新整改' }], ['assign', { unitId: district.id, dueDate: dayAfter(3) }]] as const) {
      const refused = await act(id, step, body).expect(409);
      expect(refused.body.error.message).toContain('已提交');
    }
    expect((await act(id, 'start-verification').expect(200)).body.status).toBe('verifying');
    await act(id, 'start-verification').expect(409);
    expect((await act(id, 'verify').expect(200)).body).toMatchObject({ status: 'verified', reason: null });
    await act(id, 'verify').expect(409);
    expect((await act(id, 'reject', { reason: '  现场核查无此情况 ' }).expect(200)).body).toMatchObject({ status: 'unfounded', reason: '现场核查无此情况' });
    await act(id, 'reject', { reason: '再次' }).expect(409);
    await act(id, 'assign', { unitId: district.id, dueDate: dayAfter(3) }).expect(409);
    expect((await act(id, 'verify').expect(200)).body).toMatchObject({ status: 'verified', reason: null });

    const assigned: HazardCaseDto = (await assign(id, district, dayAfter(3), '三日内清理完毕').expect(200)).body;
    expect(assigned).toMatchObject({
      status: 'rectifying',
      rectification: { unit: { id: district.id, name: district.name }, dueDate: dayAfter(3), requirement: '三日内清理完毕', description: null, media: [], doneAt: null },
    });
    await act(id, 'close').expect(409);
    await act(id, 'reject', { reason: '不属实' }).expect(409);
    await rectify(id);
    await done(id, []).expect(400);
    expect((await act(id, 'close').expect(200)).body.status).toBe('closed');
    await act(id, 'close').expect(409);
    const reopened: HazardCaseDto = (await act(id, 'reopen', { comment: '复查发现又有堆放', dueDate: dayAfter(5) }).expect(200)).body;
    expect(reopened).toMatchObject({ status: 'rectifying', rectification: { dueDate: dayAfter(5), description: null, doneAt: null } });
    // The photos sent before stay with the rectification until the unit sends others.
    expect(reopened.rectification?.media).toHaveLength(1);
    await rectify(id);
    expect((await act(id, 'reopen', { comment: '仍未整改到位' }).expect(200)).body.rectification.dueDate).toBe(dayAfter(5));
    // Given to the wrong unit: given to another while under rectification, not once reported done.
    expect((await assign(id, west, dayAfter(4)).expect(200)).body.rectification).toMatchObject({ unit: { id: west.id }, dueDate: dayAfter(4) });
    await rectify(id, westLiaison);
    await assign(id, district).expect(409);

    const { history } = await caseOf(id);
    expect(history.map((h) => h.action)).toEqual([
      'submit',
      'startVerification',
      'verify',
      'reject',
      'verify',
      'assign',
      'rectify',
      'close',
      'reopen',
      'rectify',
      'reopen',
      'assign',
      'rectify',
    ]);
    expect(history[0]).toMatchObject({ byName: null, comment: null });
    expect(history[3]).toMatchObject({ byName: '处理人王五', comment: '现场核查无此情况' });
    expect(history[6].byName).toBe('城东联络员');
    expect(history[8].comment).toBe('复查发现又有堆放');
    expect(JSON.stringify(history)).not.toContain(REPORTER_NAME);
  });

  it('lets only the designated handlers handle the campaign, and hides its cases from everyone else', async () => {
    const { campaign } = await hazardCampaign();
    const id = await newCase(campaign);
    // The organizing committee sees the campaign: 403; others find nothing.
    expect((await t.http().get(`/api/hazards/${id}`).set('authorization', bystander.auth).expect(403)).body.error.message).toContain('指定的隐患处理人');
    await act(id, 'verify', undefined, bystander).expect(403);
    await t.http().get(`/api/campaigns/${campaign.id}/hazards`).set('authorization', bystander.auth).expect(403);
    expect((await t.http().get(`/api/hazards/${id}`).set('authorization', townLiaison.auth).expect(404)).body.error.message).toBe('隐患举报不存在');
    await act(id, 'verify', undefined, townLiaison).expect(404);
    await t.http().get(`/api/campaigns/${campaign.id}/hazards`).set('authorization', townLiaison.auth).expect(403);
    expect((await caseOf(id)).status).toBe('submitted');
  });

  it('lists the queue newest first, filtered, a page at a time', async () => {
    const { campaign } = await hazardCampaign();
    const first = await newCase(campaign, town, '一号');
    t.advanceClock(1000);
    const second = await newCase(campaign, west, '二号');
    t.advanceClock(1000);
    const third = await newCase(campaign, null, '三号');
    await act(second, 'verify').expect(200);
    await assign(second, district).expect(200);
    await act(first, 'verify').expect(200);
    await t.http().put(`/api/hazards/${first}/typical`).set('authorization', handler.auth).send({ typical: true }).expect(200);
    const list = (query: Record<string, string | number>) =>
      t.http().get(`/api/campaigns/${campaign.id}/hazards`).query(query).set('authorization', handler.auth).expect(200).then((r) => r.body);

    const all = await list({});
    expect(all.items.map((h: { id: string }) => h.id)).toEqual([third, second, first]);
    expect(all.total).toBe(3);
    expect(all.items[1]).toMatchObject({ status: 'rectifying', unit: { id: west.id }, rectification: { unit: { id: district.id, name: district.name } } });
    expect(all.items[1]).not.toHaveProperty('messages');
    expect((await list({ size: 1, page: 2 })).items.map((h: { id: string }) => h.id)).toEqual([second]);
    expect((await list({ status: 'verified' })).items.map((h: { id: string }) => h.id)).toEqual([first]);
    expect((await list({ typical: 'true' })).items.map((h: { id: string }) => h.id)).toEqual([first]);
    // Concerning the district's subtree (the town), or assigned to it.
    expect((await list({ unitId: district.id })).items.map((h: { id: string }) => h.id)).toEqual([second, first]);
    expect((await list({ unitId: west.id })).items.map((h: { id: string }) => h.id)).toEqual([second]);
    expect((await list({ category: '燃气' })).total).toBe(0);
    expect((await list({ overdue: 'true' })).total).toBe(0);
    expect((await list({ overdue: 'false' })).total).toBe(3);
    await t.http().get(`/api/campaigns/${campaign.id}/hazards`).query({ status: 'done' }).set('authorization', handler.auth).expect(400);
    await t.http().get(`/api/campaigns/${campaign.id}/hazards`).query({ overdue: 'yes' }).set('authorization', handler.auth).expect(400);
  });

  it('refuses a committee member who is not a handler before looking at the input, and tells no unit of another tree from a missing one', async () => {
    const { campaign } = await hazardCampaign();
    const id = await newCase(campaign);
    await act(id, 'verify').expect(200);
    for (const [step, body] of [
      ['assign', { unitId: newId(), dueDate: '2000-01-01' }],
      ['reopen', { comment: '再查', dueDate: '2000-01-01' }],
    ] as const) {
      expect((await act(id, step, body, bystander).expect(403)).body.error.message).toBe('只有本活动指定的隐患处理人可以处理举报');
    }
    const typical = await t.http().put(`/api/hazards/${id}/typical`).set('authorization', bystander.auth).send({ typical: true, link: 'ftp://x' }).expect(403);
    expect(typical.body.error.message).toBe('只有本活动指定的隐患处理人可以处理举报');

    const elsewhere = await newUnit(t, { name: '邻市安委办' });
    const [missing, outside] = await Promise.all([assign(id, { id: newId() } as Unit).expect(400), assign(id, elsewhere).expect(400)]);
    expect(outside.body).toEqual(missing.body);
    const queue = (unitId: string) => t.http().get(`/api/campaigns/${campaign.id}/hazards?unitId=${unitId}`).set('authorization', handler.auth).expect(400);
    expect((await queue(elsewhere.id)).body).toEqual((await queue(newId())).body);
  });

  it('shows a reward and a typical-case mark only while the case is found true, to handlers and to the reporter', async () => {
    const { campaign } = await hazardCampaign();
    const id = await newCase(campaign);
    await act(id, 'verify').expect(200);
    await t.http().put(`/api/hazards/${id}/reward`).set('authorization', handler.auth).send({ amountYuan: 500, status: 'paid' }).expect(200);
    await t.http().put(`/api/hazards/${id}/typical`).set('authorization', handler.auth).send({ typical: true }).expect(200);
    const typicalIds = async () =>
      (await t.http().get(`/api/campaigns/${campaign.id}/hazards?typical=true`).set('authorization', handler.auth).expect(200)).body.items.map((h: { id: string }) => h.id);
    const mine = async () => (await t.http().get(`/api/hazards/mine/${id}`).set('authorization', reporter.auth).expect(200)).body;
    expect(await typicalIds()).toEqual([id]);
    expect((await mine()).reward).toEqual({ amountYuan: 500, status: 'paid' });

    await act(id, 'reject', { reason: '复核不属实' }).expect(200);
    expect(await caseOf(id)).toMatchObject({ reward: null, typical: null });
    expect(await typicalIds()).toEqual([]);
    expect((await mine()).reward).toBeNull();

    await act(id, 'verify').expect(200);
    expect(await caseOf(id)).toMatchObject({ reward: { amountYuan: 500, status: 'paid' }, typical: { link: null } });
  });

  it('lets a designated handler who left the committee handle nothing more, the case’s photos included', async () => {
    const { campaign } = await hazardCampaign();
    const leaving = await newPerson(t, { role: 'committee', unit: root, displayName: '调离的处理人' });
    const settings = (await t.http().get(`/api/campaigns/${campaign.id}/hazard-settings`).set('authorization', handler.auth).expect(200)).body;
    await t
      .http()
      .put(`/api/campaigns/${campaign.id}/hazard-settings`)
      .set('authorization', handler.auth)
      .send({ ...settings, handlers: undefined, handlerIds: [handler.person.id, leaving.person.id] })
      .expect(200);
    const id = await newCase(campaign);
    await act(id, 'verify').expect(200);
    await assign(id, district).expect(200);
    await rectify(id);
    const photo = (await caseOf(id)).rectification?.media[0].url as string;
    await t.http().get(photo).set('authorization', leaving.auth).expect(200);
    await caseOf(id, leaving);

    // Now the liaison of the unit the case concerns, no longer on the committee.
    await t.app.get(Database).repository(Membership).delete({ personId: leaving.person.id });
    await t.app.get(Database).repository(Membership).insert({ id: newId(), personId: leaving.person.id, unitId: town.id, role: 'liaison' });
    await t.http().get(photo).set('authorization', leaving.auth).expect(404);
    await t.http().get(`/api/hazards/${id}`).set('authorization', leaving.auth).expect(404);
    await act(id, 'close', undefined, leaving).expect(404);
  });

  it('needs a reason to reject', async () => {
    const { campaign } = await hazardCampaign();
    const id = await newCase(campaign);
    expect((await act(id, 'reject', {}).expect(400)).body.error.details.map((d: { field: string }) => d.field)).toContain('reason');
    await act(id, 'reject', { reason: '   ' }).expect(400);
    await act(id, 'reject', { reason: '长'.repeat(HAZARD_LIMITS.reasonLength + 1) }).expect(400);
    expect((await caseOf(id)).status).toBe('submitted');
  });

  it('assigns only to a unit of the campaign’s tree, by a real day not before today', async () => {
    const { campaign } = await hazardCampaign();
    const id = await newCase(campaign);
    await act(id, 'verify').expect(200);
    const elsewhere = await newUnit(t, { name: '外市安委办' });
    const field = async (body: object) => (await act(id, 'assign', body).expect(400)).body.error.details.map((d: { field: string }) => d.field);
    expect(await field({ unitId: elsewhere.id, dueDate: dayAfter(3) })).toEqual(['unitId']);
    expect(await field({ unitId: 'no-such-unit', dueDate: dayAfter(3) })).toEqual(['unitId']);
    expect(await field({ unitId: district.id, dueDate: '2026-02-30' })).toEqual(['dueDate']);
    expect(await field({ unitId: district.id, dueDate: dayAfter(-1) })).toEqual(['dueDate']);
    expect(await field({ unitId: district.id })).toEqual(['dueDate']);
    expect((await caseOf(id)).status).toBe('verified');
    expect((await assign(id, district, today()).expect(200)).body.rectification.dueDate).toBe(today());
    // A new due day on reopening is held to the same rule.
    await rectify(id);
    expect((await act(id, 'reopen', { comment: '再改', dueDate: dayAfter(-1) }).expect(400)).body.error.details[0].field).toBe('dueDate');
    await act(id, 'reopen', {}).expect(400);
  });

  it('sets a reward on verified cases only, in yuan to the fen, and takes it back', async () => {
    const { campaign } = await hazardCampaign();
    const id = await newCase(campaign);
    const reward = (body: object) => t.http().put(`/api/hazards/${id}/reward`).set('authorization', handler.auth).send(body);
    await reward({ amountYuan: 500, status: 'granted' }).expect(409);
    await act(id, 'verify').expect(200);
    for (const amountYuan of [0, -1, 1.234, HAZARD_LIMITS.maxRewardYuan + 1, '500']) await reward({ amountYuan, status: 'granted' }).expect(400);
    await reward({ amountYuan: 500, status: 'given' }).expect(400);
    expect((await reward({ amountYuan: 500.5, status: 'granted' }).expect(200)).body.reward).toEqual({ amountYuan: 500.5, status: 'granted' });
    expect((await reward({ amountYuan: 0.07, status: 'paid' }).expect(200)).body.reward).toEqual({ amountYuan: 0.07, status: 'paid' });
    const { history } = await caseOf(id);
    expect(history.filter((h) => h.action === 'reward').map((h) => h.comment)).toEqual(['奖励 500.50 元（已批准）', '奖励 0.07 元（已发放）']);
    expect((await t.http().delete(`/api/hazards/${id}/reward`).set('authorization', handler.auth).expect(200)).body.reward).toBeNull();
    await t.http().delete(`/api/hazards/${id}/reward`).set('authorization', handler.auth).expect(409);
  });

  it('marks verified cases as typical, with an http(s) link', async () => {
    const { campaign } = await hazardCampaign();
    const id = await newCase(campaign);
    const typical = (body: object) => t.http().put(`/api/hazards/${id}/typical`).set('authorization', handler.auth).send(body);
    await typical({ typical: true }).expect(409);
    await act(id, 'verify').expect(200);
    expect((await typical({ typical: true, link: 'ftp://news.example.com/1' }).expect(400)).body.error.details[0].field).toBe('link');
    await typical({ typical: 'yes' }).expect(400);
    expect((await typical({ typical: true, link: ' https://news.example.com/a/1 ' }).expect(200)).body.typical).toEqual({ link: 'https://news.example.com/a/1' });
    expect((await typical({ typical: true }).expect(200)).body.typical).toEqual({ link: null });
    expect((await typical({ typical: false, link: 'https://news.example.com/a/1' }).expect(200)).body.typical).toBeNull();
  });

  it('counts the outcomes in the mapped fields of the accountable unit, moving them as the case goes', async () => {
    const { campaign, fields } = await hazardCampaign();
    const table = async (unit: Unit, scope: 'unit' | 'subtree' = 'unit'): Promise<Record<HazardOutcome, number>> => {
      const body: StatisticsTableDto = (await t.http().get(`/api/campaigns/${campaign.id}/units/${unit.id}/statistics?scope=${scope}`).set('authorization', handler.auth).expect(200)).body;
      const values = new Map(body.items.flatMap((i) => i.fields).map((f) => [f.id, f.kind === 'count' ? f.value : null]));
      return Object.fromEntries(OUTCOMES.map((outcome) => [outcome, values.get(fields[outcome])])) as Record<HazardOutcome, number>;
    };
    const counts = (received: number, verified = 0, rewarded = 0, exposed = 0, closed = 0) => ({ received, verified, rewarded, exposed, closed });

    const id = await newCase(campaign, town);
    // Received by the organizing unit, which checks it: the unit concerned learns nothing yet.
    expect(await table(root)).toEqual(counts(1));
    expect(await table(town)).toEqual(counts(0));
    await act(id, 'start-verification').expect(200);
    expect(await table(root)).toEqual(counts(1));

    await act(id, 'verify').expect(200);
    expect(await table(root)).toEqual(counts(0));
    expect(await table(town)).toEqual(counts(1, 1));
    expect(await table(district, 'subtree')).toEqual(counts(1, 1));
    expect(await table(root, 'subtree')).toEqual(counts(1, 1));

    await t.http().put(`/api/hazards/${id}/reward`).set('authorization', handler.auth).send({ amountYuan: 200, status: 'granted' }).expect(200);
    await t.http().put(`/api/hazards/${id}/typical`).set('authorization', handler.auth).send({ typical: true }).expect(200);
    expect(await table(town)).toEqual(counts(1, 1, 1, 1));

    // Not verified after all: back to the organizing unit, and the reward and exposure count no more.
    await act(id, 'reject', { reason: '复核不属实' }).expect(200);
    expect(await table(town)).toEqual(counts(0));
    expect(await table(root)).toEqual(counts(1));
    expect(await table(root, 'subtree')).toEqual(counts(1));

    await act(id, 'verify').expect(200);
    expect(await table(town)).toEqual(counts(1, 1, 1, 1));

    await assign(id, west).expect(200);
    expect(await table(town)).toEqual(counts(0));
    expect(await table(district, 'subtree')).toEqual(counts(0));
    expect(await table(west)).toEqual(counts(1, 1, 1, 1));
    await t.http().delete(`/api/hazards/${id}/reward`).set('authorization', handler.auth).expect(200);
    expect(await table(west)).toEqual(counts(1, 1, 0, 1));
    await t.http().put(`/api/hazards/${id}/typical`).set('authorization', handler.auth).send({ typical: false }).expect(200);
    expect(await table(west)).toEqual(counts(1, 1));

    await rectify(id, westLiaison);
    expect(await table(west)).toEqual(counts(1, 1));
    await act(id, 'close').expect(200);
    expect(await table(west)).toEqual(counts(1, 1, 0, 0, 1));
    expect(await table(root, 'subtree')).toEqual(counts(1, 1, 0, 0, 1));
    await act(id, 'reopen', { comment: '复查未整改到位' }).expect(200);
    expect(await table(west)).toEqual(counts(1, 1));
    expect(await table(root, 'subtree')).toEqual(counts(1, 1));
  });

  it('counts every case again when the settings map outcomes to other fields', async () => {
    const { campaign, fields } = await hazardCampaign();
    const values = async (unit: Unit): Promise<Map<string, number | null>> => {
      const body: StatisticsTableDto = (await t.http().get(`/api/campaigns/${campaign.id}/units/${unit.id}/statistics?scope=unit`).set('authorization', handler.auth).expect(200)).body;
      return new Map(body.items.flatMap((i) => i.fields).map((f) => [f.id, f.kind === 'count' ? f.value : null]));
    };
    const verified = await newCase(campaign, town);
    await act(verified, 'verify').expect(200);
    await newCase(campaign, town);
    const settings = (await t.http().get(`/api/campaigns/${campaign.id}/hazard-settings`).set('authorization', handler.auth).expect(200)).body;
    const remap = (mapped: Partial<Record<HazardOutcome, string | null>>) =>
      t
        .http()
        .put(`/api/campaigns/${campaign.id}/hazard-settings`)
        .set('authorization', handler.auth)
        .send({ ...settings, handlers: undefined, handlerIds: [handler.person.id], fields: { ...fields, ...mapped } })
        .expect(200);

    // Received and verified swap fields; exposure is no longer counted.
    await remap({ received: fields.verified, verified: fields.received, exposed: null });
    let town1 = await values(town);
    let root1 = await values(root);
    expect([town1.get(fields.verified), town1.get(fields.received)]).toEqual([1, 1]);
    expect([root1.get(fields.verified), root1.get(fields.received)]).toEqual([1, 0]);

    // Unmapped, a case adds nothing anywhere.
    await remap({ received: null, verified: null });
    town1 = await values(town);
    root1 = await values(root);
    expect([town1.get(fields.verified), town1.get(fields.received), root1.get(fields.verified), root1.get(fields.received)]).toEqual([0, 0, 0, 0]);
  });

  if (process.env.TEST_DATABASE === 'mariadb') {
    it('ends with every count under the new mapping when a change of the mapping and a workflow step meet', async () => {
      const { campaign, fields } = await hazardCampaign();
      const id = await newCase(campaign, town);
      const settings = (await t.http().get(`/api/campaigns/${campaign.id}/hazard-settings`).set('authorization', handler.auth).expect(200)).body;
      const remapped = { received: fields.closed, verified: fields.exposed, rewarded: null, exposed: null, closed: null };
      const dataSource = t.app.get(DataSource);
      // Statements waiting for the settings row's lock, as the server lists them.
      const waiting = async (count: number) => {
        const sql = "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE info LIKE '%FROM `hazard_settings`%FOR UPDATE'";
        while (Number((await dataSource.query(sql))[0].n) < count) await new Promise((resolve) => setTimeout(resolve, 20));
      };

      // Both wait on the campaign's settings row, the change of the mapping first in line.
      const holder = dataSource.createQueryRunner();
      await holder.startTransaction();
      try {
        await holder.query('SELECT campaignId FROM hazard_settings WHERE campaignId = ? FOR UPDATE', [campaign.id]);
        const remapping = t
          .http()
          .put(`/api/campaigns/${campaign.id}/hazard-settings`)
          .set('authorization', handler.auth)
          .send({ ...settings, handlers: undefined, handlerIds: [handler.person.id], fields: remapped })
          .then((response) => response.status);
        await waiting(1);
        const verifying = act(id, 'verify').then((response) => response.status);
        await waiting(2);
        await holder.commitTransaction();
        expect(await Promise.all([remapping, verifying])).toEqual([200, 200]);
      } finally {
        if (holder.isTransactionActive) await holder.rollbackTransaction();
        await holder.release();
      }
      const values = async (unit: Unit, scope: 'unit' | 'subtree') => {
        const body: StatisticsTableDto = (await t.http().get(`/api/campaigns/${campaign.id}/units/${unit.id}/statistics?scope=${scope}`).set('authorization', handler.auth).expect(200)).body;
        const byId = new Map(body.items.flatMap((i) => i.fields).map((f) => [f.id, f.kind === 'count' ? f.value : null]));
        return OUTCOMES.map((outcome) => byId.get(fields[outcome]));
      };
      // Received (in the closed field) and verified (in the exposed one), for the unit concerned; nothing left at the organizing unit.
      expect(await values(town, 'unit')).toEqual([0, 0, 0, 1, 1]);
      expect(await values(root, 'unit')).toEqual([0, 0, 0, 0, 0]);
      expect(await values(root, 'subtree')).toEqual([0, 0, 0, 1, 1]);
    });
  }

  it('has the responsible unit rectify the case, which never shows the reporter; other units find nothing', async () => {
    const { campaign } = await hazardCampaign();
    const id = await newCase(campaign, town);
    const unassigned = await newCase(campaign, town);
    await act(id, 'verify').expect(200);
    const rectification = (who: TestPerson, hazardId = id) => t.http().get(`/api/rectifications/${hazardId}`).set('authorization', who.auth);
    expect((await rectification(districtLiaison).expect(404)).body.error.message).toBe('整改任务不存在');
    await assign(id, district, dayAfter(2), '清理杂物').expect(200);
    await rectification(districtLiaison, unassigned).expect(404);

    const seen = (await rectification(districtLiaison).expect(200)).body;
    expect(seen).toMatchObject({
      id,
      campaignId: campaign.id,
      category: '消防',
      place: '城东菜市场',
      status: 'rectifying',
      media: [],
      rectification: { unit: { id: district.id }, dueDate: dayAfter(2), requirement: '清理杂物', description: null },
      overdue: false,
      comment: null,
    });
    const listed = (await t.http().get(`/api/campaigns/${campaign.id}/units/${district.id}/rectifications`).set('authorization', districtLiaison.auth).expect(200)).body;
    expect(listed.items.map((r: { id: string }) => r.id)).toEqual([id]);
    for (const body of [seen, listed]) {
      expect(JSON.stringify(body)).not.toContain(REPORTER_NAME);
      expect(JSON.stringify(body)).not.toContain(reporter.person.id);
    }
    // Another unit's liaison, the liaison of a unit below and the unit's own staff find nothing: the case is for who acts for the unit.
    await rectification(westLiaison).expect(404);
    await rectification(townLiaison).expect(404);
    await t.http().get(`/api/campaigns/${campaign.id}/units/${district.id}/rectifications`).set('authorization', westLiaison.auth).expect(404);
    await rectification(districtStaff).expect(404);
    await t.http().get(`/api/campaigns/${campaign.id}/units/${district.id}/rectifications`).set('authorization', districtStaff.auth).expect(403);
    expect((await upload(id, westLiaison).expect(404)).body.error.message).toBe('整改任务不存在');
    await done(id, ['x'], westLiaison).expect(404);
    await done(id, ['x'], districtStaff).expect(404);

    // An event photo keeps what the camera wrote.
    const uploaded = (await upload(id).expect(201)).body;
    expect(uploaded).toMatchObject({ kind: 'photo', mime: 'image/jpeg', url: null });
    const media = (who: TestPerson, mediaId = uploaded.id, thumbnail = false) =>
      t.http().get(`/api/hazard-media/${mediaId}${thumbnail ? '/thumbnail' : ''}`).set('authorization', who.auth).buffer(true).parse(binaryBody);
    // Held by no case yet: nobody is served it.
    expect((await media(handler).expect(404)).body.toString()).toContain('照片或视频不存在');
    await done(id, []).expect(400);
    await done(id, ['no-such-media']).expect(422);
    const finished = (await done(id, [uploaded.id]).expect(200)).body;
    expect(finished).toMatchObject({ status: 'rectified', rectification: { description: '已清理杂物，通道畅通', media: [{ id: uploaded.id }] } });
    expect(finished.rectification.doneAt).toEqual(expect.any(String));
    expect(finished.rectification.media[0].url).toBe(`/api/hazard-media/${uploaded.id}`);
    await done(id, [uploaded.id]).expect(409);

    const original = (await media(districtLiaison).expect(200)).body as Buffer;
    const exif = (await sharp(original).metadata()).exif;
    expect(exif).toBeDefined();
    expect(exif?.toString('latin1')).toContain('Huawei');
    await media(districtLiaison, uploaded.id, true).expect(200).expect('content-type', 'image/jpeg');
    await media(handler).expect(200);
    for (const other of [westLiaison, townLiaison, districtStaff, reporter]) expect((await media(other).expect(404)).body.toString()).toContain('照片或视频不存在');
    await media(handler, 'no-such-media').expect(404);

    // Another case's rectification cannot take the photo.
    const other = await newCase(campaign, town);
    await act(other, 'verify').expect(200);
    await assign(other, district).expect(200);
    expect((await done(other, [uploaded.id]).expect(422)).body.error.details[0].field).toBe('mediaIds.0');
    // Uploads only while under rectification.
    await act(id, 'close').expect(200);
    await upload(id).expect(409);
    await act(id, 'reopen', { comment: '照片不清楚，请重拍' }).expect(200);
    expect((await rectification(districtLiaison).expect(200)).body.comment).toBe('照片不清楚，请重拍');
  });

  it('counts open, overdue and closed verified hazards per unit, subtree and child, as days pass', async () => {
    const { campaign } = await hazardCampaign({ zeroingDate: dayAfter(10) });
    const counted = await newCase(campaign, town); // verified, open
    const due = await newCase(campaign, town); // assigned to the town, due in two days
    const finished = await newCase(campaign, west); // closed
    await newCase(campaign, town); // submitted: not counted
    const unfounded = await newCase(campaign, town);
    await act(unfounded, 'reject', { reason: '不属实' }).expect(200);
    await act(counted, 'verify').expect(200);
    await act(due, 'verify').expect(200);
    await assign(due, town, dayAfter(2)).expect(200);
    await act(finished, 'verify').expect(200);
    await assign(finished, west).expect(200);
    await rectify(finished, westLiaison);
    await act(finished, 'close').expect(200);

    const counts = async (unit: Unit, query: object = {}): Promise<HazardCountsDto> =>
      (await t.http().get(`/api/campaigns/${campaign.id}/units/${unit.id}/hazard-counts`).query(query).set('authorization', handler.auth).expect(200)).body;
    const c = (open: number, overdue: number, closed: number) => ({ open, overdue, closed });

    const fromRoot = await counts(root);
    expect(fromRoot).toEqual({
      zeroingDate: dayAfter(10),
      unit: c(0, 0, 0),
      subtree: c(2, 0, 1),
      children: [
        { unit: { id: district.id, name: district.name }, subtree: c(2, 0, 0) },
        { unit: { id: west.id, name: west.name }, subtree: c(0, 0, 1) },
      ].sort((a, b) => (a.unit.id < b.unit.id ? -1 : 1)),
      childrenTotal: 2,
    });
    expect((await counts(root, { size: 1 })).children).toHaveLength(1);
    expect(await counts(town)).toMatchObject({ unit: c(2, 0, 0), subtree: c(2, 0, 0), children: [], childrenTotal: 0 });
    // The district's liaison sees its subtree's; another unit's finds nothing.
    await t.http().get(`/api/campaigns/${campaign.id}/units/${district.id}/hazard-counts`).set('authorization', districtLiaison.auth).expect(200);
    await t.http().get(`/api/campaigns/${campaign.id}/units/${district.id}/hazard-counts`).set('authorization', westLiaison.auth).expect(404);

    try {
      // Past the due day: the rectification is overdue, first in the unit's list.
      await travel(3 * DAY_MS);
      expect((await counts(root)).subtree).toEqual(c(2, 1, 1));
      expect((await counts(district)).children).toEqual([{ unit: { id: town.id, name: town.name }, subtree: c(2, 1, 0) }]);
      const queue = (await t.http().get(`/api/campaigns/${campaign.id}/hazards`).query({ overdue: 'true' }).set('authorization', handler.auth).expect(200)).body;
      expect(queue.items.map((h: { id: string }) => h.id)).toEqual([due]);
      expect((await caseOf(due)).overdue).toBe(true);
      // Past the zeroing day: every open hazard is overdue, the closed one not.
      await travel(8 * DAY_MS);
      expect((await counts(root)).subtree).toEqual(c(2, 2, 1));
      expect((await caseOf(counted)).overdue).toBe(true);
      expect((await caseOf(finished)).overdue).toBe(false);
    } finally {
      await travel(-11 * DAY_MS);
    }
  });

  it('lists a unit’s rectifications overdue first, then by due day', async () => {
    const { campaign } = await hazardCampaign();
    const ids: string[] = [];
    for (const days of [5, 1, 3]) {
      const id = await newCase(campaign, town);
      await act(id, 'verify').expect(200);
      await assign(id, town, dayAfter(days)).expect(200);
      ids.push(id);
    }
    const [late, soon, middle] = ids;
    const list = async () =>
      (await t.http().get(`/api/campaigns/${campaign.id}/units/${town.id}/rectifications`).set('authorization', townLiaison.auth).expect(200)).body.items.map(
        (r: { id: string; overdue: boolean }) => [r.id, r.overdue],
      );
    expect(await list()).toEqual([
      [soon, false],
      [middle, false],
      [late, false],
    ]);
    await rectify(soon, townLiaison);
    try {
      await travel(4 * DAY_MS);
      // The one reported done is no longer overdue; the middle one is.
      expect(await list()).toEqual([
        [middle, true],
        [soon, false],
        [late, false],
      ]);
    } finally {
      await travel(-4 * DAY_MS);
    }
  });

  it('reminds the responsible unit’s liaisons of an overdue rectification once a day, until it is reported done', async () => {
    const { campaign } = await hazardCampaign();
    const secondLiaison = await newPerson(t, { role: 'liaison', unit: district });
    const overdue = await newCase(campaign, town, '城东加油站');
    const rectified = await newCase(campaign, town);
    const closed = await newCase(campaign, town);
    for (const id of [overdue, rectified, closed]) {
      await act(id, 'verify').expect(200);
      await assign(id, district, today()).expect(200);
    }
    await rectify(rectified);
    await rectify(closed);
    await act(closed, 'close').expect(200);

    const reminders = t.app.get(HazardReminders);
    const outbox = () =>
      t.app
        .get(Database)
        .repository(OutboxMessage)
        .find({ where: { campaignId: campaign.id, kind: 'hazard_overdue' }, order: { key: 'ASC' } });
    const now = t.app.get(Clock).now().getTime();
    // Due today: not overdue yet.
    await reminders.tick(new Date(now));
    expect(await outbox()).toEqual([]);

    await reminders.tick(new Date(now + DAY_MS));
    const first = await outbox();
    // Each liaison, in the inbox and on WeChat (the campaign's default reminder channels), for the overdue case only.
    expect(first.map((m) => [m.personId, m.channel]).sort()).toEqual(
      [districtLiaison, secondLiaison].flatMap((p) => [[p.person.id, 'inbox'], [p.person.id, 'wechat']]).sort(),
    );
    expect(first.every((m) => m.key.includes(overdue) && m.unitId === district.id)).toBe(true);
    expect(first[0].title).toBe('隐患整改逾期：消防');
    expect(first[0].body).toContain('城东加油站');
    expect(first[0].body).toContain('整改期限');
    expect(JSON.stringify(first)).not.toContain(REPORTER_NAME);
    expect(JSON.stringify(first)).not.toContain(reporter.person.id);

    // Decided again the same day (another tick, another process): nothing more.
    await reminders.tick(new Date(now + DAY_MS + 60 * 60_000));
    expect(await outbox()).toHaveLength(4);
    await reminders.tick(new Date(now + 2 * DAY_MS));
    expect(await outbox()).toHaveLength(8);

    // Checked again as they go: still overdue and still the unit's.
    const pending = await outbox();
    const wanted = async () => (await t.app.get(NotificationsService).stillWanted(pending)).size;
    await travel(2 * DAY_MS);
    expect(await wanted()).toBe(8);
    // Given a later due day meanwhile: not overdue, not sent.
    await assign(overdue, district, dayAfter(2)).expect(200);
    expect(await wanted()).toBe(0);
    // Given to another unit, and overdue there: not the first unit's to hear of.
    await assign(overdue, west, today()).expect(200);
    await travel(DAY_MS);
    expect(await wanted()).toBe(0);
    await assign(overdue, district, today()).expect(200);
    await travel(DAY_MS);
    expect(await wanted()).toBe(8);

    // Reported done before the notices go: they are no longer wanted.
    await rectify(overdue);
    expect(await wanted()).toBe(0);
    await reminders.tick(t.app.get(Clock).now());
    expect(await outbox()).toHaveLength(8);
  });

  it('sweeps the rectification photos never sent and those dropped when the unit sent others, once older than UNATTACHED_MEDIA_DAYS', async () => {
    const { campaign } = await hazardCampaign();
    const id = await newCase(campaign, town);
    await act(id, 'verify').expect(200);
    await assign(id, district).expect(200);
    const [first, unsent] = [(await upload(id).expect(201)).body.id as string, (await upload(id).expect(201)).body.id as string];
    await done(id, [first]).expect(200);
    await act(id, 'reopen', { comment: '照片不清楚，请重拍' }).expect(200);
    const second = (await upload(id).expect(201)).body.id as string;
    await done(id, [second]).expect(200);

    const files = t.app.get(Database).repository(HazardMedia);
    // Which of them are left, and the case holding each.
    const ours = async () => new Map((await files.findBy({ id: In([first, unsent, second]) })).map((m) => [m.id, m.hazardId]));
    expect(await ours()).toEqual(new Map([[first, null], [unsent, null], [second, id]]));
    const { storageKey } = await files.findOneByOrFail({ id: first });
    const sweep = () => t.app.get(HazardReportsService).sweepUnattached();
    await sweep();
    expect((await ours()).size).toBe(3);

    try {
      await travel((t.config.unattachedMediaDays + 1) * DAY_MS);
      await sweep();
      expect(await ours()).toEqual(new Map([[second, id]]));
      await expect(t.app.get(MediaService).openStored(storageKey, 'image/jpeg')).rejects.toThrow();
      expect((await t.http().get(`/api/rectifications/${id}`).set('authorization', districtLiaison.auth).expect(200)).body.rectification.media).toEqual([
        expect.objectContaining({ id: second }),
      ]);
    } finally {
      await travel(-(t.config.unattachedMediaDays + 1) * DAY_MS);
    }
  });
});
