import fc from 'fast-check';
import { CampaignDto, Page, ReportDto } from '@safemonth/shared';
import { DataSource } from 'typeorm';
import { Campaign } from '../src/campaigns/campaign.entity';
import { CampaignsService } from '../src/campaigns/campaigns.service';
import { Report } from '../src/reports/report.entity';
import { Contribution } from '../src/statistics/contribution.entity';
import { Unit } from '../src/units/unit.entity';
import { photo } from './fixtures/media';
import { newCampaign, newPerson, newReport, newReports, newUnit, TestPerson } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

describe('activity reports', () => {
  let t: TestApp;
  let root: Unit;
  let district: Unit;
  let otherDistrict: Unit;
  /** Under the district, with a liaison of its own. */
  let town: Unit;
  let staff: TestPerson;
  let liaison: TestPerson;
  let campaign: Campaign;
  let dto: CampaignDto;
  beforeAll(async () => {
    t = await createTestApp();
    root = await newUnit(t, { name: '市安委办' });
    district = await newUnit(t, { parent: root, name: '城东区', kind: 'district' });
    otherDistrict = await newUnit(t, { parent: root, name: '城西区', kind: 'district' });
    town = await newUnit(t, { parent: district, name: '城东街道', kind: 'district' });
    staff = await newPerson(t, { role: 'staff', unit: district });
    liaison = await newPerson(t, { role: 'liaison', unit: district });
    campaign = await newCampaign(t, { organizer: root });
    dto = (await t.http().get(`/api/campaigns/${campaign.id}`).set('authorization', liaison.auth).expect(200)).body;
  });
  afterAll(() => t.close());

  const body = (extra: object = {}) => {
    const [events, people] = dto.items[0].fields;
    return {
      idempotencyKey: `k${Math.random().toString(36).slice(2, 12)}`,
      campaignId: campaign.id,
      unitId: district.id,
      itemId: dto.items[0].id,
      title: '安全宣传咨询日',
      startAt: '2026-06-16T01:00:00.000Z',
      endAt: '2026-06-16T04:00:00.000Z',
      place: '人民广场',
      latitude: 37.514,
      longitude: 105.19,
      description: '发放宣传资料 300 份',
      headcount: 120,
      mediaIds: [],
      contributions: [
        { fieldId: events.id, amount: 1 },
        { fieldId: people.id, amount: 120 },
      ],
      ...extra,
    };
  };
  const totals = async (unit: Unit = district) => {
    const response = await t.http().get(`/api/campaigns/${campaign.id}/units/${unit.id}/totals`).set('authorization', liaison.auth).expect(200);
    return Object.fromEntries(response.body.totals.map((x: { fieldId: string; total: number }) => [x.fieldId, x.total]));
  };

  it('goes submitted → returned with a comment → resubmitted → accepted, counting only while accepted', async () => {
    const [events, people] = dto.items[0].fields;
    const before = await totals();
    const created: ReportDto = (await t.http().post('/api/reports').set('authorization', staff.auth).send(body()).expect(201)).body;
    expect(created).toMatchObject({ status: 'submitted', headcount: 120, latitude: 37.514, reporter: { id: staff.person.id }, unit: { id: district.id } });
    expect(created.contributions).toEqual([
      { fieldId: events.id, label: '开展咨询活动', unit: '场', amount: 1 },
      { fieldId: people.id, label: '参与', unit: '人次', amount: 120 },
    ]);
    expect(await totals()).toEqual(before);
    // The submission is the report's first history entry: who filed it, when.
    expect(created.history).toEqual([
      { action: 'submitted', by: { id: staff.person.id, displayName: staff.person.displayName }, at: created.createdAt, comment: null, selfReview: false },
    ]);
    // What each may do with it: the reporter changes it, the unit's liaison reviews it.
    expect(created.allowed).toEqual({ review: false, edit: true });
    const asLiaison = await t.http().get(`/api/reports/${created.id}`).set('authorization', liaison.auth).expect(200);
    expect(asLiaison.body.allowed).toEqual({ review: true, edit: false });

    const returned = await t.http().post(`/api/reports/${created.id}/review`).set('authorization', liaison.auth).send({ action: 'return', comment: '请补充现场照片' }).expect(200);
    expect(returned.body.status).toBe('returned');
    await t.http().put(`/api/reports/${created.id}`).set('authorization', staff.auth)
      .send({ ...body(), idempotencyKey: undefined, campaignId: undefined, unitId: undefined, headcount: 150, contributions: [{ fieldId: people.id, amount: 150 }, { fieldId: events.id, amount: 1 }] })
      .expect(200);
    const accepted: ReportDto = (await t.http().post(`/api/reports/${created.id}/review`).set('authorization', liaison.auth).send({ action: 'accept' }).expect(200)).body;
    expect(accepted.status).toBe('accepted');
    const acceptedForStaff = await t.http().get(`/api/reports/${created.id}`).set('authorization', staff.auth).expect(200);
    expect(acceptedForStaff.body.allowed).toEqual({ review: false, edit: false });
    expect(accepted.history.map((h) => [h.action, h.by?.id, h.comment])).toEqual([
      ['submitted', staff.person.id, null],
      ['returned', liaison.person.id, '请补充现场照片'],
      ['resubmitted', staff.person.id, null],
      ['accepted', liaison.person.id, null],
    ]);
    const after = await totals();
    expect((after[events.id] ?? 0) - (before[events.id] ?? 0)).toBe(1);
    expect((after[people.id] ?? 0) - (before[people.id] ?? 0)).toBe(150);

    // Returning an accepted report takes its additions back.
    await t.http().post(`/api/reports/${created.id}/review`).set('authorization', liaison.auth).send({ action: 'return', comment: '数据有误' }).expect(200);
    expect(await totals()).toEqual({ ...before, ...Object.fromEntries(Object.keys(after).map((k) => [k, before[k] ?? 0])) });
  });

  it('needs a comment to return, and refuses accepting twice', async () => {
    const report = await newReport(t, { campaign, unit: district, reporter: staff });
    const noComment = await t.http().post(`/api/reports/${report.id}/review`).set('authorization', liaison.auth).send({ action: 'return' }).expect(400);
    expect(noComment.body.error.message).toBe('退回时请填写修改意见');
    await t.http().post(`/api/reports/${report.id}/review`).set('authorization', liaison.auth).send({ action: 'accept' }).expect(200);
    const twice = await t.http().post(`/api/reports/${report.id}/review`).set('authorization', liaison.auth).send({ action: 'accept' }).expect(409);
    expect(twice.body.error.message).toBe('报告已经通过');
    const edit = await t.http().put(`/api/reports/${report.id}`).set('authorization', staff.auth)
      .send({ ...body(), idempotencyKey: undefined, campaignId: undefined, unitId: undefined }).expect(409);
    expect(edit.body.error.message).toBe('报告已通过，不能再修改');
  });

  it('refuses additions to fields of another item or that are not counts, and a report that ends before it starts', async () => {
    const campaigns = t.app.get(CampaignsService);
    const other = await newCampaign(t, { organizer: root });
    const otherField = (await campaigns.get(other.id, { personId: liaison.person.id, displayName: '', memberships: [] })).items[0].fields[0];
    const foreign = await t.http().post('/api/reports').set('authorization', staff.auth).send(body({ contributions: [{ fieldId: otherField.id, amount: 1 }] })).expect(400);
    expect(foreign.body.error.details).toEqual([{ field: 'contributions.0.fieldId', message: '统计项不属于所选活动项目或不是数量项' }]);
    const yesNo = dto.items[0].fields[2];
    await t.http().post('/api/reports').set('authorization', staff.auth).send(body({ contributions: [{ fieldId: yesNo.id, amount: 1 }] })).expect(400);
    const backwards = await t.http().post('/api/reports').set('authorization', staff.auth).send(body({ endAt: '2026-06-15T00:00:00.000Z' })).expect(400);
    expect(backwards.body.error.message).toBe('结束时间不能早于开始时间');
    const negative = await t.http().post('/api/reports').set('authorization', staff.auth).send(body({ headcount: -1 })).expect(400);
    expect(negative.body.error.details).toEqual([{ field: 'headcount', message: '参与人次不能为负' }]);
  });

  it('returns the same report for the same idempotency key, even 20 times at once', async () => {
    const request = body();
    const first = await t.http().post('/api/reports').set('authorization', staff.auth).send(request).expect(201);
    const again = await t.http().post('/api/reports').set('authorization', staff.auth).send(request).expect(201);
    expect(again.body.id).toBe(first.body.id);

    const burst = body();
    const answers = await Promise.all(Array.from({ length: 20 }, () => t.http().post('/api/reports').set('authorization', staff.auth).send(burst)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await t.app.get(DataSource).getRepository(Report).countBy({ idempotencyKey: burst.idempotencyKey })).toBe(1);
  });

  it('writes reports sent at the same moment together, yet a bad one fails alone', async () => {
    const upload = await t.http().post(`/api/campaigns/${campaign.id}/units/${district.id}/media`).set('authorization', staff.auth)
      .attach('file', await photo({ width: 1920, height: 1081 }), 'scene.jpg').expect(201);
    const taken = await t.http().post('/api/reports').set('authorization', staff.auth).send(body({ mediaIds: [upload.body.id] })).expect(201);
    const requests = Array.from({ length: 12 }, (_, i) => body({ title: `宣传咨询 ${i}`, mediaIds: i === 5 ? [upload.body.id] : [] }));
    const answers = await Promise.all(requests.map((r) => t.http().post('/api/reports').set('authorization', staff.auth).send(r)));
    expect(answers.map((a) => a.status)).toEqual(requests.map((_, i) => (i === 5 ? 422 : 201)));
    expect(answers[5].body.error.details).toEqual([{ field: 'mediaIds.0', message: '照片或视频已用于另一份报告' }]);
    const reports = t.app.get(DataSource).getRepository(Report);
    expect(await reports.countBy({ idempotencyKey: requests[5].idempotencyKey })).toBe(0);
    expect(await reports.countBy({ campaignId: campaign.id, title: '宣传咨询 0' })).toBe(1);
    // The answer of a new report, made from what was just written, is what a read of it shows.
    for (const made of [taken, answers[0], answers[11]]) {
      const read = await t.http().get(`/api/reports/${made.body.id}`).set('authorization', staff.auth).expect(200);
      expect(made.body).toEqual(read.body);
    }
  });

  it('refuses to accept a report whose statistics field was removed meanwhile, saying why', async () => {
    const own = await newCampaign(t, { organizer: root });
    const report = await newReport(t, { campaign: own, unit: district, reporter: staff });
    const committee = await newPerson(t, { role: 'committee', unit: root });
    const before: CampaignDto = (await t.http().get(`/api/campaigns/${own.id}`).set('authorization', committee.auth).expect(200)).body;
    const [, ...rest] = before.items[0].fields.map(({ id, kind, label, unit }) => ({ id, kind, label, unit }));
    await t.http().put(`/api/campaigns/${own.id}/items`).set('authorization', committee.auth).send({ items: [{ ...before.items[0], fields: rest }] }).expect(200);
    const refused = await t.http().post(`/api/reports/${report.id}/review`).set('authorization', liaison.auth).send({ action: 'accept' }).expect(409);
    expect(refused.body.error.message).toBe('报告计入的统计项已被活动删除：请退回报告，由报告人修改后重新提交');
    const bulk = await t.http().post('/api/reports/bulk-accept').set('authorization', liaison.auth).send({ reportIds: [report.id] }).expect(200);
    expect(bulk.body).toEqual({ accepted: [], skipped: [{ reportId: report.id, message: refused.body.error.message }] });
    await t.http().post(`/api/reports/${report.id}/review`).set('authorization', liaison.auth).send({ action: 'return', comment: '请重新选择统计项' }).expect(200);
  });

  it('accepts at once when the campaign says so', async () => {
    const auto = await newCampaign(t, { organizer: root });
    await t.app.get(CampaignsService).update(auto.id, { autoAcceptReports: true });
    const report = await newReport(t, { campaign: auto, unit: district, reporter: staff, headcount: 30 });
    expect(report.status).toBe('accepted');
    const read = await t.http().get(`/api/reports/${report.id}`).set('authorization', staff.auth).expect(200);
    expect(read.body.status).toBe('accepted');
    expect(read.body.history.map((h: { action: string }) => h.action)).toEqual(['submitted', 'auto_accepted']);
    const contributions = await t.app.get(DataSource).getRepository(Contribution).findBy({ reportId: report.id });
    expect(contributions.map((c) => c.amount).sort((a, b) => a - b)).toEqual([1, 30]);
  });

  it('bulk-accepts what the liaison may review and says why for the rest', async () => {
    const a = await newReport(t, { campaign, unit: district, reporter: staff });
    const b = await newReport(t, { campaign, unit: district, reporter: staff });
    await t.http().post(`/api/reports/${b.id}/review`).set('authorization', liaison.auth).send({ action: 'accept' }).expect(200);
    const elsewhere = await newReport(t, { campaign, unit: otherDistrict, reporter: await newPerson(t, { role: 'staff', unit: otherDistrict }) });
    const below = await newReport(t, { campaign, unit: town, reporter: staff });
    const reportIds = [a.id, b.id, elsewhere.id, 'nope', below.id];
    // The staff member sees the report of the district and may not review it: said so.
    const byStaff = await t.http().post('/api/reports/bulk-accept').set('authorization', staff.auth).send({ reportIds: [a.id] }).expect(200);
    expect(byStaff.body).toEqual({ accepted: [], skipped: [{ reportId: a.id, message: '您没有权限审核该报告' }] });
    const response = await t.http().post('/api/reports/bulk-accept').set('authorization', liaison.auth).send({ reportIds }).expect(200);
    expect(response.body).toEqual({
      accepted: [a.id],
      skipped: [
        { reportId: b.id, message: '报告已经通过' },
        // Another unit's report is missing, in a missing one's words.
        { reportId: elsewhere.id, message: '报告不存在' },
        { reportId: 'nope', message: '报告不存在' },
        // The district's liaison sees the town's reports, reviewed by the town's liaison.
        { reportId: below.id, message: '您没有权限审核该报告' },
      ],
    });
  });

  const SELF_REVIEW = { code: 'SELF_REVIEW', message: '不能审核自己提交的报告，请由其他联络员或安委办审核' };

  it('refuses reviewers their own reports, one by one and in bulk, changing nothing', async () => {
    const committee = await newPerson(t, { role: 'committee', unit: root });
    const before = await totals();
    for (const reviewer of [liaison, committee]) {
      const own = await newReport(t, { campaign, unit: district, reporter: reviewer });
      const other = await newReport(t, { campaign, unit: district, reporter: staff });
      const read = await t.http().get(`/api/reports/${own.id}`).set('authorization', reviewer.auth).expect(200);
      expect(read.body.allowed).toEqual({ review: false, edit: true });
      for (const review of [{ action: 'accept' }, { action: 'return', comment: '自己退回' }]) {
        const refused = await t.http().post(`/api/reports/${own.id}/review`).set('authorization', reviewer.auth).send(review).expect(403);
        expect(refused.body).toEqual({ error: SELF_REVIEW });
      }
      const bulk = await t.http().post('/api/reports/bulk-accept').set('authorization', reviewer.auth).send({ reportIds: [own.id, other.id] }).expect(200);
      expect(bulk.body).toEqual({ accepted: [other.id], skipped: [{ reportId: own.id, message: SELF_REVIEW.message }] });
      const after = await t.http().get(`/api/reports/${own.id}`).set('authorization', reviewer.auth).expect(200);
      expect([after.body.status, after.body.history.length]).toEqual(['submitted', 1]);
      await t.http().post(`/api/reports/${other.id}/review`).set('authorization', reviewer.auth).send({ action: 'return', comment: '退回' }).expect(200);
    }
    expect(await totals()).toEqual(before);
  });

  it('lets the only member of a unit review their own reports where the campaign allows it, and records it', async () => {
    const committee = await newPerson(t, { role: 'committee', unit: root });
    const allowing = await newCampaign(t, { organizer: root });
    const setting = await t.http().put(`/api/campaigns/${allowing.id}`).set('authorization', committee.auth)
      .send({ allowSelfReviewInSingleMemberUnits: true }).expect(200);
    expect(setting.body.allowSelfReviewInSingleMemberUnits).toBe(true);
    const solo = await newUnit(t, { parent: root, name: '城南区', kind: 'district' });
    const alone = await newPerson(t, { role: 'liaison', unit: solo });
    const as = (person: TestPerson) => ({
      read: (id: string) => t.http().get(`/api/reports/${id}`).set('authorization', person.auth).expect(200),
      review: (id: string, body: object) => t.http().post(`/api/reports/${id}/review`).set('authorization', person.auth).send(body),
      bulk: (ids: string[]) => t.http().post('/api/reports/bulk-accept').set('authorization', person.auth).send({ reportIds: ids }).expect(200),
    });

    const first = await newReport(t, { campaign: allowing, unit: solo, reporter: alone });
    expect((await as(alone).read(first.id)).body.allowed).toEqual({ review: true, edit: true });
    const listed = await t.http().get(`/api/campaigns/${allowing.id}/reports?mine=true`).set('authorization', alone.auth).expect(200);
    expect(listed.body.items.map((r: ReportDto) => [r.id, r.allowed.review])).toEqual([[first.id, true]]);
    const accepted: ReportDto = (await as(alone).review(first.id, { action: 'accept' }).expect(200)).body;
    const by = { id: alone.person.id, displayName: alone.person.displayName };
    expect(accepted.history.map(({ action, by, selfReview }) => ({ action, by, selfReview }))).toEqual([
      { action: 'submitted', by, selfReview: false },
      { action: 'accepted', by, selfReview: true },
    ]);
    const second = await newReport(t, { campaign: allowing, unit: solo, reporter: alone });
    expect((await as(alone).bulk([second.id])).body).toEqual({ accepted: [second.id], skipped: [] });
    expect((await as(alone).read(second.id)).body.history[1]).toMatchObject({ action: 'accepted', selfReview: true });

    // Not where the campaign does not allow it.
    const strict = await newReport(t, { campaign, unit: solo, reporter: alone });
    expect((await as(alone).read(strict.id)).body.allowed.review).toBe(false);
    expect((await as(alone).review(strict.id, { action: 'accept' }).expect(403)).body).toEqual({ error: SELF_REVIEW });
    // Nor in a unit of several members, nor for the committee above the one-person unit.
    const onlyAlone = '不能审核自己提交的报告：本活动只允许仅有一名成员的单位由该成员自行审核，请由其他联络员或安委办审核';
    const crowded = await newReport(t, { campaign: allowing, unit: district, reporter: liaison });
    expect((await as(liaison).review(crowded.id, { action: 'accept' }).expect(403)).body).toEqual({ error: { code: 'SELF_REVIEW', message: onlyAlone } });
    const fromAbove = await newReport(t, { campaign: allowing, unit: solo, reporter: committee });
    expect((await as(committee).bulk([fromAbove.id])).body).toEqual({ accepted: [], skipped: [{ reportId: fromAbove.id, message: onlyAlone }] });
    // Once the unit has a second member, it is over.
    await newPerson(t, { role: 'staff', unit: solo });
    const third = await newReport(t, { campaign: allowing, unit: solo, reporter: alone });
    expect((await as(alone).review(third.id, { action: 'return', comment: '退回' }).expect(403)).body.error.code).toBe('SELF_REVIEW');
  });

  it('lets the reporter delete a waiting report, and only a reviewer an accepted one', async () => {
    const waiting = await newReport(t, { campaign, unit: district, reporter: staff });
    await t.http().delete(`/api/reports/${waiting.id}`).set('authorization', staff.auth).expect(204);
    await t.http().get(`/api/reports/${waiting.id}`).set('authorization', staff.auth).expect(404);
    const accepted = await newReport(t, { campaign, unit: district, reporter: staff });
    await t.http().post(`/api/reports/${accepted.id}/review`).set('authorization', liaison.auth).send({ action: 'accept' }).expect(200);
    const refused = await t.http().delete(`/api/reports/${accepted.id}`).set('authorization', staff.auth).expect(409);
    expect(refused.body.error.message).toBe('报告已通过，请联系联络员处理');
    await t.http().delete(`/api/reports/${accepted.id}`).set('authorization', liaison.auth).expect(204);
    expect(await t.app.get(DataSource).getRepository(Contribution).countBy({ reportId: accepted.id })).toBe(0);
  });

  it('carries its photos, which no other report may take, and which must be of its unit', async () => {
    const upload = async (unit: Unit, person: TestPerson) =>
      (await t.http().post(`/api/campaigns/${campaign.id}/units/${unit.id}/media`).set('authorization', person.auth)
        .attach('file', await photo({ width: 1920, height: 1080 }), 'scene.jpg').expect(201)).body.id as string;
    const first = await upload(district, staff);
    const report: ReportDto = (await t.http().post('/api/reports').set('authorization', staff.auth).send(body({ mediaIds: [first] })).expect(201)).body;
    expect(report.media.map((m) => [m.id, m.kind, m.url, m.width])).toEqual([[first, 'photo', `/api/media/${first}`, 1920]]);

    const takenRequest = body({ mediaIds: [first] });
    const taken = await t.http().post('/api/reports').set('authorization', staff.auth).send(takenRequest).expect(422);
    expect(taken.body.error.details).toEqual([{ field: 'mediaIds.0', message: '照片或视频已用于另一份报告' }]);
    const westStaff = await newPerson(t, { role: 'staff', unit: otherDistrict });
    const foreign = await upload(otherDistrict, westStaff);
    const wrongUnit = await t.http().post('/api/reports').set('authorization', staff.auth).send(body({ mediaIds: [foreign] })).expect(422);
    expect(wrongUnit.body.error.details[0].field).toBe('mediaIds.0');
    // Nothing of the refused report was kept.
    expect(await t.app.get(DataSource).getRepository(Report).countBy({ idempotencyKey: takenRequest.idempotencyKey })).toBe(0);

    // The same picture uploaded again is flagged with the report that has it.
    const again = await t.http().post(`/api/campaigns/${campaign.id}/units/${district.id}/media`).set('authorization', staff.auth)
      .attach('file', await photo({ width: 1920, height: 1080 }), 'again.jpg').expect(201);
    expect(again.body.alreadyUsedIn).toEqual([{ reportId: report.id, unitName: '城东区' }]);
  });

  it('lists reports by unit, status and reporter, within what the caller may see', async () => {
    const westStaff = await newPerson(t, { role: 'staff', unit: otherDistrict });
    const west = await newReport(t, { campaign, unit: otherDistrict, reporter: westStaff });
    const mine = await t.http().get(`/api/campaigns/${campaign.id}/reports?mine=true`).set('authorization', westStaff.auth).expect(200);
    expect(mine.body).toMatchObject({ total: 1, page: 1, size: 50 });
    expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual([west.id]);
    const seenByEast: Page<ReportDto> = (await t.http().get(`/api/campaigns/${campaign.id}/reports`).set('authorization', liaison.auth).expect(200)).body;
    expect(seenByEast.items.length).toBeGreaterThan(0);
    expect(seenByEast.items.every((r) => r.unit.id === district.id || r.unit.id === town.id)).toBe(true);
    const elsewhere = await t.http().get(`/api/campaigns/${campaign.id}/reports?unitId=${otherDistrict.id}`).set('authorization', liaison.auth).expect(404);
    expect(elsewhere.body).toEqual({ error: { code: 'NOT_FOUND', message: '单位不存在' } });
  });

  it('answers another unit\'s report or photo exactly as a missing one, and 403 only to who may see it', async () => {
    const westStaff = await newPerson(t, { role: 'staff', unit: otherDistrict });
    const media = (await t.http().post(`/api/campaigns/${campaign.id}/units/${otherDistrict.id}/media`).set('authorization', westStaff.auth)
      .attach('file', await photo({ width: 1920, height: 1080 }), 'scene.jpg').expect(201)).body.id as string;
    const west = await newReport(t, { campaign, unit: otherDistrict, reporter: westStaff, mediaIds: [media] });
    const missing = '00000000-0000-4000-8000-000000000000';
    const answer = async (path: string, send?: object) => {
      const call = send ? t.http().post(path).send(send) : t.http().get(path);
      const response = await call.set('authorization', staff.auth);
      return { status: response.status, body: response.body };
    };
    const notFound = (message: string) => ({ status: 404, body: { error: { code: 'NOT_FOUND', message } } });
    for (const [path, send] of [
      ['/api/reports/{id}', undefined],
      ['/api/reports/{id}/review', { action: 'accept' }],
    ] as const) {
      expect(await answer(path.replace('{id}', west.id), send)).toEqual(notFound('报告不存在'));
      expect(await answer(path.replace('{id}', missing), send)).toEqual(notFound('报告不存在'));
    }
    for (const path of ['/api/media/{id}', '/api/media/{id}/thumbnail']) {
      expect(await answer(path.replace('{id}', media))).toEqual(notFound('照片或视频不存在'));
      expect(await answer(path.replace('{id}', missing))).toEqual(notFound('照片或视频不存在'));
    }
    // The district's own report: its staff member sees it, and is refused the review.
    const own = await newReport(t, { campaign, unit: district, reporter: liaison });
    expect(await answer(`/api/reports/${own.id}/review`, { action: 'accept' })).toEqual({
      status: 403,
      body: { error: { code: 'FORBIDDEN', message: '您没有权限执行此操作' } },
    });
  });

  it('pages through a long list: every report once, with the total, newest first', async () => {
    const long = await newCampaign(t, { organizer: root });
    const made = await newReports(t, 2339, { campaign: long, unit: district, reporter: staff });
    const path = `/api/campaigns/${long.id}/reports`;
    const first: Page<ReportDto> = (await t.http().get(path).set('authorization', liaison.auth).expect(200)).body;
    expect({ total: first.total, page: first.page, size: first.size, count: first.items.length }).toEqual({ total: 2339, page: 1, size: 50, count: 50 });

    const seen: ReportDto[] = [];
    for (let page = 1; ; page++) {
      const answer: Page<ReportDto> = (await t.http().get(`${path}?page=${page}&size=200`).set('authorization', liaison.auth).expect(200)).body;
      expect({ total: answer.total, page: answer.page, size: answer.size }).toEqual({ total: 2339, page, size: 200 });
      if (answer.items.length === 0) break;
      seen.push(...answer.items);
    }
    expect(seen.length).toBe(2339);
    expect(new Set(seen.map((r) => r.id))).toEqual(new Set(made.map((r) => r.id)));
    const times = seen.map((r) => r.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    // The first page of 50 is the start of the same order.
    expect(first.items.map((r) => r.id)).toEqual(seen.slice(0, 50).map((r) => r.id));

    const tooBig = await t.http().get(`${path}?size=201`).set('authorization', liaison.auth).expect(400);
    expect(tooBig.body.error.details).toEqual([{ field: 'size', message: '每页最多 200 条' }]);
    await t.http().get(`${path}?page=0`).set('authorization', liaison.auth).expect(400);
  }, 300_000);

  it('keeps every unit total equal to the sum of its accepted contributions, whatever the sequence', async () => {
    const property = fc.asyncProperty(
      fc.array(fc.tuple(fc.constantFrom('create', 'accept', 'return', 'resubmit', 'delete'), fc.nat(3), fc.integer({ min: 0, max: 500 })), { minLength: 1, maxLength: 12 }),
      async (steps) => {
        const run = await newCampaign(t, { organizer: root });
        const item = (await t.app.get(CampaignsService).get(run.id, { personId: liaison.person.id, displayName: '', memberships: [] })).items[0];
        const ids: string[] = [];
        for (const [step, index, headcount] of steps) {
          const id = ids[index % Math.max(ids.length, 1)];
          const send = (path: string, payload: object) => t.http().post(path).set('authorization', liaison.auth).send(payload);
          if (step === 'create' || !id) {
            ids.push((await newReport(t, { campaign: run, unit: district, reporter: staff, headcount })).id);
          } else if (step === 'accept') {
            await send(`/api/reports/${id}/review`, { action: 'accept' });
          } else if (step === 'return') {
            await send(`/api/reports/${id}/review`, { action: 'return', comment: '退回' });
          } else if (step === 'resubmit') {
            await t.http().put(`/api/reports/${id}`).set('authorization', staff.auth).send({
              itemId: item.id, title: '改', startAt: '2026-06-16T01:00:00.000Z', endAt: '2026-06-16T02:00:00.000Z', place: '广场',
              description: '', headcount, mediaIds: [], contributions: [{ fieldId: item.fields[1].id, amount: headcount }],
            });
          } else {
            await t.http().delete(`/api/reports/${id}`).set('authorization', liaison.auth);
            ids.splice(ids.indexOf(id), 1);
          }
        }
        const dataSource = t.app.get(DataSource);
        const accepted = await dataSource.getRepository(Report).findBy({ campaignId: run.id, status: 'accepted' });
        const expected: Record<string, number> = {};
        for (const r of accepted) for (const a of r.additions) expected[a.fieldId] = (expected[a.fieldId] ?? 0) + a.amount;
        const response = await t.http().get(`/api/campaigns/${run.id}/units/${district.id}/totals`).set('authorization', liaison.auth).expect(200);
        const actual = Object.fromEntries(
          response.body.totals.filter((x: { total: number }) => x.total !== 0).map((x: { fieldId: string; total: number }) => [x.fieldId, x.total]),
        );
        expect(actual).toEqual(Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== 0)));
        const rows = accepted.length ? await dataSource.getRepository(Contribution).find({ where: accepted.map((r) => ({ reportId: r.id })) }) : [];
        expect(rows.reduce((sum, c) => sum + c.amount, 0)).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
      },
    );
    await fc.assert(property, { numRuns: 12 });
  });

  describe('the report list for review', () => {
    /** A campaign of its own, with two items, so that what other tests file does not show here. */
    let run: Campaign;
    let items: CampaignDto['items'];
    let committee: TestPerson;
    let townStaff: TestPerson;
    let westStaff: TestPerson;
    let early: ReportDto;
    let midnight: ReportDto;
    let west: ReportDto;
    let second: ReportDto;
    beforeAll(async () => {
      const draft = await newCampaign(t, { organizer: root, status: 'draft' });
      const campaigns = t.app.get(CampaignsService);
      const item = (title: string) => ({ title, requirement: '', fieldText: '', fields: [{ kind: 'count' as const, label: '开展', unit: '场' }] });
      await campaigns.replaceItems(draft.id, { items: [item('安全宣传咨询日'), item('应急演练')] });
      await campaigns.publish(draft.id);
      run = await campaigns.getEntity(draft.id);
      committee = await newPerson(t, { role: 'committee', unit: root });
      townStaff = await newPerson(t, { role: 'staff', unit: town });
      westStaff = await newPerson(t, { role: 'staff', unit: otherDistrict });
      items = (await t.http().get(`/api/campaigns/${run.id}`).set('authorization', committee.auth).expect(200)).body.items;
      const file = async (person: TestPerson, unit: Unit, extra: object) =>
        (await t.http().post('/api/reports').set('authorization', person.auth)
          .send(body({ campaignId: run.id, unitId: unit.id, itemId: items[0].id, contributions: [], ...extra })).expect(201)).body as ReportDto;
      // 23:59 and 00:00 China time: the last minute of 15 June and the first of 16 June.
      early = await file(staff, district, { startAt: '2026-06-15T15:59:00.000Z', endAt: '2026-06-15T17:00:00.000Z' });
      midnight = await file(townStaff, town, { startAt: '2026-06-15T16:00:00.000Z', endAt: '2026-06-15T17:00:00.000Z' });
      west = await file(westStaff, otherDistrict, {});
      second = await file(staff, district, { itemId: items[1].id, startAt: '2026-06-20T02:00:00.000Z', endAt: '2026-06-20T03:00:00.000Z' });
      await t.http().post(`/api/reports/${early.id}/review`).set('authorization', committee.auth).send({ action: 'accept' }).expect(200);
      await t.http().post(`/api/reports/${midnight.id}/review`).set('authorization', committee.auth).send({ action: 'return', comment: '请补充照片' }).expect(200);
    });
    const ids = async (who: TestPerson, query: string) => {
      const page: Page<ReportDto> = (await t.http().get(`/api/campaigns/${run.id}/reports?${query}`).set('authorization', who.auth).expect(200)).body;
      return page.items.map((r) => r.id).sort();
    };
    const sorted = (...reports: ReportDto[]) => reports.map((r) => r.id).sort();
    const refusal = async (query: string) =>
      (await t.http().get(`/api/campaigns/${run.id}/reports?${query}`).set('authorization', committee.auth).expect(400)).body.error;

    it('lists every report to the committee, and only its subtree\'s to a liaison', async () => {
      expect(await ids(committee, '')).toEqual(sorted(early, midnight, west, second));
      expect(await ids(liaison, '')).toEqual(sorted(early, midnight, second));
      expect(await ids(townStaff, '')).toEqual(sorted(midnight));
    });

    it('filters by a unit and everything under it', async () => {
      expect(await ids(committee, `unitId=${district.id}`)).toEqual(sorted(early, midnight, second));
      expect(await ids(committee, `unitId=${town.id}`)).toEqual(sorted(midnight));
      expect(await ids(liaison, `unitId=${town.id}`)).toEqual(sorted(midnight));
      expect(await ids(committee, `unitId=${otherDistrict.id}`)).toEqual(sorted(west));
      // Another unit's subtree is answered as the guard answers a missing unit.
      const elsewhere = await t.http().get(`/api/campaigns/${run.id}/reports?unitId=${otherDistrict.id}`).set('authorization', liaison.auth).expect(404);
      expect(elsewhere.body).toEqual({ error: { code: 'NOT_FOUND', message: '单位不存在' } });
    });

    it('filters by item, status and reporter', async () => {
      expect(await ids(committee, `itemId=${items[1].id}`)).toEqual(sorted(second));
      expect(await ids(committee, `itemId=${items[0].id}`)).toEqual(sorted(early, midnight, west));
      expect(await ids(committee, 'status=submitted')).toEqual(sorted(west, second));
      expect(await ids(committee, 'status=accepted')).toEqual(sorted(early));
      expect(await ids(committee, 'status=returned')).toEqual(sorted(midnight));
      expect(await ids(committee, `reporterId=${staff.person.id}`)).toEqual(sorted(early, second));
      expect(await ids(liaison, `reporterId=${westStaff.person.id}`)).toEqual([]);
      expect(await ids(committee, `unitId=${district.id}&status=submitted&itemId=${items[1].id}`)).toEqual(sorted(second));
    });

    it('filters by the China-time day the activity started, both ends included', async () => {
      expect(await ids(committee, 'from=2026-06-15&to=2026-06-15')).toEqual(sorted(early));
      expect(await ids(committee, 'from=2026-06-16&to=2026-06-16')).toEqual(sorted(midnight, west));
      expect(await ids(committee, 'from=2026-06-17')).toEqual(sorted(second));
      expect(await ids(committee, 'to=2026-06-16')).toEqual(sorted(early, midnight, west));
    });

    it('refuses filters that are not valid, saying why in Chinese', async () => {
      const other = await newCampaign(t, { organizer: root });
      const otherItem = (await t.http().get(`/api/campaigns/${other.id}`).set('authorization', committee.auth).expect(200)).body.items[0].id;
      expect(await refusal(`itemId=${otherItem}`)).toMatchObject({ message: '活动项目不属于本活动', details: [{ field: 'itemId', message: '活动项目不属于本活动' }] });
      expect(await refusal('reporterId=00000000-0000-4000-8000-000000000000')).toMatchObject({ message: '报告人不存在' });
      expect(await refusal('status=pending')).toMatchObject({ details: [{ field: 'status', message: '状态无效' }] });
      expect(await refusal('from=2026-02-30')).toMatchObject({ details: [{ field: 'from', message: '开始日期必须是存在的日期（YYYY-MM-DD）' }] });
      expect(await refusal('to=2026/06/01')).toMatchObject({ details: [{ field: 'to', message: '结束日期必须是存在的日期（YYYY-MM-DD）' }] });
      expect(await refusal('from=2026-06-17&to=2026-06-16')).toMatchObject({ message: '开始日期不能晚于结束日期' });
    });

    it('warns the reviewer of a photo below the campaign\'s size and of a photo another report uses', async () => {
      const upload = async () =>
        (await t.http().post(`/api/campaigns/${run.id}/units/${district.id}/media`).set('authorization', staff.auth)
          .attach('file', await photo({ width: 800, height: 601 }), 'small.jpg').expect(201)).body.id as string;
      const file = async (mediaId: string) =>
        (await t.http().post('/api/reports').set('authorization', staff.auth)
          .send(body({ campaignId: run.id, unitId: district.id, itemId: items[0].id, contributions: [], mediaIds: [mediaId] })).expect(201)).body as ReportDto;
      const small = '第 1 个文件：照片尺寸 800×601 小于要求的 1920×1080';
      const first = await file(await upload());
      expect(first.warnings).toEqual([small]);
      const copy = await file(await upload());
      expect(copy.warnings).toEqual([small, '第 1 个文件与「城东区」的另一份报告重复']);
      // Every client sees the same: the list and the single report carry them.
      const listed: Page<ReportDto> = (await t.http().get(`/api/campaigns/${run.id}/reports?status=submitted&unitId=${district.id}`).set('authorization', liaison.auth).expect(200)).body;
      expect(listed.items.find((r) => r.id === first.id)?.warnings).toEqual([small, '第 1 个文件与「城东区」的另一份报告重复']);
      expect(listed.items.find((r) => r.id === second.id)?.warnings).toEqual([]);
    });
  });
});
