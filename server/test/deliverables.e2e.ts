import { deadlineInstances, DeadlineInstance, DeliverableStatusDto, HandInDto } from '@safemonth/shared';
import { In } from 'typeorm';
import { TokensService } from '../src/auth/tokens.service';
import { Campaign } from '../src/campaigns/campaign.entity';
import { CampaignsService } from '../src/campaigns/campaigns.service';
import { Clock } from '../src/common/clock';
import { Database } from '../src/database/database.service';
import { HandIn, HandInEvent, HandInTally } from '../src/deliverables/hand-in.entity';
import { DeliverablesService } from '../src/deliverables/deliverables.service';
import { LiaisonRegistration } from '../src/liaisons/liaison-registration.entity';
import { MediaService } from '../src/media/media.service';
import { Unit } from '../src/units/unit.entity';
import { docx, executable, pdf, zip } from './fixtures/documents';
import { newCampaign, newPerson, newReport, newUnit, TestPerson } from './support/builders';
import { binaryBody, createTestApp, TestApp } from './support/test-app';

const SECOND = 1000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Deliverable hand-ins on the server's clock, frozen by each test where it matters: the weekly
 * materials of June 2026 (every Wednesday, due at 24:00 China time, i.e. 16:00Z), handed in by the
 * units' liaisons and reviewed by the committee over them.
 */
