import { DeadlineRule, deadlineInstances, DeadlineInstance, DeliverableKind, defaultReminderPolicy, InboxMessageDto, ReminderPolicy } from '@safemonth/shared';
import { Like } from 'typeorm';
import { TokensService } from '../src/auth/tokens.service';
import { Campaign } from '../src/campaigns/campaign.entity';
import { CampaignsService } from '../src/campaigns/campaigns.service';
import { Clock } from '../src/common/clock';
import { Database } from '../src/database/database.service';
import { DeliverablesService } from '../src/deliverables/deliverables.service';
import { OutboxMessage } from '../src/notifications/outbox-message.entity';
import { OutboxWorker } from '../src/notifications/outbox-worker';
import { ReminderPolicy as ReminderPolicyRow } from '../src/reminders/reminder-policy.entity';
import { ReminderScheduler } from '../src/reminders/reminder-scheduler';
import { RemindersService } from '../src/reminders/reminders.service';
import { Unit } from '../src/units/unit.entity';
import { newCampaign, newPerson, newUnit, TestPerson } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

/** A China wall-clock time `YYYY-MM-DD HH:mm(:ss)` as epoch milliseconds. */
const china = (text: string) => Date.parse(`${text.replace(' ', 'T')}${text.length === 16 ? ':00' : ''}+08:00`);

/**
 * Deadline reminders on a controlled clock: the weekly materials of June 2027 (every Wednesday,
 * due at 24:00 China time) of three towns, each with one liaison, under a county committee. The
 * campaign's policy: a day and two hours before, the overdue notice and the committee's digest at
 * 09:00 the next morning, quiet from 22:00 to 08:00, in the app's inbox.
 */
