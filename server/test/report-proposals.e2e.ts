import { ReportDto, StatisticsTableDto, StatisticsTableField, TableSubmissionDto } from '@safemonth/shared';
import { DataSource } from 'typeorm';
import { CampaignsService } from '../src/campaigns/campaigns.service';
import { StatisticsTableService } from '../src/statistics/statistics-table.service';
import { Unit } from '../src/units/unit.entity';
import { newCityTree, newPerson, newPublishedCampaign, newUnit, TestPerson } from './support/builders';
import { rowCounts } from './support/row-counts';
import { createTestApp, TestApp } from './support/test-app';

/** A published campaign and its items as the API shows them. */
type Plan = Awaited<ReturnType<typeof newPublishedCampaign>>;

describe('answers a report proposes to yes/no and text fields', () => {
  let t: TestApp;
  let root: Unit;
  let district: Unit;
  let town: Unit;
  let west: Unit;
  let committee: TestPerson;
  /** Files the reports the committee reviews: nobody reviews their own. */
  let reporter: TestPerson;
  let townLiaison: TestPerson;
  /** 宣传咨询日 (a count, a yes/no, a text) and 专题片 (a count, a yes/no). */
  let plan: Plan;
  let items: Plan['items'];
  let count: string;
  let yesNo: string;
  let text: string;
  /** The yes/no field of the other item. */
  let otherYesNo: string;

  beforeAll(async () => {
    t = await createTestApp();
    ({ root, district, town, west } = await newCityTree(t));
    committee = await newPerson(t, { role: 'committee', unit: root, displayName: '安委办张三' });
    reporter = await newPerson(t, { role: 'committee', unit: root });
    townLiaison = await newPerson(t, { role: 'liaison', unit: town });
    plan = await newPlan();
    items = plan.items;
    [count, yesNo, text] = items[0].fields.map((f) => f.id);
    otherYesNo = items[1].fields[1].id;
  });
  afterAll(() => t.close());

  /** A campaign of its own: each test that changes its items, or needs its units' tables untouched, makes one. */
  async function newPlan(): Promise<Plan> {
    return newPublishedCampaign(t, {
      organizer: root,
      reader: committee,
      items: [
        {
          title: '安全宣传咨询日',
          requirement: '开展安全宣传咨询活动',
          fieldText: '开展咨询活动（ ）场；发放宣传资料：是（ ）否（ ）；典型案例具体为（ ）',
          fields: [
            { kind: 'count', label: '开展咨询活动', unit: '场' },
            { kind: 'boolean', label: '发放宣传资料', unit: '' },
            { kind: 'text', label: '典型案例具体为', unit: '' },
          ],
        },
        {
          title: '观看专题片',
          requirement: '组织观看警示教育片',
          fieldText: '组织观看（ ）场；是否全员观看：是（ ）否（ ）',
          fields: [
            { kind: 'count', label: '组织观看', unit: '场' },
            { kind: 'boolean', label: '是否全员观看', unit: '' },
          ],
        },
      ],
    });
  }

  const base = (unit: Unit, of = plan) => `/api/campaigns/${of.campaign.id}/units/${unit.id}`;
  const table = async (unit: Unit, scope: 'unit' | 'subtree' = 'unit', of = plan): Promise<StatisticsTableDto> =>
    (await t.http().get(`${base(unit, of)}/statistics?scope=${scope}`).set('authorization', committee.auth).expect(200)).body;
  /** A field of the unit's table, by id. */
  const field = async (unit: Unit, fieldId: string, scope: 'unit' | 'subtree' = 'unit', of = plan): Promise<StatisticsTableField> =>
    (await table(unit, scope, of)).items.flatMap((i) => i.fields).find((f) => f.id === fieldId) as StatisticsTableField;
  const proposalsOf = async (unit: Unit, fieldId: string) => {
    const found = await field(unit, fieldId);
    return found.kind === 'count' ? undefined : found.proposals;
  };

  let key = 0;
  /** A report's input on the item (the plan's first unless told), proposing these answers (none when undefined). */
  const input = (proposedAnswers: unknown, itemId = items[0].id) => ({
    itemId,
    title: `宣传活动${++key}`,
    startAt: '2026-06-16T01:00:00.000Z',
    endAt: '2026-06-16T04:00:00.000Z',
    place: '人民广场',
    description: '',
    headcount: 10,
    mediaIds: [],
    contributions: [],
    ...(proposedAnswers === undefined ? {} : { proposedAnswers }),
  });
  /** Files a report for `unit` proposing these answers. */
  const file = (unit: Unit, proposedAnswers?: unknown, of = plan) =>
    t
      .http()
      .post('/api/reports')
      .set('authorization', reporter.auth)
      .send({ idempotencyKey: `proposal-${++key}-${Date.now()}`, campaignId: of.campaign.id, unitId: unit.id, ...input(proposedAnswers, of.items[0].id) });
  const edit = (id: string, proposedAnswers?: unknown, itemId?: string) =>
    t.http().put(`/api/reports/${id}`).set('authorization', reporter.auth).send(input(proposedAnswers, itemId));
  const review = (id: string, action: 'accept' | 'return') => {
    t.advanceClock(1000);
    return t.http().post(`/api/reports/${id}/review`).set('authorization', committee.auth).send({ action, comment: action === 'return' ? '请补充' : undefined }).expect(200);
  };
  const accepted = async (unit: Unit, proposedAnswers: unknown, of = plan): Promise<ReportDto> => {
    const report: ReportDto = (await file(unit, proposedAnswers, of).expect(201)).body;
    await review(report.id, 'accept');
    return report;
  };
  const proposal = (report: ReportDto, value: boolean | string) => ({ reportId: report.id, reportTitle: report.title, value });

  it('refuses proposals that do not fit the report\'s item, telling each by its place, and writes nothing', async () => {
    const before = await rowCounts(t);
    const refused = await file(district, [
      { fieldId: 'no-such-field', value: true },
      { fieldId: otherYesNo, value: true },
      { fieldId: count, value: true },
      { fieldId: yesNo, value: '是' },
      { fieldId: text, value: '   ' },
      { fieldId: yesNo, value: false },
    ]).expect(400);
    expect(refused.body.error).toEqual({
      code: 'VALIDATION_FAILED',
      message: '建议填报有误：统计项不属于所选活动项目',
      details: [
        { field: 'proposedAnswers.0.fieldId', message: '统计项不属于所选活动项目' },
        { field: 'proposedAnswers.1.fieldId', message: '统计项不属于所选活动项目' },
        { field: 'proposedAnswers.2.fieldId', message: '“开展咨询活动”是数量类统计项，请在统计数据中填写数量' },
        { field: 'proposedAnswers.3.value', message: '“发放宣传资料”是“是/否”项，只能选择“是”或“否”' },
        { field: 'proposedAnswers.4.value', message: '“典型案例具体为”是文字项，请填写文字' },
        { field: 'proposedAnswers.5.fieldId', message: '“发放宣传资料”只能建议一个答案' },
      ],
    });
    // A text proposal is held to the length of the liaison's text answers.
    expect((await file(district, [{ fieldId: text, value: '例'.repeat(501) }]).expect(400)).body.error.details).toEqual([
      { field: 'proposedAnswers.0.value', message: '答案最多 500 个字' },
    ]);
    await file(district, [{ fieldId: text, value: ` ${'例'.repeat(500)} ` }]).expect(201);
    // Shapes the request itself cannot take.
    const detail = async (proposed: unknown) => (await file(district, proposed).expect(400)).body.error.details[0];
    expect(await detail([{ fieldId: yesNo, value: 1 }])).toEqual({ field: 'proposedAnswers.0.value', message: '建议的答案只能选择“是”或“否”，或填写文字' });
    expect(await detail([{ fieldId: yesNo, value: null }])).toMatchObject({ field: 'proposedAnswers.0.value' });
    expect(await detail([{ fieldId: yesNo }])).toEqual({ field: 'proposedAnswers.0.value', message: '请填写建议的答案' });
    expect(await detail([{ fieldId: '', value: true }])).toEqual({ field: 'proposedAnswers.0.fieldId', message: '请选择统计项' });
    expect(await detail({ fieldId: yesNo, value: true })).toMatchObject({ field: 'proposedAnswers' });
    expect(await detail(Array.from({ length: 101 }, () => ({ fieldId: yesNo, value: true })))).toEqual({ field: 'proposedAnswers', message: '建议填报的项过多' });
    // Only the one with 500 characters was written.
    const after = await rowCounts(t);
    expect([after.report - before.report, after.proposed_answer - before.proposed_answer]).toEqual([1, 1]);

    // An edit goes through the same checks.
    const made: ReportDto = (await file(district).expect(201)).body;
    expect((await edit(made.id, [{ fieldId: otherYesNo, value: true }]).expect(400)).body.error.details).toEqual([
      { field: 'proposedAnswers.0.fieldId', message: '统计项不属于所选活动项目' },
    ]);
    // The other item's yes/no is the report's own once the report is on that item.
    const moved: ReportDto = (await edit(made.id, [{ fieldId: otherYesNo, value: true }], items[1].id).expect(200)).body;
    expect(moved.proposedAnswers).toEqual([{ fieldId: otherYesNo, label: '是否全员观看', value: true }]);
  });

  it('keeps the proposals with the report, trimmed, in the order of the item\'s fields, and replaces them on an edit', async () => {
    const made: ReportDto = (await file(town, [{ fieldId: text, value: ' 某企业违规动火作业 ' }, { fieldId: yesNo, value: false }]).expect(201)).body;
    const expected = [
      { fieldId: yesNo, label: '发放宣传资料', value: false },
      { fieldId: text, label: '典型案例具体为', value: '某企业违规动火作业' },
    ];
    expect(made.proposedAnswers).toEqual(expected);
    expect((await t.http().get(`/api/reports/${made.id}`).set('authorization', townLiaison.auth).expect(200)).body.proposedAnswers).toEqual(expected);
    const listed: ReportDto[] = (await t.http().get(`/api/campaigns/${plan.campaign.id}/reports?unitId=${town.id}`).set('authorization', townLiaison.auth).expect(200)).body.items;
    expect(listed.find((r) => r.id === made.id)?.proposedAnswers).toEqual(expected);
    expect((await file(town).expect(201)).body.proposedAnswers).toEqual([]);

    expect((await edit(made.id, [{ fieldId: yesNo, value: true }]).expect(200)).body.proposedAnswers).toEqual([{ fieldId: yesNo, label: '发放宣传资料', value: true }]);
    // Left out of an edit: none.
    expect((await edit(made.id).expect(200)).body.proposedAnswers).toEqual([]);
  });

  it('shows under each field the proposals of the unit\'s accepted reports only, newest first, leaving the answer alone', async () => {
    const unit = await newUnit(t, { parent: root, name: '城南区', kind: 'district' });
    const unitLiaison = await newPerson(t, { role: 'liaison', unit });
    const first: ReportDto = (await file(unit, [{ fieldId: yesNo, value: true }, { fieldId: text, value: '宣传片在市电视台播出' }]).expect(201)).body;
    // Waiting for review: not shown.
    expect(await field(unit, yesNo)).toMatchObject({ value: null, proposals: [] });
    expect(await proposalsOf(unit, text)).toEqual([]);

    await review(first.id, 'accept');
    // Shown, and the answer is still the liaison's to give.
    expect(await field(unit, yesNo)).toMatchObject({ value: null, yesUnits: 0, proposals: [proposal(first, true)] });
    expect(await field(unit, text)).toMatchObject({ value: null, answeredUnits: 0, proposals: [proposal(first, '宣传片在市电视台播出')] });
    // Only in the unit's own table: not in subtree sums, not in other units'.
    expect(await field(root, yesNo, 'subtree')).not.toHaveProperty('proposals');
    expect(await proposalsOf(district, yesNo)).toEqual([]);

    const second = await accepted(unit, [{ fieldId: yesNo, value: false }]);
    expect(await proposalsOf(unit, yesNo)).toEqual([proposal(second, false), proposal(first, true)]);

    // Returned: gone until accepted again; deleted: gone.
    await review(first.id, 'return');
    expect(await proposalsOf(unit, yesNo)).toEqual([proposal(second, false)]);
    expect(await proposalsOf(unit, text)).toEqual([]);
    const resent: ReportDto = (await edit(first.id, [{ fieldId: text, value: '改为：宣传片在网上播出' }]).expect(200)).body;
    expect(resent.status).toBe('submitted');
    expect(await proposalsOf(unit, text)).toEqual([]);
    await review(first.id, 'accept');
    expect(await proposalsOf(unit, text)).toEqual([proposal(resent, '改为：宣传片在网上播出')]);
    expect(await proposalsOf(unit, yesNo)).toEqual([proposal(second, false)]);
    await t.http().delete(`/api/reports/${second.id}`).set('authorization', committee.auth).expect(204);
    expect(await proposalsOf(unit, yesNo)).toEqual([]);

    // A few at most: the three newest.
    const many: ReportDto[] = [];
    for (let i = 0; i < 4; i++) many.push(await accepted(unit, [{ fieldId: yesNo, value: i % 2 === 0 }]));
    expect(await proposalsOf(unit, yesNo)).toEqual([proposal(many[3], false), proposal(many[2], true), proposal(many[1], false)]);

    // The liaison adopts one with the answer it proposes; the proposals stay listed.
    const answer = (fieldId: string, value: unknown) => t.http().put(`${base(unit)}/answers/${fieldId}`).set('authorization', unitLiaison.auth).send({ value });
    await answer(yesNo, true).expect(200);
    await answer(text, '改为：宣传片在网上播出').expect(200);
    expect(await field(unit, yesNo)).toMatchObject({ value: true, yesUnits: 1, proposals: [proposal(many[3], false), proposal(many[2], true), proposal(many[1], false)] });
    expect(await field(unit, text)).toMatchObject({ value: '改为：宣传片在网上播出', answeredUnits: 1 });

    // Not part of what is handed in: the snapshot keeps the answers, the table keeps showing the proposals.
    const submitted: TableSubmissionDto = (await t.http().post(`${base(unit)}/statistics/submission`).set('authorization', unitLiaison.auth).send({ contactName: '李四', phone: '13800138000' }).expect(201))
      .body;
    const snapshotYesNo = submitted.snapshot[0].fields.find((f) => f.id === yesNo);
    expect(snapshotYesNo).toMatchObject({ value: true, proposals: [] });
    expect(await proposalsOf(unit, yesNo)).toHaveLength(3);
  });

  it('drops the proposals of a field the campaign removes, and shows a proposal only under a field of its kind, in the report as in the table', async () => {
    const own = await newPlan();
    const [counted, removed, retyped] = own.items[0].fields;
    const proposing = await accepted(west, [{ fieldId: removed.id, value: true }, { fieldId: retyped.id, value: '案例' }], own);
    const [watched, everyone] = own.items[1].fields;
    const yesNoProposing: ReportDto = (
      await t
        .http()
        .post('/api/reports')
        .set('authorization', reporter.auth)
        .send({ idempotencyKey: `proposal-${++key}-${Date.now()}`, campaignId: own.campaign.id, unitId: west.id, ...input([{ fieldId: everyone.id, value: true }], own.items[1].id) })
        .expect(201)
    ).body;
    // The yes/no field removed, the text field made a yes/no one, the other item's yes/no field made a text one (none holds an answer).
    const fieldsOf = [
      [counted, { ...retyped, kind: 'boolean' as const, label: '有无典型案例' }],
      [watched, { ...everyone, kind: 'text' as const, label: '观看情况' }],
    ];
    await t.app.get(CampaignsService).replaceItems(own.campaign.id, {
      items: own.items.map((item, i) => ({
        id: item.id,
        title: `项目${i + 1}`,
        requirement: '',
        fieldText: '',
        fields: fieldsOf[i].map((f) => ({ id: f.id, kind: f.kind, label: f.label, unit: f.unit })),
      })),
    });
    // Text under a yes/no field, or yes/no under a text field, would be sent back by the report form, and refused.
    for (const report of [proposing, yesNoProposing]) {
      expect((await t.http().get(`/api/reports/${report.id}`).set('authorization', committee.auth).expect(200)).body.proposedAnswers).toEqual([]);
    }
    expect(await field(west, retyped.id, 'unit', own)).toMatchObject({ kind: 'boolean', proposals: [] });
  });

  it("reads the proposals of a page of units in one query, each unit's own as its table answers them", async () => {
    const own = await newPlan();
    const pageYesNo = own.items[0].fields[1].id;
    const inDistrict = await accepted(district, [{ fieldId: pageYesNo, value: true }], own);
    const inTown = await accepted(town, [{ fieldId: pageYesNo, value: false }], own);
    const reader = { personId: committee.person.id, displayName: '', memberships: [{ unitId: root.id, unitPath: root.path, role: 'committee' as const }] };
    const tables = await t.app.get(StatisticsTableService).unitTables(reader, own.campaign.id);
    const units = [root, district, town, west];
    const queries = jest.spyOn(t.app.get(DataSource).logger, 'logQuery');
    const read = await tables(units);
    const proposalReads = queries.mock.calls.filter(([sql]) => sql.includes('proposed_answer'));
    queries.mockRestore();
    expect(proposalReads).toHaveLength(1);
    expect(read.map((r) => r.items[0].fields.find((f) => f.id === pageYesNo))).toEqual([
      expect.objectContaining({ proposals: [] }),
      expect.objectContaining({ proposals: [proposal(inDistrict, true)] }),
      expect.objectContaining({ proposals: [proposal(inTown, false)] }),
      expect.objectContaining({ proposals: [] }),
    ]);
    for (const [i, unit] of units.entries()) expect(read[i]).toEqual(await table(unit, 'unit', own));
  });
});
