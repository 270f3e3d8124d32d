import { deadlineInstances, InboxMessageDto, NoticeKind, Page } from '@safemonth/shared';
import { Campaign } from '../src/campaigns/campaign.entity';
import { CampaignsService } from '../src/campaigns/campaigns.service';
import { Database } from '../src/database/database.service';
import { OutboxMessage } from '../src/notifications/outbox-message.entity';
import { OutboxWorker } from '../src/notifications/outbox-worker';
import { Unit } from '../src/units/unit.entity';
import { newCampaign, newPerson, newReport, newUnit, TestPerson } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Notices that are not deadlines, written in the transaction of the review or hand-in they tell of:
 * a reporter told of their report's review, a unit's liaisons of its table or materials returned,
 * the organizing committee of a table handed in; each person in the app and by WeChat, never the
 * one who acted.
 */
describe('notices of reviews', () => {
  let t: TestApp;
  let root: Unit;
  let district: Unit;
  let committee: TestPerson;
  let secondCommittee: TestPerson;
  let liaison: TestPerson;
  let secondLiaison: TestPerson;
  let staff: TestPerson;
  let campaign: Campaign;

  beforeAll(async () => {
    t = await createTestApp();
    root = await newUnit(t, { name: '市安委办' });
    district = await newUnit(t, { parent: root, name: '城东区', kind: 'district' });
    committee = await newPerson(t, { role: 'committee', unit: root, displayName: '安委办张三' });
    secondCommittee = await newPerson(t, { role: 'committee', unit: root, displayName: '安委办赵六' });
    liaison = await newPerson(t, { role: 'liaison', unit: district, displayName: '联络员李四' });
    secondLiaison = await newPerson(t, { role: 'liaison', unit: district, displayName: '联络员钱七' });
    staff = await newPerson(t, { role: 'staff', unit: district, displayName: '员工王五' });
    campaign = await newCampaign(t, { organizer: root, maxLiaisonsPerUnit: 2 });
  });
  afterAll(() => t.close());

  const outbox = () => t.app.get(Database).repository(OutboxMessage);
  /** The outbox rows of a kind, as (person, channel) pairs. */
  const told = async (kind: NoticeKind) =>
    (await outbox().find({ where: { kind }, relations: { person: true } })).map((m) => `${m.person?.displayName}/${m.channel}`).sort();
  const inboxOf = async (who: TestPerson) => {
    await t.app.get(OutboxWorker).drain();
    return ((await t.http().get('/api/inbox').set('authorization', who.auth).expect(200)).body as Page<InboxMessageDto>).items;
  };

  it('tells the reporter that their report was returned, with the comment, or accepted', async () => {
    const report = await newReport(t, { campaign, unit: district, reporter: staff });
    await t.http().post(`/api/reports/${report.id}/review`).set('authorization', liaison.auth).send({ action: 'return', comment: '请补充活动照片' }).expect(200);
    expect(await told('report_returned')).toEqual(['员工王五/inbox', '员工王五/wechat']);
    const [returned] = await inboxOf(staff);
    expect(returned).toMatchObject({
      kind: 'report_returned',
      title: '活动报告被退回',
      body: `您在“${campaign.title}”提交的活动报告“安全宣传咨询日”被退回，请修改后重新提交。修改意见：请补充活动照片`,
      link: `/subpackages/report/detail/index?id=${report.id}`,
      readAt: null,
    });
    const row = await outbox().findOneByOrFail({ kind: 'report_returned', channel: 'wechat' });
    expect(row).toMatchObject({ personId: staff.person.id, campaignId: campaign.id, unitId: district.id, facts: { campaign: campaign.title, item: '安全宣传咨询日', comment: '请补充活动照片' } });

    // A review refused (returned already) tells nobody anything.
    await t.http().post(`/api/reports/${report.id}/review`).set('authorization', liaison.auth).send({ action: 'return', comment: '再改改' }).expect(409);
    expect(await outbox().countBy({ kind: 'report_returned' })).toBe(2);

    const next = await newReport(t, { campaign, unit: district, reporter: staff });
    await t.http().post(`/api/reports/${next.id}/review`).set('authorization', committee.auth).send({ action: 'accept' }).expect(200);
    expect(await told('report_accepted')).toEqual(['员工王五/inbox', '员工王五/wechat']);
    expect((await inboxOf(staff))[0]).toMatchObject({ kind: 'report_accepted', title: '活动报告已通过', body: `您在“${campaign.title}”提交的活动报告“安全宣传咨询日”已通过审核。` });
    // Nobody else heard of it.
    expect((await inboxOf(liaison)).filter((m) => m.kind.startsWith('report_'))).toEqual([]);
  });

  it('tells nobody of a report its reporter reviewed, nor of one a review refused', async () => {
    const town = await newUnit(t, { parent: district, name: '城东街道', kind: 'district' });
    const alone = await newPerson(t, { role: 'liaison', unit: town, displayName: '街道联络员' });
    await t.app.get(CampaignsService).update(campaign.id, { allowSelfReviewInSingleMemberUnits: true });
    const before = await outbox().count();
    const own = await newReport(t, { campaign, unit: town, reporter: alone });
    await t.http().post(`/api/reports/${own.id}/review`).set('authorization', alone.auth).send({ action: 'accept' }).expect(200);
    // Reviewing one's own report where the unit has other members is refused, and tells nobody either.
    const other = await newReport(t, { campaign, unit: district, reporter: liaison });
    await t.http().post(`/api/reports/${other.id}/review`).set('authorization', liaison.auth).send({ action: 'accept' }).expect(403);
    expect(await outbox().count()).toBe(before);
  });

  it("tells the organizing committee of a table handed in, and the unit's liaisons of its return", async () => {
    const base = `/api/campaigns/${campaign.id}/units/${district.id}/statistics/submission`;
    await t.http().post(base).set('authorization', liaison.auth).send({ contactName: '李四', phone: '13800138001' }).expect(201);
    // Both committee members; not the liaison who handed it in, nor the other liaison.
    expect(await told('table_submitted')).toEqual(['安委办张三/inbox', '安委办张三/wechat', '安委办赵六/inbox', '安委办赵六/wechat']);
    expect((await inboxOf(secondCommittee)).find((m) => m.kind === 'table_submitted')).toMatchObject({
      title: '统计表待审核',
      body: `“城东区”已报送“${campaign.title}”的统计表，请审核。`,
      link: `/subpackages/console/statistics/index?campaignId=${campaign.id}&unitId=${district.id}`,
    });

    await t.http().post(`${base}/review`).set('authorization', committee.auth).send({ action: 'return', comment: '请补充典型案例' }).expect(200);
    expect(await told('table_returned')).toEqual(['联络员李四/inbox', '联络员李四/wechat', '联络员钱七/inbox', '联络员钱七/wechat']);
    expect((await inboxOf(secondLiaison)).find((m) => m.kind === 'table_returned')).toMatchObject({
      title: '统计表被退回',
      body: `“城东区”报送的“${campaign.title}”统计表被退回，请修改后重新报送。修改意见：请补充典型案例`,
      link: `/subpackages/unit/index/index?campaignId=${campaign.id}&unitId=${district.id}`,
    });

    // Handed in again: told again (a new hand-in); accepted: nobody is told.
    await t.http().post(base).set('authorization', secondLiaison.auth).send({ contactName: '钱七', phone: '13800138002' }).expect(201);
    expect(await outbox().countBy({ kind: 'table_submitted' })).toBe(8);
    const before = await outbox().count();
    await t.http().post(`${base}/review`).set('authorization', committee.auth).send({ action: 'accept' }).expect(200);
    expect(await outbox().count()).toBe(before);
  });

  it("tells the unit's liaisons that its materials were returned, with the comment", async () => {
    const dto = await t.app.get(CampaignsService).get(campaign.id, { personId: committee.person.id, displayName: '', memberships: [] });
    const deliverable = dto.deliverables[0];
    const [week] = deadlineInstances(deliverable.rule);
    await t
      .http()
      .post('/api/hand-ins')
      .set('authorization', liaison.auth)
      .send({ campaignId: campaign.id, deliverableId: deliverable.id, periodKey: week.periodKey, unitId: district.id, text: '本周活动材料', documentIds: [], reportIds: [] })
      .expect(200);
    const review = (body: object) =>
      t.http().post(`/api/campaigns/${campaign.id}/units/${district.id}/hand-ins/${deliverable.id}/${week.periodKey}/review`).set('authorization', committee.auth).send(body);
    await review({ action: 'return', comment: '请补充现场照片' }).expect(200);
    expect(await told('hand_in_returned')).toEqual(['联络员李四/inbox', '联络员李四/wechat', '联络员钱七/inbox', '联络员钱七/wechat']);
    const row = await outbox().findOneByOrFail({ kind: 'hand_in_returned', personId: liaison.person.id, channel: 'inbox' });
    expect(row).toMatchObject({ deliverableId: deliverable.id, periodKey: week.periodKey, unitId: district.id, facts: expect.objectContaining({ item: '每周活动材料', dueAt: week.dueAt }) });
    expect((await inboxOf(liaison)).find((m) => m.kind === 'hand_in_returned')).toMatchObject({
      title: '报送材料被退回',
      body: '“城东区”报送的“每周活动材料”被退回，请修改后重新报送。修改意见：请补充现场照片',
      link: `/subpackages/unit/hand-in/index?campaignId=${campaign.id}&unitId=${district.id}&deliverableId=${deliverable.id}&periodKey=${week.periodKey}`,
    });
    // Returned again after a new hand-in: a new notice (the return is a new step).
    await t
      .http()
      .post('/api/hand-ins')
      .set('authorization', liaison.auth)
      .send({ campaignId: campaign.id, deliverableId: deliverable.id, periodKey: week.periodKey, unitId: district.id, text: '补充后的材料', documentIds: [], reportIds: [] })
      .expect(200);
    await review({ action: 'return', comment: '照片不清晰' }).expect(200);
    expect(await outbox().countBy({ kind: 'hand_in_returned' })).toBe(8);
  });
});