describe('deliverable hand-ins', () => {
  let t: TestApp;
  let root: Unit;
  let a: Unit;
  let b: Unit;
  let c: Unit;
  let committee: TestPerson;
  let liaisonA: TestPerson;
  let liaisonB: TestPerson;
  let staffA: TestPerson;
  let liaisonC: TestPerson;
  let campaign: Campaign;
  let deliverableId: string;
  let weeks: DeadlineInstance[];

  const people: TestPerson[] = [];
  /** A person who signs in again whenever the clock moves (a token from another time would not do). */
  const person = async (options: Parameters<typeof newPerson>[1]) => {
    const made = await newPerson(t, options);
    people.push(made);
    return made;
  };
  /** Freezes the server's clock at `instant`, with fresh tokens for everyone. */
  const at = async (instant: number | string) => {
    const frozen = typeof instant === 'string' ? Date.parse(instant) : instant;
    t.app.get(Clock).now = () => new Date(frozen);
    for (const p of people) p.auth = `Bearer ${(await t.app.get(TokensService).issue(p.person.id)).accessToken}`;
  };
  /** Units made "before" the campaign, whatever the real date: their creation is when they are expected from. */
  const createdAt = (unit: Unit, instant: string) => t.app.get(Database).repository(Unit).update({ id: unit.id }, { createdAt: new Date(instant) });

  const handIn = (person: TestPerson, unit: Unit, week: DeadlineInstance, extra: { text?: string; documentIds?: string[]; reportIds?: string[] } = {}) =>
    t
      .http()
      .post('/api/hand-ins')
      .set('authorization', person.auth)
      .send({ campaignId: campaign.id, deliverableId, periodKey: week.periodKey, unitId: unit.id, text: extra.text ?? '本周活动材料', documentIds: extra.documentIds ?? [], reportIds: extra.reportIds ?? [] });
  const review = (person: TestPerson, unit: Unit, week: DeadlineInstance, body: { action: 'accept' | 'return'; comment?: string }) =>
    t
      .http()
      .post(`/api/campaigns/${campaign.id}/units/${unit.id}/hand-ins/${deliverableId}/${week.periodKey}/review`)
      .set('authorization', person.auth)
      .send(body);
  const status = async (unit: Unit = root, query = '') =>
    (await t.http().get(`/api/campaigns/${campaign.id}/hand-in-status?unitId=${unit.id}${query}`).set('authorization', committee.auth).expect(200)).body as DeliverableStatusDto;
  const inTreeOrder = (...units: Unit[]) => [...units].sort((x, y) => (x.path < y.path ? -1 : 1)).map((u) => u.id);
  /** The statuses of each unit (by name) for one week. */
  const column = (dto: DeliverableStatusDto, week: DeadlineInstance) => {
    const i = dto.instances.findIndex((instance) => instance.periodKey === week.periodKey);
    return Object.fromEntries(dto.units.items.map((row) => [row.unit.name, row.statuses[i]]));
  };

  beforeAll(async () => {
    t = await createTestApp();
    await at('2026-05-20T02:00:00Z');
    root = await newUnit(t, { name: '揭西县安委办' });
    a = await newUnit(t, { parent: root, name: '甲镇', kind: 'district' });
    b = await newUnit(t, { parent: root, name: '乙镇', kind: 'district' });
    c = await newUnit(t, { parent: root, name: '丙镇', kind: 'district' });
    for (const unit of [root, a, b, c]) await createdAt(unit, '2026-05-01T00:00:00Z');
    committee = await person({ role: 'committee', unit: root, displayName: '县安委办' });
    liaisonA = await person({ role: 'liaison', unit: a, displayName: '甲镇联络员' });
    liaisonB = await person({ role: 'liaison', unit: b, displayName: '乙镇联络员' });
    staffA = await person({ role: 'staff', unit: a });
    liaisonC = await person({ role: 'liaison', unit: c, displayName: '丙镇联络员' });
    // Weekly materials every Wednesday in June 2026 (newCampaign's deliverable), published on 20 May.
    campaign = await newCampaign(t, { organizer: root, year: 2026 });
    const dto = await t.app.get(CampaignsService).get(campaign.id, { personId: committee.person.id, displayName: '', memberships: [] });
    deliverableId = dto.deliverables[0].id;
    weeks = deadlineInstances(dto.deliverables[0].rule);
    expect(weeks.map((w) => w.dueAt)).toEqual(['2026-06-03T16:00:00.000Z', '2026-06-10T16:00:00.000Z', '2026-06-17T16:00:00.000Z', '2026-06-24T16:00:00.000Z']);
  });
  afterAll(() => t.close());

  it('decides on time, late and missing at the due instant: one second before and after', async () => {
    const [week] = weeks;
    const due = Date.parse(week.dueAt);
    await at(due - SECOND);
    const onTime = (await handIn(liaisonA, a, week).expect(200)).body as HandInDto;
    expect(onTime).toMatchObject({ state: 'submitted', arrivedAt: iso(due - SECOND), dueAt: week.dueAt, status: 'on_time', unit: { name: '甲镇' } });
    expect(onTime.history).toEqual([{ action: 'submitted', by: { id: liaisonA.person.id, displayName: '甲镇联络员' }, at: iso(due - SECOND), comment: null }]);
    expect(column(await status(), week)).toEqual({ 甲镇: 'on_time', 乙镇: 'not_yet_due', 丙镇: 'not_yet_due' });

    await at(due + SECOND);
    expect((await handIn(liaisonB, b, week).expect(200)).body).toMatchObject({ arrivedAt: iso(due + SECOND), status: 'late' });
    const after = await status();
    // The organizing unit collects: it has no row of its own; the others in tree (path) order.
    expect(after.units.items.map((row) => row.unit.id)).toEqual(inTreeOrder(a, b, c));
    expect(column(after, week)).toEqual({ 甲镇: 'on_time', 乙镇: 'late', 丙镇: 'missing' });
    expect(after.instances[0].completeness).toEqual({
      expected: 3,
      onTime: 1,
      late: 1,
      missing: 1,
      returned: 0,
      notYetDue: 0,
      reportingRate: 2 / 3,
      onTimeRate: 1 / 3,
    });
    // Accepting keeps the arrival: still on time.
    expect((await review(committee, a, week, { action: 'accept' }).expect(200)).body).toMatchObject({ state: 'accepted', status: 'on_time' });
  });

  it('lists the units behind on an instance with their liaisons\' names and phones', async () => {
    const [week] = weeks;
    await at(Date.parse(week.dueAt) + 2 * SECOND);
    await t
      .http()
      .put(`/api/campaigns/${campaign.id}/liaisons/mine`)
      .set('authorization', liaisonC.auth)
      .send({ unitId: c.id, values: { name: '王五', title: '安监办主任', mobile: '13800138000', unitName: '丙镇', officePhone: '0663-5551234' } })
      .expect(200);
    const missing = await t
      .http()
      .get(`/api/campaigns/${campaign.id}/hand-in-status/${deliverableId}/${week.periodKey}/missing?unitId=${root.id}`)
      .set('authorization', committee.auth)
      .expect(200);
    expect(missing.body).toEqual({
      items: [{ unit: { id: c.id, name: '丙镇', kind: 'district' }, status: 'missing', liaisons: [{ name: '王五', mobile: '13800138000', officePhone: '0663-5551234' }] }],
      total: 1,
      page: 1,
      size: 50,
    });
  });

  it('shows a returned hand-in as returned, and its resubmission after the due instant as late', async () => {
    const week = weeks[1];
    const due = Date.parse(week.dueAt);
    await at(due - 3600 * SECOND);
    await handIn(liaisonA, a, week).expect(200);
    await at(due - 1800 * SECOND);
    // A return needs a comment, and only the committee over the unit gives it.
    await review(committee, a, week, { action: 'return' }).expect(400);
    await review(liaisonA, a, week, { action: 'return', comment: '请补充照片' }).expect(403);
    const returned = (await review(committee, a, week, { action: 'return', comment: '请补充现场照片' }).expect(200)).body as HandInDto;
    expect(returned).toMatchObject({ state: 'returned', status: 'returned' });
    await at(due + 60 * SECOND);
    expect(column(await status(), week).甲镇).toBe('returned');
    const again = (await handIn(liaisonA, a, week, { text: '已补充现场照片' }).expect(200)).body as HandInDto;
    expect(again).toMatchObject({ state: 'submitted', text: '已补充现场照片', arrivedAt: iso(due + 60 * SECOND), status: 'late' });
    expect(again.history.map((h) => [h.action, h.comment])).toEqual([
      ['submitted', null],
      ['returned', '请补充现场照片'],
      ['resubmitted', null],
    ]);
    expect((await review(committee, a, week, { action: 'accept' }).expect(200)).body).toMatchObject({ state: 'accepted', status: 'late' });
    // Accepted: it stays as it is.
    expect((await handIn(liaisonA, a, week).expect(409)).body.error.code).toBe('CONFLICT');
    await review(committee, a, week, { action: 'return', comment: '再改改' }).expect(409);
  });

  it('does not expect a unit added midway for the instances that fell due before it', async () => {
    const late = await newUnit(t, { parent: root, name: '丁镇', kind: 'district' });
    // Created on 5 June: after the first Wednesday, before the second.
    await createdAt(late, '2026-06-05T02:00:00Z');
    await at(Date.parse(weeks[1].dueAt) + SECOND);
    const dto = await status();
    const row = dto.units.items.find((r) => r.unit.name === '丁镇');
    expect(row).toMatchObject({ expectedSince: '2026-06-05T02:00:00.000Z', statuses: ['not_expected', 'missing', 'not_yet_due', 'not_yet_due'] });
    expect(dto.instances.map((i) => i.completeness.expected)).toEqual([3, 4, 4, 4]);
    await t.app.get(Database).repository(Unit).delete({ id: late.id });
  });

  it('takes documents recognized from their bytes, and refuses a renamed executable or text with a structured 415', async () => {
    await at(weeks[2].opensAt);
    const upload = (person: TestPerson, bytes: Buffer, name: string) =>
      t.http().post(`/api/campaigns/${campaign.id}/units/${a.id}/documents`).set('authorization', person.auth).attach('file', bytes, name);
    const plan = (await upload(liaisonA, pdf(), '活动方案.pdf').expect(201)).body;
    expect(plan).toMatchObject({ fileName: '活动方案.pdf', format: 'pdf', mime: 'application/pdf', sizeBytes: pdf().length });
    await at(Date.parse(weeks[2].opensAt) + SECOND);
    const summary = (await upload(liaisonA, docx(), '总结.docx').expect(201)).body;
    expect(summary).toMatchObject({ format: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
    for (const [bytes, name] of [
      [executable(), '方案.pdf'],
      [Buffer.from('这其实是一个文本文件'), '方案.docx'],
      [zip({ 'readme.txt': '只是一个压缩包' }), '表格.xlsx'],
    ] as const) {
      const refused = await upload(liaisonA, bytes, name).expect(415);
      expect(refused.body).toEqual({ error: { code: 'VALIDATION_FAILED', message: '文件类型不支持：请上传 Word（doc、docx）、WPS、PDF 或 Excel（xlsx）文档' } });
    }
    // Staff report; the liaison hands in.
    await upload(staffA, pdf(), 'a.pdf').expect(403);

    const handedIn = (await handIn(liaisonA, a, weeks[2], { documentIds: [plan.id, summary.id] }).expect(200)).body as HandInDto;
    expect(handedIn.documents.map((d) => d.fileName)).toEqual(['活动方案.pdf', '总结.docx']);
    const file = await t.http().get(plan.url).set('authorization', committee.auth).buffer(true).parse(binaryBody).expect(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.body).toEqual(pdf());
    // Months later the sweep removes the documents no hand-in took, never those one holds.
    const dropped = (await upload(liaisonA, pdf(), '草稿.pdf').expect(201)).body;
    await at(Date.parse(weeks[2].opensAt) + 100 * 24 * 3600 * SECOND);
    expect(await t.app.get(MediaService).sweepUnattached()).toBe(1);
    await t.http().get(dropped.url).set('authorization', committee.auth).expect(404);
    await t.http().get(plan.url).set('authorization', committee.auth).expect(200);
    // A document held by a hand-in goes with no report.
    const report = await t
      .http()
      .post('/api/hand-ins')
      .set('authorization', liaisonB.auth)
      .send({ campaignId: campaign.id, deliverableId, periodKey: weeks[2].periodKey, unitId: b.id, text: '', documentIds: [summary.id], reportIds: [] })
      .expect(422);
    expect(report.body.error.details).toEqual([{ field: 'documentIds.0', message: '文档不存在，或不是为本单位本活动上传的' }]);
  });

  it('takes the period\'s accepted reports of the unit with weekly materials, and no others', async () => {
    // newReport's activity is on 16 June 2026: within the third week (10 June 24:00 to 17 June 24:00).
    await at('2026-06-16T08:00:00Z');
    const waiting = await newReport(t, { campaign, unit: b, reporter: liaisonB });
    const accepted = await newReport(t, { campaign, unit: b, reporter: liaisonB });
    await t.http().post(`/api/reports/${accepted.id}/review`).set('authorization', committee.auth).send({ action: 'accept' }).expect(200);
    const refused = await handIn(liaisonB, b, weeks[2], { reportIds: [waiting.id] }).expect(422);
    expect(refused.body.error.details).toEqual([{ field: 'reportIds.0', message: '只能选择已通过审核的活动报告' }]);
    await handIn(liaisonB, b, weeks[1], { reportIds: [accepted.id] }).expect(422);
    const ok = (await handIn(liaisonB, b, weeks[2], { reportIds: [accepted.id] }).expect(200)).body as HandInDto;
    expect(ok.reports).toEqual([{ id: accepted.id, title: '安全宣传咨询日', startAt: '2026-06-16T01:00:00.000Z' }]);
  });

  it('takes two hand-ins of one instance sent at once as one hand-in and its resubmission', async () => {
    const week = weeks[2];
    await at(Date.parse(week.dueAt) - SECOND);
    const [first, second] = await Promise.all([handIn(liaisonC, c, week), handIn(liaisonC, c, week)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body.id).toBe(second.body.id);
    const { body } = await t.http().get(`/api/campaigns/${campaign.id}/units/${c.id}/hand-ins/${deliverableId}/${week.periodKey}`).set('authorization', committee.auth).expect(200);
    expect(body.history.map((h: { action: string }) => h.action)).toEqual(['submitted', 'resubmitted']);
  });

  it('refuses a period that is no instance of the deliverable, and one not yet open', async () => {
    await at(weeks[0].opensAt);
    expect((await handIn(liaisonA, a, { ...weeks[0], periodKey: '2026-W40' }).expect(400)).body.error.details).toEqual([
      { field: 'periodKey', message: '报送期次不属于该材料' },
    ]);
    expect((await handIn(liaisonA, a, weeks[3]).expect(422)).body.error.message).toBe('本期材料自2026年6月18日起才能报送');
  });

  it('lets only the unit\'s own liaison hand in, and only the committee over it review', async () => {
    const week = weeks[3];
    await at(week.opensAt);
    // Staff of the unit see it, so they are told no; another unit's liaison is told it is not there.
    expect((await handIn(staffA, a, week).expect(403)).body.error.code).toBe('FORBIDDEN');
    expect((await handIn(liaisonB, a, week).expect(404)).body.error.code).toBe('NOT_FOUND');
    // The organizing unit hands in nothing to itself.
    const rootLiaison = await person({ role: 'liaison', unit: root });
    await handIn(rootLiaison, root, week).expect(422);
    await handIn(liaisonA, a, week).expect(200);
    await review(liaisonA, a, week, { action: 'accept' }).expect(403);
    await review(liaisonB, a, week, { action: 'accept' }).expect(404);
    await review(staffA, a, week, { action: 'accept' }).expect(403);
    // Another unit's liaison sees neither the hand-in nor the subtree's status.
    await t.http().get(`/api/campaigns/${campaign.id}/units/${a.id}/hand-ins/${deliverableId}/${week.periodKey}`).set('authorization', liaisonB.auth).expect(404);
    await t.http().get(`/api/campaigns/${campaign.id}/hand-in-status?unitId=${root.id}`).set('authorization', liaisonB.auth).expect(404);
    // The unit's liaison sees its own row; the committee accepts.
    const own = (await t.http().get(`/api/campaigns/${campaign.id}/hand-in-status?unitId=${a.id}`).set('authorization', liaisonA.auth).expect(200)).body as DeliverableStatusDto;
    expect(own.units.items.map((row) => row.unit.name)).toEqual(['甲镇']);
    await review(committee, a, week, { action: 'accept' }).expect(200);
  });

  it('pages the units of the matrix in tree order', async () => {
    await at(weeks[3].dueAt);
    const first = await status(root, '&page=1&size=2');
    const second = await status(root, '&page=2&size=2');
    expect(first.units).toMatchObject({ total: 3, page: 1, size: 2 });
    expect([...first.units.items, ...second.units.items].map((row) => row.unit.id)).toEqual(inTreeOrder(a, b, c));
    // The rates count every unit of the subtree, not only those of the page.
    expect(second.instances[0].completeness.expected).toBe(3);
  });
  it('counts the liaison form and the statistics table as handed in through their own forms', async () => {
    await at('2026-05-25T02:00:00Z');
    const forms = await newCampaign(t, { organizer: root, year: 2026 });
    await t.app.get(CampaignsService).replaceDeliverables(forms.id, {
      deliverables: [
        { kind: 'liaison_form', title: '联络员信息表', rule: { kind: 'once', due: '2026-06-05' } },
        { kind: 'statistics_table', title: '活动开展情况统计表', rule: { kind: 'once', due: '2026-07-02' } },
      ],
    });
    const dto = await t.app.get(CampaignsService).get(forms.id, { personId: committee.person.id, displayName: '', memberships: [] });
    const [liaisonForm, table] = dto.deliverables;
    const statuses = async () => {
      const body = (await t.http().get(`/api/campaigns/${forms.id}/hand-in-status?unitId=${root.id}`).set('authorization', committee.auth).expect(200)).body as DeliverableStatusDto;
      const row = body.units.items.find((r) => r.unit.id === a.id);
      return { liaisonForm: row?.statuses[0], table: row?.statuses[1], tableCounts: body.instances[1].completeness };
    };
    const register = () =>
      t
        .http()
        .put(`/api/campaigns/${forms.id}/liaisons/mine`)
        .set('authorization', liaisonA.auth)
        .send({ unitId: a.id, values: { name: '张三', title: '安监办主任', mobile: '13800138001', unitName: '甲镇', officePhone: '0663-5551235' } })
        .expect(200);
    const submitTable = () =>
      t.http().post(`/api/campaigns/${forms.id}/units/${a.id}/statistics/submission`).set('authorization', liaisonA.auth).send({ contactName: '张三', phone: '13800138001' }).expect(201);
    const reviewTable = (body: { action: 'accept' | 'return'; comment?: string }) =>
      t.http().post(`/api/campaigns/${forms.id}/units/${a.id}/statistics/submission/review`).set('authorization', committee.auth).send(body).expect(200);

    // Neither is handed in as materials.
    for (const deliverable of [liaisonForm, table]) {
      const refused = await t
        .http()
        .post('/api/hand-ins')
        .set('authorization', liaisonA.auth)
        .send({ campaignId: forms.id, deliverableId: deliverable.id, periodKey: 'once', unitId: a.id, text: '材料', documentIds: [], reportIds: [] })
        .expect(422);
      expect(refused.body.error.details[0].field).toBe('deliverableId');
    }

    // The liaison form counts once saved, at its first saving: saving it again after the due day changes nothing.
    expect(await statuses()).toMatchObject({ liaisonForm: 'not_yet_due', table: 'not_yet_due' });
    await register();
    expect(await statuses()).toMatchObject({ liaisonForm: 'on_time' });
    await at('2026-06-10T02:00:00Z');
    await register();
    expect(await statuses()).toMatchObject({ liaisonForm: 'on_time' });

    // The table: handed in on time, returned, handed in again after its due day (late), accepted.
    await submitTable();
    expect(await statuses()).toMatchObject({ table: 'on_time', tableCounts: { onTime: 1 } });
    await reviewTable({ action: 'return', comment: '请补充典型案例' });
    expect(await statuses()).toMatchObject({ table: 'returned', tableCounts: { onTime: 0, returned: 1 } });
    await at('2026-07-03T02:00:00Z');
    await submitTable();
    await reviewTable({ action: 'accept' });
    expect(await statuses()).toMatchObject({ table: 'late', tableCounts: { onTime: 0, late: 1, returned: 0 } });
    const handedIn = (await t.http().get(`/api/campaigns/${forms.id}/units/${a.id}/hand-ins/${table.id}/once`).set('authorization', committee.auth).expect(200)).body as HandInDto;
    expect(handedIn).toMatchObject({ state: 'accepted', status: 'late' });
    expect(handedIn.history.map((h) => h.action)).toEqual(['submitted', 'returned', 'resubmitted', 'accepted']);
    // Reviewed where they are handed in, not as materials.
    for (const deliverable of [liaisonForm, table]) {
      await t.http().post(`/api/campaigns/${forms.id}/units/${a.id}/hand-ins/${deliverable.id}/once/review`).set('authorization', committee.auth).send({ action: 'return', comment: '重填' }).expect(422);
    }
  });

  /** A published campaign asking for the liaison form by 5 June (24:00 China time), and that deliverable. */
  const formCampaign = async (participatingUnitIds?: string[]) => {
    await at('2026-05-25T02:00:00Z');
    const forms = await newCampaign(t, { organizer: root, year: 2026, participatingUnitIds });
    await t.app.get(CampaignsService).replaceDeliverables(forms.id, {
      deliverables: [{ kind: 'liaison_form', title: '联络员信息表', rule: { kind: 'once', due: '2026-06-05' } }],
    });
    const [liaisonForm] = (await t.app.get(CampaignsService).get(forms.id, { personId: committee.person.id, displayName: '', memberships: [] })).deliverables;
    return { forms, liaisonForm };
  };
  /** Liaison forms saved at these instants with no hand-in, as (unit, person, instant). */
  const savedWithoutHandIn = (campaignId: string, saves: [Unit, TestPerson, string][]) => {
    const registrations = t.app.get(Database).repository(LiaisonRegistration);
    return registrations.insert(
      saves.map(([unit, by, instant]) => registrations.create({ campaignId, unitId: unit.id, personId: by.person.id, values: { name: '联络员' }, createdAt: new Date(instant), updatedAt: new Date(instant) })),
    );
  };
  /** Each unit's (by name) tallies of the campaign's liaison form. */
  const formTallies = async (campaignId: string) => {
    const rows = await t.app.get(Database).repository(HandInTally).findBy({ campaignId });
    const names = new Map([root, a, b, c].map((u) => [u.id, u.name]));
    return Object.fromEntries(rows.map((r) => [names.get(r.unitId), { onTime: r.onTime, late: r.late, returned: r.returned }]));
  };

  it('counts saved liaison forms lacking their hand-in as handed in at their first saving, once however often it runs', async () => {
    const { forms, liaisonForm } = await formCampaign();
    // Saved the usual way: counted then.
    await t.http().put(`/api/campaigns/${forms.id}/liaisons/mine`).set('authorization', liaisonA.auth).send({ unitId: a.id, values: { name: '张三', title: '安监办主任', mobile: '13800138001', unitName: '甲镇', officePhone: '0663-5551235' } }).expect(200);
    // Saved without their hand-ins: B before the due day (5 June, 24:00 China time), C after it, by
    // its second liaison first; nothing counted for either.
    const second = await person({ role: 'liaison', unit: c });
    await savedWithoutHandIn(forms.id, [
      [b, liaisonB, '2026-06-05T15:59:59.000Z'],
      [c, liaisonC, '2026-06-07T01:00:00.000Z'],
      [c, second, '2026-06-06T03:00:00.000Z'],
    ]);
    await at('2026-06-20T02:00:00Z');
    const statuses = async () => {
      const body = (await t.http().get(`/api/campaigns/${forms.id}/hand-in-status?unitId=${root.id}`).set('authorization', committee.auth).expect(200)).body as DeliverableStatusDto;
      return { units: column(body, body.instances[0]), counts: body.instances[0].completeness };
    };
    expect(await statuses()).toMatchObject({ units: { 甲镇: 'on_time', 乙镇: 'missing', 丙镇: 'missing' }, counts: { expected: 3, onTime: 1, late: 0, missing: 2 } });

    const database = t.app.get(Database);
    const rows = async () => {
      const handIns = await database.repository(HandIn).find({ where: { campaignId: forms.id }, order: { id: 'ASC' } });
      const events = await database.repository(HandInEvent).find({ where: { handInId: In(handIns.map((h) => h.id)) }, order: { id: 'ASC' } });
      const tallies = await database.repository(HandInTally).find({ where: { campaignId: forms.id }, order: { id: 'ASC' } });
      return { handIns, events, tallies };
    };
    const deliverables = t.app.get(DeliverablesService);
    await deliverables.countSavedLiaisonForms();
    expect(await statuses()).toMatchObject({ units: { 甲镇: 'on_time', 乙镇: 'on_time', 丙镇: 'late' }, counts: { expected: 3, onTime: 2, late: 1, missing: 0 } });
    const handedIn = (await t.http().get(`/api/campaigns/${forms.id}/units/${c.id}/hand-ins/${liaisonForm.id}/once`).set('authorization', committee.auth).expect(200)).body as HandInDto;
    expect(handedIn).toMatchObject({ state: 'accepted', status: 'late', arrivedAt: '2026-06-06T03:00:00.000Z' });
    expect(handedIn.history.map((h) => [h.action, h.by?.id, h.at])).toEqual([
      ['submitted', second.person.id, '2026-06-06T03:00:00.000Z'],
      ['accepted', second.person.id, '2026-06-06T03:00:00.000Z'],
    ]);

    const once = await rows();
    expect(once.handIns).toHaveLength(3);
    await deliverables.countSavedLiaisonForms();
    expect(await rows()).toEqual(once);
    expect(await statuses()).toMatchObject({ counts: { onTime: 2, late: 1, missing: 0 } });
  });
  it('leaves out the saved liaison forms of units that no longer take part in the campaign', async () => {
    const { forms } = await formCampaign([a.id, b.id]);
    // 丙镇 saved its form while it took part; it no longer does.
    await savedWithoutHandIn(forms.id, [
      [b, liaisonB, '2026-06-01T00:00:00.000Z'],
      [c, liaisonC, '2026-06-01T00:00:00.000Z'],
    ]);
    await t.app.get(DeliverablesService).countSavedLiaisonForms();
    expect((await t.app.get(Database).repository(HandIn).findBy({ campaignId: forms.id })).map((h) => h.unitId)).toEqual([b.id]);
    expect(await formTallies(forms.id)).toEqual({ 揭西县安委办: { onTime: 1, late: 0, returned: 0 }, 乙镇: { onTime: 1, late: 0, returned: 0 } });
  });

  it('counts the forms saved already once the committee adds a liaison form deliverable, without a restart', async () => {
    await at('2026-05-25T02:00:00Z');
    // Only the weekly materials at first: saving the form hands nothing in.
    const forms = await newCampaign(t, { organizer: root, year: 2026 });
    await t
      .http()
      .put(`/api/campaigns/${forms.id}/liaisons/mine`)
      .set('authorization', liaisonA.auth)
      .send({ unitId: a.id, values: { name: '张三', title: '安监办主任', mobile: '13800138001', unitName: '甲镇', officePhone: '0663-5551235' } })
      .expect(200);
    expect(await t.app.get(Database).repository(HandIn).countBy({ campaignId: forms.id })).toBe(0);
    // The database stamps the saving by its own clock, not the server's frozen one: at the test's instant.
    await t.app.get(Database).repository(LiaisonRegistration).update({ campaignId: forms.id }, { createdAt: new Date('2026-05-25T02:00:00Z') });

    await at('2026-06-01T02:00:00Z');
    const { deliverables } = (await t.http().get(`/api/campaigns/${forms.id}`).set('authorization', committee.auth).expect(200)).body as { deliverables: object[] };
    await t
      .http()
      .put(`/api/campaigns/${forms.id}/deliverables`)
      .set('authorization', committee.auth)
      .send({ deliverables: [...deliverables, { kind: 'liaison_form', title: '联络员信息表', rule: { kind: 'once', due: '2026-06-05' } }] })
      .expect(200);
    await at('2026-06-20T02:00:00Z');
    const body = (await t.http().get(`/api/campaigns/${forms.id}/hand-in-status?unitId=${root.id}`).set('authorization', committee.auth).expect(200)).body as DeliverableStatusDto;
    const i = body.instances.findIndex((instance) => instance.kind === 'liaison_form');
    // Handed in when saved, on time.
    expect(Object.fromEntries(body.units.items.map((row) => [row.unit.name, row.statuses[i]]))).toEqual({ 甲镇: 'on_time', 乙镇: 'missing', 丙镇: 'missing' });
    expect(body.instances[i].completeness).toMatchObject({ expected: 3, onTime: 1, late: 0, missing: 2 });
  });

  it('counts each saved form once when two processes count at the same moment', async () => {
    const { forms } = await formCampaign();
    await savedWithoutHandIn(forms.id, [
      [a, liaisonA, '2026-06-01T00:00:00.000Z'],
      [b, liaisonB, '2026-06-05T15:59:59.000Z'],
      [c, liaisonC, '2026-06-07T01:00:00.000Z'],
    ]);
    const deliverables = t.app.get(DeliverablesService);
    await Promise.all([deliverables.countSavedLiaisonForms(), deliverables.countSavedLiaisonForms()]);
    const handIns = await t.app.get(Database).repository(HandIn).findBy({ campaignId: forms.id });
    expect(handIns.map((h) => h.unitId).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(await t.app.get(Database).repository(HandInEvent).countBy({ handInId: In(handIns.map((h) => h.id)) })).toBe(6);
    expect(await formTallies(forms.id)).toEqual({
      揭西县安委办: { onTime: 2, late: 1, returned: 0 },
      甲镇: { onTime: 1, late: 0, returned: 0 },
      乙镇: { onTime: 1, late: 0, returned: 0 },
      丙镇: { onTime: 0, late: 1, returned: 0 },
    });
  });
});
