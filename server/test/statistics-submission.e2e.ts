import { CampaignDto, chinaDay, ReportDto, StatisticsTableDto, TableSubmissionDto } from '@safemonth/shared';
import { Campaign } from '../src/campaigns/campaign.entity';
import { StatisticsTableService } from '../src/statistics/statistics-table.service';
import { Unit } from '../src/units/unit.entity';
import { CONSULTATION_DAY, newCityTree, newPerson, newPublishedCampaign, newUnit, TestPerson } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

type Fields = CampaignDto['items'][number]['fields'];

describe('statistics table hand-ins and evidence links', () => {
  let t: TestApp;
  let root: Unit;
  let district: Unit;
  let town: Unit;
  let west: Unit;
  let committee: TestPerson;
  /** Files the reports the committee reviews: nobody reviews their own. */
  let reporter: TestPerson;
  let liaison: TestPerson;
  let townLiaison: TestPerson;
  let westLiaison: TestPerson;
  let staff: TestPerson;
  let campaign: Campaign;
  /** Two items: 宣传咨询日 (two counts, a yes/no, a text) and 宣传报道 (one count). */
  let items: { id: string; fields: Fields }[];

  beforeAll(async () => {
    t = await createTestApp();
    ({ root, district, town, west } = await newCityTree(t));
    committee = await newPerson(t, { role: 'committee', unit: root, displayName: '安委办张三' });
    reporter = await newPerson(t, { role: 'committee', unit: root });
    liaison = await newPerson(t, { role: 'liaison', unit: district, displayName: '联络员李四' });
    townLiaison = await newPerson(t, { role: 'liaison', unit: town });
    westLiaison = await newPerson(t, { role: 'liaison', unit: west });
    staff = await newPerson(t, { role: 'staff', unit: district });
    ({ campaign, items } = await newPublishedCampaign(t, {
      organizer: root,
      reader: committee,
      items: [
        CONSULTATION_DAY,
        { title: '宣传报道', requirement: '在媒体上宣传', fieldText: '发布宣传报道（ ）篇', fields: [{ kind: 'count', label: '发布宣传报道', unit: '篇' }] },
      ],
    }));
  });
  afterAll(() => t.close());

  const base = (unit: Unit) => `/api/campaigns/${campaign.id}/units/${unit.id}`;
  const table = async (unit: Unit, scope: 'unit' | 'subtree' = 'unit', who = committee): Promise<StatisticsTableDto> =>
    (await t.http().get(`${base(unit)}/statistics?scope=${scope}`).set('authorization', who.auth).expect(200)).body;
  const submit = (unit: Unit, payload: object, who = liaison) => t.http().post(`${base(unit)}/statistics/submission`).set('authorization', who.auth).send(payload);
  const review = (unit: Unit, payload: object, who = committee) => t.http().post(`${base(unit)}/statistics/submission/review`).set('authorization', who.auth).send(payload);
  const addEntry = (unit: Unit, amount: number, who = liaison) =>
    t.http().post(`${base(unit)}/manual-entries`).set('authorization', who.auth).send({ fieldId: items[0].fields[0].id, amount, note: '线下宣讲' });
  const answer = (unit: Unit, value: unknown, who = liaison) => t.http().put(`${base(unit)}/answers/${items[0].fields[2].id}`).set('authorization', who.auth).send({ value });
  let key = 0;
  /** Files a report on `item` for `unit` (one event, ten people), with evidence links. */
  const file = (unit: Unit, item: { id: string; fields: Fields }, evidenceLinks?: unknown) =>
    t
      .http()
      .post('/api/reports')
      .set('authorization', reporter.auth)
      .send({
        idempotencyKey: `evidence-${++key}-${Date.now()}`,
        campaignId: campaign.id,
        unitId: unit.id,
        itemId: item.id,
        title: `宣传活动${key}`,
        startAt: '2026-06-16T01:00:00.000Z',
        endAt: '2026-06-16T04:00:00.000Z',
        place: '人民广场',
        description: '',
        headcount: 10,
        mediaIds: [],
        contributions: [{ fieldId: item.fields[0].id, amount: 1 }],
        ...(evidenceLinks === undefined ? {} : { evidenceLinks }),
      });
  const reviewReport = (id: string, action: 'accept' | 'return') => {
    t.advanceClock(1000);
    return t.http().post(`/api/reports/${id}/review`).set('authorization', committee.auth).send({ action, comment: action === 'return' ? '请补充' : undefined }).expect(200);
  };
  /** Files a report with these links and accepts it. */
  const accepted = async (unit: Unit, item: { id: string; fields: Fields }, links: string[]): Promise<ReportDto> => {
    const report: ReportDto = (await file(unit, item, links).expect(201)).body;
    await reviewReport(report.id, 'accept');
    return report;
  };

  it('hands in the table as a snapshot, closes it to changes until the committee returns it, and takes it again after', async () => {
    await t.http().get(`${base(district)}/statistics/submission`).set('authorization', liaison.auth).expect(404);
    expect((await table(district)).submission).toBeNull();
    await addEntry(district, 3).expect(201);
    await answer(district, true).expect(200);

    // The header is checked: a contact, and a phone by the liaison form's rule.
    const refused = async (payload: object, field: string, message: string) =>
      expect((await submit(district, payload).expect(400)).body.error.details).toContainEqual({ field, message });
    await refused({ contactName: ' ', phone: '13800138000' }, 'contactName', '请填写联系人');
    await refused({ contactName: '李四', phone: '12345' }, 'phone', '电话应为 11 位手机号或如 0955-1234567 的固定电话');
    await refused({ contactName: '李四', phone: '13800138000', fillDate: '2026-02-30' }, 'fillDate', '填报日期必须是存在的日期（YYYY-MM-DD）');

    const before = await table(district);
    const first: TableSubmissionDto = (await submit(district, { contactName: ' 李四 ', phone: '0955-1234567' }).expect(201)).body;
    expect(first).toMatchObject({
      campaignId: campaign.id,
      unitId: district.id,
      state: 'submitted',
      unitName: '城东区',
      contactName: '李四',
      phone: '0955-1234567',
      fillDate: chinaDay(new Date(first.submittedAt)),
      submittedBy: { id: liaison.person.id, displayName: '联络员李四' },
      reviewedAt: null,
      reviewedBy: null,
      comment: null,
    });
    expect(first.snapshot).toEqual(before.items);
    expect((await table(district, 'unit', staff)).submission).toEqual(first);
    expect((await t.http().get(`${base(district)}/statistics/submission`).set('authorization', staff.auth).expect(200)).body).toEqual(first);

    // Closed: entries, their removal and answers wait, the committee's too; no second hand-in.
    const closed = { code: 'CONFLICT', message: '统计表已报送，正在等待审核，暂不能修改；如需修改，请联系安委办退回' };
    expect((await addEntry(district, 1).expect(409)).body.error).toEqual(closed);
    expect((await addEntry(district, 1, committee).expect(409)).body.error).toEqual(closed);
    expect((await answer(district, false).expect(409)).body.error).toEqual(closed);
    await t.http().delete(`${base(district)}/answers/${items[0].fields[2].id}`).set('authorization', liaison.auth).expect(409);
    const [entry] = (await t.http().get(`${base(district)}/manual-entries`).set('authorization', liaison.auth).expect(200)).body;
    await t.http().delete(`${base(district)}/manual-entries/${entry.id}`).set('authorization', liaison.auth).expect(409);
    expect((await submit(district, { contactName: '李四', phone: '13800138000' }).expect(409)).body.error.message).toBe('统计表已报送，正在等待审核');
    // Other units stay open.
    await addEntry(town, 2, townLiaison).expect(201);

    // A report accepted later counts in the live table, not in what was handed in.
    await accepted(district, items[0], []);
    expect((await table(district)).items[0].fields[0]).toMatchObject({ value: 4, fromReports: 1 });
    expect((await t.http().get(`${base(district)}/statistics/submission`).set('authorization', liaison.auth).expect(200)).body.snapshot).toEqual(before.items);

    // Returned with a comment: open again.
    expect((await review(district, { action: 'return' }).expect(400)).body.error.details).toEqual([{ field: 'comment', message: '请填写修改意见' }]);
    expect((await review(district, { action: 'reject', comment: 'x' }).expect(400)).body.error.details[0].field).toBe('action');
    t.advanceClock(60_000);
    const returned: TableSubmissionDto = (await review(district, { action: 'return', comment: ' 咨询场次偏少，请核实 ' }).expect(200)).body;
    expect(returned).toMatchObject({ state: 'returned', comment: '咨询场次偏少，请核实', reviewedBy: { id: committee.person.id, displayName: '安委办张三' }, snapshot: before.items });
    expect((await review(district, { action: 'accept' }).expect(409)).body.error.message).toBe('统计表已退回，等待重新报送');
    await addEntry(district, 2).expect(201);
    await answer(district, false).expect(200);

    // Handed in again: a new snapshot, a new time, the given date.
    t.advanceClock(60_000);
    const now = await table(district);
    const second: TableSubmissionDto = (await submit(district, { contactName: '李四', phone: '13800138000', fillDate: '2026-07-01' }).expect(201)).body;
    expect(Date.parse(second.submittedAt)).toBeGreaterThan(Date.parse(first.submittedAt));
    expect(second).toMatchObject({ state: 'submitted', fillDate: '2026-07-01', comment: null, reviewedBy: null });
    expect(second.snapshot).toEqual(now.items);
    expect(second.snapshot[0].fields[0]).toMatchObject({ value: 6, fromReports: 1, fromManualEntries: 5 });
    expect(second.snapshot[0].fields[2]).toMatchObject({ value: false });
    const history: TableSubmissionDto[] = (await t.http().get(`${base(district)}/statistics/submissions`).set('authorization', liaison.auth).expect(200)).body;
    expect(history.map((s) => [s.state, s.submittedAt, s.comment])).toEqual([
      ['submitted', second.submittedAt, null],
      ['returned', first.submittedAt, '咨询场次偏少，请核实'],
    ]);

    // Accepted: still closed; returned from there it opens again.
    expect((await review(district, { action: 'accept' }).expect(200)).body).toMatchObject({ state: 'accepted', reviewedBy: { id: committee.person.id } });
    expect((await review(district, { action: 'accept' }).expect(409)).body.error.message).toBe('统计表已经通过');
    expect((await addEntry(district, 1).expect(409)).body.error.message).toBe('统计表已通过审核，不能再修改；如需修改，请联系安委办退回');
    expect((await submit(district, { contactName: '李四', phone: '13800138000' }).expect(409)).body.error.message).toBe('统计表已通过审核；如需修改，请联系安委办退回');
    await review(district, { action: 'return', comment: '补充线下活动' }).expect(200);
    await addEntry(district, 1).expect(201);
    // Subtree sums carry no hand-in.
    expect((await table(district, 'subtree')).submission).toBeNull();
  });

  it('holds in the snapshot every entry that got in before the hand-in, and refuses every one after', async () => {
    const county = await newUnit(t, { parent: root, name: '某县', kind: 'district' });
    const countyLiaison = await newPerson(t, { role: 'liaison', unit: county });
    const amounts = [1, 2, 4, 8, 16, 32];
    const [submitted, ...entries] = await Promise.all([
      submit(county, { contactName: '赵七', phone: '13700137000' }, countyLiaison),
      ...amounts.map((amount) => addEntry(county, amount, countyLiaison)),
    ]);
    expect(submitted.status).toBe(201);
    expect(entries.map((e) => e.status).every((status) => status === 201 || status === 409)).toBe(true);
    const inBefore = amounts.filter((_, i) => entries[i].status === 201).reduce((sum, amount) => sum + amount, 0);
    const snapshot = (submitted.body as TableSubmissionDto).snapshot;
    expect(snapshot[0].fields[0]).toMatchObject({ value: inBefore, fromManualEntries: inBefore });
    expect((await table(county)).items).toEqual(snapshot);
  });

  it('lets only the unit\'s own liaison hand in, and only the committee over it review', async () => {
    const header = { contactName: '王五', phone: '13900139000' };
    // Staff and the committee see the unit but do not hand in its table; a liaison elsewhere or below does not see it.
    expect((await submit(west, header, staff).expect(404)).body.error.code).toBe('NOT_FOUND');
    const staffWest = await newPerson(t, { role: 'staff', unit: west });
    expect((await submit(west, header, staffWest).expect(403)).body.error.code).toBe('FORBIDDEN');
    await submit(west, header, committee).expect(403);
    await submit(west, header, liaison).expect(404);
    await submit(district, header, townLiaison).expect(404);
    // The organizing unit collects; it hands in nothing.
    const rootLiaison = await newPerson(t, { role: 'liaison', unit: root });
    expect((await submit(root, header, rootLiaison).expect(400)).body.error.message).toBe('组织单位无需向本活动报送统计表');

    await review(west, { action: 'accept' }).expect(404);
    await submit(west, header, westLiaison).expect(201);
    // The liaison does not review their own unit's table; the district's liaison does not see the west.
    expect((await review(west, { action: 'accept' }, westLiaison).expect(403)).body.error.code).toBe('FORBIDDEN');
    await review(west, { action: 'accept' }, liaison).expect(404);
    await review(west, { action: 'accept' }, staffWest).expect(403);
    await t.http().get(`${base(west)}/statistics/submission`).set('authorization', liaison.auth).expect(404);
    await t.http().get(`${base(west)}/statistics/submissions`).set('authorization', townLiaison.auth).expect(404);
    await review(west, { action: 'accept' }).expect(200);
  });

  it('keeps a report\'s evidence links, checked one by one', async () => {
    const problems = (await file(town, items[0], ['https://news.example.com/a', 'www.example.com', '', `https://a.cn/${'x'.repeat(500)}`]).expect(400)).body.error;
    expect(problems).toEqual({
      code: 'VALIDATION_FAILED',
      message: '第 2 个网址链接有误：网址应以 http:// 或 https:// 开头，例如 https://www.example.com/news/1',
      details: [
        { field: 'evidenceLinks.1', message: '网址应以 http:// 或 https:// 开头，例如 https://www.example.com/news/1' },
        { field: 'evidenceLinks.2', message: '请填写网址，或删除这一行' },
        { field: 'evidenceLinks.3', message: '网址最多 500 个字符' },
      ],
    });
    const six = Array.from({ length: 6 }, (_, i) => `https://example.com/${i}`);
    expect((await file(town, items[0], six).expect(400)).body.error.details).toContainEqual({ field: 'evidenceLinks', message: '每份报告最多 5 个网址链接' });
    expect((await file(town, items[0], [1]).expect(400)).body.error.details[0].field).toBe('evidenceLinks');
    expect((await file(town, items[0], 'https://example.com').expect(400)).body.error.details[0].field).toBe('evidenceLinks');

    // Kept trimmed, in order; none when left out; replaced by an edit.
    const made: ReportDto = (await file(town, items[0], [' https://b.example.com/2 ', 'http://a.example.com/1']).expect(201)).body;
    expect(made.evidenceLinks).toEqual(['https://b.example.com/2', 'http://a.example.com/1']);
    expect((await t.http().get(`/api/reports/${made.id}`).set('authorization', townLiaison.auth).expect(200)).body.evidenceLinks).toEqual([
      'https://b.example.com/2',
      'http://a.example.com/1',
    ]);
    expect((await file(town, items[0]).expect(201)).body.evidenceLinks).toEqual([]);
    const edited = await t
      .http()
      .put(`/api/reports/${made.id}`)
      .set('authorization', reporter.auth)
      .send({
        itemId: made.itemId,
        title: made.title,
        startAt: made.startAt,
        endAt: made.endAt,
        place: made.place,
        description: made.description,
        headcount: made.headcount,
        mediaIds: [],
        contributions: made.contributions.map((c) => ({ fieldId: c.fieldId, amount: c.amount })),
        evidenceLinks: ['https://c.example.com/3'],
      })
      .expect(200);
    expect(edited.body.evidenceLinks).toEqual(['https://c.example.com/3']);
  });

  it('shows with each item the links of its accepted reports, of the unit or the subtree, newest first', async () => {
    const [consult, press] = items;
    const waiting: ReportDto = (await file(district, consult, ['https://waiting.example.com/']).expect(201)).body;
    const a = await accepted(district, consult, ['https://a.example.com/1', 'https://a.example.com/2']);
    const b = await accepted(town, consult, ['https://b.example.com/1']);
    const c = await accepted(district, press, ['https://c.example.com/1']);
    const gone = await accepted(district, consult, ['https://gone.example.com/1']);
    await reviewReport(gone.id, 'return');
    const d = await accepted(district, consult, ['https://d.example.com/1']);
    const link = (report: ReportDto, url: string) => ({ reportId: report.id, reportTitle: report.title, url });

    const own = await table(district);
    expect(own.items.map((i) => i.evidence)).toEqual([
      [link(d, 'https://d.example.com/1'), link(a, 'https://a.example.com/1'), link(a, 'https://a.example.com/2')],
      [link(c, 'https://c.example.com/1')],
    ]);
    const sums = await table(district, 'subtree');
    expect(sums.items[0].evidence).toEqual([
      link(d, 'https://d.example.com/1'),
      link(b, 'https://b.example.com/1'),
      link(a, 'https://a.example.com/1'),
      link(a, 'https://a.example.com/2'),
    ]);
    expect((await table(town)).items[0].evidence).toEqual([link(b, 'https://b.example.com/1')]);
    // A report deleted takes its links with it.
    await t.http().delete(`/api/reports/${c.id}`).set('authorization', committee.auth).expect(204);
    expect((await table(district)).items[1].evidence).toEqual([]);
    // The waiting report's link shows once it is accepted.
    await reviewReport(waiting.id, 'accept');
    expect((await table(root, 'subtree')).items[0].evidence[0]).toEqual(link(waiting, 'https://waiting.example.com/'));

    // At most 20 per item, the newest.
    const many: ReportDto[] = [];
    for (let i = 0; i < 5; i++) many.push(await accepted(west, press, Array.from({ length: 5 }, (_, j) => `https://many.example.com/${i}/${j}`)));
    const shown = (await table(west)).items[1].evidence;
    expect(shown).toHaveLength(20);
    expect(shown[0]).toEqual(link(many[4], 'https://many.example.com/4/0'));
    expect(shown.map((l) => l.reportId)).not.toContain(many[0].id);
  });

  it("reads the tables of a page of units at once, each as the unit's own table answers", async () => {
    await addEntry(town, 4, townLiaison);
    await answer(town, false, townLiaison);
    const units = [root, district, town, west];
    const reader = { personId: committee.person.id, displayName: '', memberships: [{ unitId: root.id, unitPath: root.path, role: 'committee' as const }] };
    const tables = await t.app.get(StatisticsTableService).unitTables(reader, campaign.id);
    const read = await tables(units);
    // The units between them hold a submission, answers, manual entries and evidence links.
    expect(read.some((r) => r.submission) && read.some((r) => r.items.some((i) => i.evidence.length))).toBe(true);
    for (const [i, unit] of units.entries()) expect(read[i]).toEqual(await table(unit));
    expect(await tables([])).toEqual([]);
  });
});