describe('deadline reminders', () => {
  let t: TestApp;
  let root: Unit;
  let a: Unit;
  let b: Unit;
  let c: Unit;
  let committee: TestPerson;
  let committeeA: TestPerson;
  let liaisonA: TestPerson;
  let liaisonB: TestPerson;
  let liaisonC: TestPerson;
  let campaign: Campaign;
  let deliverableId: string;
  let weeks: DeadlineInstance[];
  let scheduler: ReminderScheduler;

  const people: TestPerson[] = [];
  const person = async (options: Parameters<typeof newPerson>[1]) => {
    const made = await newPerson(t, options);
    people.push(made);
    return made;
  };
  /** Freezes the server's clock at `instant`, with fresh tokens for everyone. */
  const at = async (instant: number) => {
    t.app.get(Clock).now = () => new Date(instant);
    for (const p of people) p.auth = `Bearer ${(await t.app.get(TokensService).issue(p.person.id)).accessToken}`;
  };
  /** A scheduler of another process: its own memory of what it decided. */
  const anotherScheduler = () => new ReminderScheduler(t.app.get(CampaignsService), t.app.get(RemindersService), t.app.get(Clock));
  const tick = async (instant: number, by = scheduler) => {
    await at(instant);
    return by.tick(new Date(instant));
  };
  /** The outbox rows of one moment of one week, by unit name. */
  const decided = async (week: DeadlineInstance, moment: string) => {
    const rows = await t.app.get(Database).repository(OutboxMessage).find({ where: { key: Like(`remind/${deliverableId}/${week.periodKey}/%/${moment}`) } });
    const names = new Map([a, b, c, root].map((u) => [u.id, u.name]));
    return rows.map((r) => ({ ...r, unitName: names.get(r.unitId as string) })).sort((x, y) => (x.key < y.key ? -1 : 1));
  };
  const unitsOf = (rows: { unitName?: string }[]) => rows.map((r) => r.unitName).sort();
  const inbox = async (p: TestPerson) => ((await t.http().get('/api/inbox').set('authorization', p.auth).expect(200)).body.items as InboxMessageDto[]);
  const handIn = (p: TestPerson, unit: Unit, week: DeadlineInstance) =>
    t
      .http()
      .post('/api/hand-ins')
      .set('authorization', p.auth)
      .send({ campaignId: campaign.id, deliverableId, periodKey: week.periodKey, unitId: unit.id, text: '本周活动材料', documentIds: [], reportIds: [] })
      .expect(200);
  const policies = (p: TestPerson) => t.http().get(`/api/campaigns/${campaign.id}/reminder-policies`).set('authorization', p.auth);
  const putPolicies = (p: TestPerson, body: object) => t.http().put(`/api/campaigns/${campaign.id}/reminder-policies`).set('authorization', p.auth).send(body);
  const remind = (p: TestPerson, body: Record<string, unknown>) => t.http().post(`/api/campaigns/${campaign.id}/reminders`).set('authorization', p.auth).send(body);

  const policy: ReminderPolicy = { offsetsBeforeMinutes: [1440, 120], overdueAt: { nextDayAt: '09:00' }, escalation: true, quietHours: { from: '22:00', to: '08:00' }, channels: ['inbox'] };

  beforeAll(async () => {
    t = await createTestApp();
    await at(china('2027-05-20 10:00'));
    root = await newUnit(t, { name: '揭西县安委办' });
    a = await newUnit(t, { parent: root, name: '甲镇', kind: 'district' });
    b = await newUnit(t, { parent: root, name: '乙镇', kind: 'district' });
    c = await newUnit(t, { parent: root, name: '丙镇', kind: 'district' });
    // Units made "before" the campaign, whatever the real date: their creation is when they are expected from.
    for (const unit of [root, a, b, c]) await t.app.get(Database).repository(Unit).update({ id: unit.id }, { createdAt: new Date('2027-05-01T00:00:00Z') });
    committee = await person({ role: 'committee', unit: root, displayName: '县安委办' });
    committeeA = await person({ role: 'committee', unit: a, displayName: '甲镇安委办' });
    liaisonA = await person({ role: 'liaison', unit: a, displayName: '甲镇联络员' });
    liaisonB = await person({ role: 'liaison', unit: b, displayName: '乙镇联络员' });
    liaisonC = await person({ role: 'liaison', unit: c, displayName: '丙镇联络员' });
    campaign = await newCampaign(t, { organizer: root, year: 2027 });
    const dto = await t.app.get(CampaignsService).get(campaign.id, { personId: committee.person.id, displayName: '', memberships: [] });
    deliverableId = dto.deliverables[0].id;
    weeks = deadlineInstances(dto.deliverables[0].rule);
    expect(weeks.slice(0, 3).map((w) => w.dueAt)).toEqual(['2027-06-02T16:00:00.000Z', '2027-06-09T16:00:00.000Z', '2027-06-16T16:00:00.000Z']);
    scheduler = t.app.get(ReminderScheduler);
    await t.app.get(RemindersService).replacePolicies(campaign.id, { campaignDefault: policy, overrides: [] });
  });
  afterAll(() => t.close());

  it('lets only the organizing unit’s committee read and set the policies, checking each field', async () => {
    await t.app.get(Database).repository(ReminderPolicyRow).delete({ campaignId: campaign.id });
    expect((await policies(committee).expect(200)).body).toEqual({ campaignDefault: defaultReminderPolicy(), overrides: [] });
    await policies(committeeA).expect(403);
    await policies(liaisonA).expect(403);
    await putPolicies(committeeA, { campaignDefault: policy, overrides: [] }).expect(403);
    await putPolicies(liaisonB, { campaignDefault: policy, overrides: [] }).expect(403);

    const wrong = await putPolicies(committee, {
      campaignDefault: { ...policy, offsetsBeforeMinutes: [0, 120], quietHours: { from: '22:00', to: '22:00' } },
      overrides: [
        { deliverableId, policy: { ...policy, overdueAt: null } },
        { deliverableId: 'not-a-deliverable', policy },
      ],
    }).expect(400);
    expect(wrong.body.error.code).toBe('VALIDATION_FAILED');
    expect(wrong.body.error.message).toBe('提醒规则有误：提前提醒应为 1 到 43200 之间的整数分钟（最多提前 30 天）');
    expect(wrong.body.error.details).toEqual([
      { field: 'campaignDefault.offsetsBeforeMinutes.0', message: '提前提醒应为 1 到 43200 之间的整数分钟（最多提前 30 天）' },
      { field: 'campaignDefault.quietHours', message: '免打扰开始与结束时刻不能相同' },
      { field: 'overrides.0.policy.escalation', message: '未交汇总与逾期提醒同时发送，请先设置逾期提醒' },
      { field: 'overrides.1.deliverableId', message: '报送材料不属于本活动' },
    ]);
    const shape = await putPolicies(committee, { campaignDefault: 'every day', overrides: {} }).expect(400);
    expect(shape.body.error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['campaignDefault', 'overrides']));
    const twice = await putPolicies(committee, { campaignDefault: policy, overrides: [{ deliverableId, policy }, { deliverableId, policy }] }).expect(400);
    expect(twice.body.error.details).toEqual([{ field: 'overrides.1.deliverableId', message: '同一报送材料只能设置一条提醒规则' }]);

    // Stored normalized: offsets from the earliest reminder on, channels in their usual order.
    const own = { ...policy, offsetsBeforeMinutes: [60, 2880], channels: ['email', 'inbox'] };
    const saved = await putPolicies(committee, { campaignDefault: policy, overrides: [{ deliverableId, policy: own }] }).expect(200);
    expect(saved.body).toEqual({ campaignDefault: policy, overrides: [{ deliverableId, policy: { ...own, offsetsBeforeMinutes: [2880, 60], channels: ['inbox', 'email'] } }] });
    // The deliverable follows the campaign's default again once its own policy is left out.
    await putPolicies(committee, { campaignDefault: policy, overrides: [] }).expect(200);
    expect((await policies(committee).expect(200)).body).toEqual({ campaignDefault: policy, overrides: [] });
  });

  it('sends each reminder before the deadline once, at its moment and not before: the one a day before a deadline at 24:00 waits for the quiet hours to end', async () => {
    const [week] = weeks;
    // Planned at 00:00, inside the quiet hours: it waits until 08:00.
    expect(await tick(china('2027-06-02 00:00'))).toBe(0);
    expect(await tick(china('2027-06-02 07:59'))).toBe(0);
    expect(await decided(week, 'before:1440')).toEqual([]);
    expect(await tick(china('2027-06-02 08:00'))).toBe(3);
    const rows = await decided(week, 'before:1440');
    expect(unitsOf(rows)).toEqual(['丙镇', '乙镇', '甲镇']);
    expect(rows.map((r) => [r.kind, r.channel, r.status])).toEqual(Array(3).fill(['deadline_reminder', 'inbox', 'queued']));
    expect(await tick(china('2027-06-02 08:01'))).toBe(0);
    expect(await tick(china('2027-06-02 12:00'))).toBe(0);
    expect(await decided(week, 'before:1440')).toHaveLength(3);

    await t.app.get(OutboxWorker).drain();
    const [message] = await inbox(liaisonB);
    expect(message).toMatchObject({
      kind: 'deadline_reminder',
      title: '截止提醒：每周活动材料',
      body: '乙镇：“每周活动材料”（2027年第22周）将于 2027年6月2日 24:00 截止，贵单位尚未报送，请及时报送。',
      link: `/subpackages/unit/index/index?campaignId=${campaign.id}&unitId=${b.id}`,
    });
  });

  it('sends the reminder two hours before a deadline at 24:00 just before the quiet hours begin, only to units that still owe', async () => {
    const [week] = weeks;
    await at(china('2027-06-02 12:00'));
    await handIn(liaisonA, a, week);
    expect(await tick(china('2027-06-02 21:58'))).toBe(0);
    expect(await tick(china('2027-06-02 21:59'))).toBe(2);
    expect(unitsOf(await decided(week, 'before:120'))).toEqual(['丙镇', '乙镇']);
  });

  it('skips a reminder whose unit hands in between the decision and the sending', async () => {
    const [week] = weeks;
    await at(china('2027-06-02 21:59:30'));
    await handIn(liaisonB, b, week);
    await at(china('2027-06-02 21:59:40'));
    await t.app.get(OutboxWorker).drain();
    const rows = await decided(week, 'before:120');
    expect(rows.map((r) => [r.unitName, r.status])).toEqual(expect.arrayContaining([['乙镇', 'skipped'], ['丙镇', 'sent']]));
    expect((await inbox(liaisonB)).map((m) => m.title)).toEqual(['截止提醒：每周活动材料']);
    expect((await inbox(liaisonC)).map((m) => m.title)).toEqual(['截止提醒：每周活动材料', '截止提醒：每周活动材料']);
  });

  it('tells the units still owing the next morning that they are overdue, and the committee which units they are', async () => {
    const [week] = weeks;
    await at(china('2027-06-03 08:00'));
    await t
      .http()
      .post(`/api/campaigns/${campaign.id}/units/${a.id}/hand-ins/${deliverableId}/${week.periodKey}/review`)
      .set('authorization', committee.auth)
      .send({ action: 'return', comment: '请补充活动照片' })
      .expect(200);
    expect(await tick(china('2027-06-03 08:59'))).toBe(0);
    // 甲镇 returned and 丙镇 missing are told; 乙镇 handed in on time is not. One digest to the committee.
    expect(await tick(china('2027-06-03 09:00'))).toBe(3);
    const overdue = await decided(week, 'overdue');
    expect(overdue.map((r) => [r.unitName, r.kind])).toEqual(expect.arrayContaining([['甲镇', 'overdue_notice'], ['丙镇', 'overdue_notice']]));
    expect(overdue).toHaveLength(2);
    const [digest] = await decided(week, 'escalation');
    expect(digest).toMatchObject({ kind: 'escalation_digest', personId: committee.person.id, unitId: root.id, link: `/subpackages/console/completeness/index?campaignId=${campaign.id}` });
    expect(await decided(week, 'escalation')).toHaveLength(1);

    await t.app.get(OutboxWorker).drain();
    const toA = (await inbox(liaisonA)).find((m) => m.kind === 'overdue_notice');
    expect(toA?.title).toBe('逾期提醒：每周活动材料');
    expect(toA?.body).toBe('甲镇：“每周活动材料”（2027年第22周）已于 2027年6月2日 24:00 截止，退回的材料尚未重新报送，请尽快修改后报送。');
    expect((await inbox(liaisonC)).find((m) => m.kind === 'overdue_notice')?.body).toBe('丙镇：“每周活动材料”（2027年第22周）已于 2027年6月2日 24:00 截止，贵单位尚未报送，请尽快补报。');
    const toCommittee = (await inbox(committee)).find((m) => m.kind === 'escalation_digest');
    expect(toCommittee?.title).toBe('未交汇总：每周活动材料');
    expect(toCommittee?.body).toMatch(/^“每周活动材料”（2027年第22周）已于 2027年6月2日 24:00 截止，仍有 2 个单位未报送或退回后未重新报送：(甲镇、丙镇|丙镇、甲镇)。$/);
    expect(await inbox(liaisonB)).toHaveLength(1);
  });

  it('catches up, after a while down, on the moments of the last hours, but never reminds before a deadline that has passed', async () => {
    const week = weeks[1];
    // Down since before 08:00: up at 11:00, the reminder of 08:00 goes now.
    expect(await tick(china('2027-06-09 11:00'), anotherScheduler())).toBe(3);
    expect(unitsOf(await decided(week, 'before:1440'))).toEqual(['丙镇', '乙镇', '甲镇']);
    // Down from 21:00 to after the deadline: the reminder of 21:59 is no use any more.
    expect(await tick(china('2027-06-10 00:30'), anotherScheduler())).toBe(0);
    expect(await decided(week, 'before:120')).toEqual([]);
  });

  it('catches up, after every process was down for days, on the overdue notices and digests since the last tick', async () => {
    const week = weeks[1];
    // Last tick at 06-10 00:30, then nothing until 06-16 07:00: the overdue moment of 06-10 09:00 is still decided.
    expect(await tick(china('2027-06-16 07:00'), anotherScheduler())).toBe(4);
    expect(unitsOf(await decided(week, 'overdue'))).toEqual(['丙镇', '乙镇', '甲镇']);
    expect(await decided(week, 'escalation')).toHaveLength(1);
  });

  it('goes through the units owing an instance a page at a time, in tree order, those handing in meanwhile left out', async () => {
    const week = weeks[3];
    const pages = t.app.get(DeliverablesService).owing(campaign.id, deliverableId, week.periodKey, { size: 2 });
    const first = await pages.next();
    const inTreeOrder = [a, b, c].sort((x, y) => (x.path < y.path ? -1 : 1));
    expect(first.done ? [] : first.value.map((o) => o.unit.id)).toEqual(inTreeOrder.slice(0, 2).map((u) => u.id));
    const last = inTreeOrder[2];
    await at(china('2027-06-23 10:00'));
    const liaisonOf = new Map([[a, liaisonA], [b, liaisonB], [c, liaisonC]]);
    await handIn(liaisonOf.get(last) as TestPerson, last, week);
    expect(await pages.next()).toEqual({ done: true, value: undefined });
  });

  it('writes each notice once when the schedulers of two processes decide the same minute', async () => {
    const week = weeks[2];
    const now = china('2027-06-16 08:00');
    await at(now);
    const [first, second] = await Promise.all([anotherScheduler().tick(new Date(now)), anotherScheduler().tick(new Date(now))]);
    expect(first + second).toBe(3);
    expect(unitsOf(await decided(week, 'before:1440'))).toEqual(['丙镇', '乙镇', '甲镇']);
  });

  it('reminds by hand every unit owing an instance, or those of one subtree, once within ten minutes of the last reminder', async () => {
    const week = weeks[2];
    const body = { deliverableId, periodKey: week.periodKey };
    await at(china('2027-06-16 10:00'));
    await handIn(liaisonB, b, week);
    await at(china('2027-06-16 10:09:59'));
    expect((await remind(committee, body).expect(202)).body).toEqual({ queued: 2 });
    await at(china('2027-06-16 10:10:00'));
    expect((await remind(committee, body).expect(202)).body).toEqual({ queued: 0 });
    await at(china('2027-06-16 10:19:58'));
    expect((await remind(committee, body).expect(202)).body).toEqual({ queued: 0 });
    await at(china('2027-06-16 10:20:00'));
    expect((await remind(committee, body).expect(202)).body).toEqual({ queued: 2 });
    await at(china('2027-06-16 10:30'));
    expect((await remind(committeeA, { ...body, unitId: a.id }).expect(202)).body).toEqual({ queued: 1 });
    expect((await remind(committeeA, { ...body, unitId: a.id }).expect(202)).body).toEqual({ queued: 0 });
    // Two presses at once: 丙镇 (last reminded at 10:20) is told once; 甲镇 (10:30) not.
    await at(china('2027-06-16 10:35'));
    const both = await Promise.all([remind(committee, body).expect(202), remind(committee, body).expect(202)]);
    expect(both.map((r) => r.body.queued as number).reduce((x, y) => x + y)).toBe(1);

    const rows = await t.app.get(Database).repository(OutboxMessage).find({ where: { key: Like(`manual/${deliverableId}/${week.periodKey}/%`) } });
    expect(rows.map((r) => r.kind)).toEqual(Array(6).fill('manual_reminder'));
    await t.app.get(OutboxWorker).drain();
    expect((await inbox(liaisonC)).find((m) => m.kind === 'manual_reminder')).toMatchObject({
      title: '催报提醒：每周活动材料',
      body: '丙镇：安委办提醒您尽快报送“每周活动材料”（2027年第24周），截止时间 2027年6月16日 24:00。',
    });

    // The whole campaign is the organizing unit's committee's to remind; a unit's, its committee's.
    await remind(committeeA, body).expect(403);
    await remind(committeeA, { ...body, unitId: b.id }).expect(404);
    await remind(liaisonA, { ...body, unitId: a.id }).expect(403);
    const wrongPeriod = await remind(committee, { ...body, periodKey: '2031-W01' }).expect(400);
    expect(wrongPeriod.body.error.details).toEqual([{ field: 'periodKey', message: '报送期次不属于该材料' }]);
    const wrongDeliverable = await remind(committee, { ...body, deliverableId: 'nope' }).expect(400);
    expect(wrongDeliverable.body.error.details).toEqual([{ field: 'deliverableId', message: '报送材料不属于本活动' }]);
    await remind(committee, { periodKey: week.periodKey }).expect(400);
  });

  describe('when the committee reworks a deliverable', () => {
    let onceId: string | undefined;
    let original: { id: string; kind: DeliverableKind; title: string; rule: DeadlineRule }[];
    /** The campaign's deliverables with a one-off summary due at `due`, or without it. */
    const rework = (due: string | null) =>
      t.app.get(CampaignsService).replaceDeliverables(campaign.id, {
        deliverables: [...original, ...(due ? [{ id: onceId, kind: 'summary_report' as const, title: '专项总结', rule: { kind: 'once' as const, due } }] : [])],
      });
    const onceRows = async (moment: string) => t.app.get(Database).repository(OutboxMessage).find({ where: { key: Like(`remind/${onceId}/once/%/${moment}`) } });
    const deliverables = async () => (await t.app.get(CampaignsService).get(campaign.id, { personId: committee.person.id, displayName: '', memberships: [] })).deliverables;

    beforeAll(async () => {
      original = (await deliverables()).map(({ id, kind, title, rule }) => ({ id, kind, title, rule }));
      await at(china('2027-06-20 10:00'));
      await rework('2027-06-25 18:00');
      onceId = (await deliverables()).find((d) => d.title === '专项总结')?.id;
    });

    it('reminds again at the moments of a moved deadline, and skips what was queued for the old one', async () => {
      await tick(china('2027-06-24 18:00'));
      expect((await onceRows('before:1440')).map((r) => r.status)).toEqual(Array(3).fill('queued'));
      await at(china('2027-06-24 18:05'));
      await rework('2027-06-26 18:00');
      await t.app.get(OutboxWorker).drain();
      expect((await onceRows('before:1440')).map((r) => r.status)).toEqual(Array(3).fill('skipped'));
      expect(await tick(china('2027-06-25 18:00'))).toBe(3);
      const rows = await onceRows('before:1440');
      expect(rows.filter((r) => r.status === 'queued').map((r) => r.facts.dueAt)).toEqual(Array(3).fill(new Date(china('2027-06-26 18:00')).toISOString()));
    });

    it('sends a reminder only while the campaign is published, the instance is there and the unit is still expected for it', async () => {
      const queued = (await onceRows('before:1440')).filter((r) => r.status === 'queued');
      const [toA, toC] = [a, c].map((u) => queued.find((r) => r.unitId === u.id) as OutboxMessage);
      const reminders = t.app.get(RemindersService);
      const campaigns = t.app.get(Database).repository(Campaign);
      const owed = async (message: OutboxMessage) => (await reminders.stillOwed([message])).has(message.id);
      await at(china('2027-06-25 18:01'));
      expect(await owed(toA)).toBe(true);
      await campaigns.update({ id: campaign.id }, { participatingUnitIds: [a.id, b.id] });
      // Asked together, as the worker asks a batch: one answer for each.
      expect([...(await reminders.stillOwed([toA, toC]))]).toEqual([toA.id]);
      await campaigns.update({ id: campaign.id }, { participatingUnitIds: [] });
      await campaigns.update({ id: campaign.id }, { status: 'draft' });
      expect(await owed(toA)).toBe(false);
      await campaigns.update({ id: campaign.id }, { status: 'published' });
      expect(await owed(toA)).toBe(true);
      await rework(null);
      expect(await owed(toA)).toBe(false);
    });
  });
});
