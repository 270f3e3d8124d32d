import fc from 'fast-check';
import { TransactionHost } from '@nestjs-cls/transactional';
import { CampaignDto, CountFieldValue, ManualEntryDto, StatisticsTableDto, StatisticsTableField } from '@safemonth/shared';
import { DataSource } from 'typeorm';
import { Campaign } from '../src/campaigns/campaign.entity';
import { CampaignsService } from '../src/campaigns/campaigns.service';
import { Report } from '../src/reports/report.entity';
import { ManualEntry } from '../src/statistics/manual-entry.entity';
import { Unit } from '../src/units/unit.entity';
import { UnitsService } from '../src/units/units.service';
import { CONSULTATION_DAY, newCampaign, newCityTree, newPerson, newReport, newUnit, TestPerson } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

/** A published campaign organized by `organizer` with one item of four fields: two counts, a yes/no and a text. */
async function campaignWithAllKinds(t: TestApp, organizer: Unit, participatingUnitIds?: string[]): Promise<Campaign> {
  const made = await newCampaign(t, { organizer, status: 'draft', participatingUnitIds });
  await campaigns(t).replaceItems(made.id, { items: [CONSULTATION_DAY] });
  await campaigns(t).publish(made.id);
  return campaigns(t).getEntity(made.id);
}

type Fields = CampaignDto['items'][number]['fields'];

const byId = (table: StatisticsTableDto) => new Map<string, StatisticsTableField>(table.items.flatMap((i) => i.fields).map((f) => [f.id, f]));

describe('statistics tables', () => {
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
  let fields: Fields;
  beforeAll(async () => {
    t = await createTestApp();
    ({ root, district, town, west } = await newCityTree(t));
    committee = await newPerson(t, { role: 'committee', unit: root });
    reporter = await newPerson(t, { role: 'committee', unit: root });
    liaison = await newPerson(t, { role: 'liaison', unit: district });
    townLiaison = await newPerson(t, { role: 'liaison', unit: town });
    westLiaison = await newPerson(t, { role: 'liaison', unit: west });
    staff = await newPerson(t, { role: 'staff', unit: district });
    campaign = await campaignWithAllKinds(t, root);
    fields = (await t.http().get(`/api/campaigns/${campaign.id}`).set('authorization', committee.auth).expect(200)).body.items[0].fields;
  });
  afterAll(() => t.close());

  const base = (run: Campaign, unit: Unit) => `/api/campaigns/${run.id}/units/${unit.id}`;
  const table = async (unit: Unit, scope: 'unit' | 'subtree' = 'unit', run = campaign, who = committee): Promise<StatisticsTableDto> =>
    (await t.http().get(`${base(run, unit)}/statistics?scope=${scope}`).set('authorization', who.auth).expect(200)).body;
  const addEntry = (unit: Unit, payload: object, who = liaison, run = campaign) =>
    t.http().post(`${base(run, unit)}/manual-entries`).set('authorization', who.auth).send(payload);
  const answer = (unit: Unit, fieldId: string, value: unknown, who = liaison, run = campaign) =>
    t.http().put(`${base(run, unit)}/answers/${fieldId}`).set('authorization', who.auth).send({ value });
  /** Files a report adding `headcount` people and one event to `unit`, and accepts it. */
  const accepted = async (unit: Unit, headcount: number, run = campaign) => {
    const report = await newReport(t, { campaign: run, unit, reporter, headcount });
    await t.http().post(`/api/reports/${report.id}/review`).set('authorization', committee.auth).send({ action: 'accept' }).expect(200);
    return report;
  };

  it('shows count fields as accepted contributions plus manual entries, each part on its own', async () => {
    const [events, people] = fields;
    const report = await accepted(district, 120);
    const entry: ManualEntryDto = (await addEntry(district, { fieldId: people.id, amount: 30, note: ' 线下培训 ' }).expect(201)).body;
    expect(entry).toMatchObject({ fieldId: people.id, amount: 30, note: '线下培训', createdBy: { id: liaison.person.id, displayName: liaison.person.displayName } });
    t.advanceClock(1000);
    await addEntry(district, { fieldId: events.id, amount: 2, note: '社区宣讲' }, committee).expect(201);

    const own = byId(await table(district));
    expect(own.get(events.id)).toEqual({ id: events.id, kind: 'count', label: '开展咨询活动', unit: '场', value: 3, fromReports: 1, fromManualEntries: 2 });
    expect(own.get(people.id)).toMatchObject({ kind: 'count', value: 150, fromReports: 120, fromManualEntries: 30 });
    // The unit's staff see the table, newest entries first in the list.
    const listed: ManualEntryDto[] = (await t.http().get(`${base(campaign, district)}/manual-entries`).set('authorization', staff.auth).expect(200)).body;
    expect(listed.map((e) => [e.fieldId, e.amount, e.note])).toEqual([
      [events.id, 2, '社区宣讲'],
      [people.id, 30, '线下培训'],
    ]);
    expect(byId(await table(district, 'unit', campaign, staff)).get(people.id)).toMatchObject({ value: 150 });

    // Removing the entry and returning the report take their parts back.
    await t.http().delete(`${base(campaign, district)}/manual-entries/${entry.id}`).set('authorization', liaison.auth).expect(204);
    await t.http().delete(`${base(campaign, district)}/manual-entries/${entry.id}`).set('authorization', liaison.auth).expect(404);
    await t.http().post(`/api/reports/${report.id}/review`).set('authorization', committee.auth).send({ action: 'return', comment: '照片不清楚' }).expect(200);
    const after = byId(await table(district));
    expect(after.get(people.id)).toMatchObject({ value: 0, fromReports: 0, fromManualEntries: 0 });
    expect(after.get(events.id)).toMatchObject({ value: 2, fromReports: 0, fromManualEntries: 2 });
    // The same numbers as the rows they come from.
    const dataSource = t.app.get(DataSource);
    const reports = await dataSource.getRepository(Report).findBy({ campaignId: campaign.id, unitId: district.id, status: 'accepted' });
    const entries = await dataSource.getRepository(ManualEntry).findBy({ campaignId: campaign.id, unitId: district.id });
    for (const field of [events, people]) {
      const fromReports = reports.flatMap((r) => r.additions).filter((a) => a.fieldId === field.id).reduce((sum, a) => sum + a.amount, 0);
      const fromEntries = entries.filter((e) => e.fieldId === field.id).reduce((sum, e) => sum + e.amount, 0);
      expect(after.get(field.id)).toMatchObject({ value: fromReports + fromEntries, fromReports, fromManualEntries: fromEntries });
    }
  });

  it('lets only the unit\'s liaison and the committee over it enter data, and checks what they enter', async () => {
    const [events, , yesNo] = fields;
    const entry = { fieldId: events.id, amount: 1, note: '演练' };
    // Staff of the unit see it, so they are refused; a liaison elsewhere or below does not even see it.
    expect((await addEntry(district, entry, staff).expect(403)).body.error.code).toBe('FORBIDDEN');
    expect((await addEntry(district, entry, westLiaison).expect(404)).body.error).toEqual({ code: 'NOT_FOUND', message: '单位不存在' });
    await addEntry(district, entry, townLiaison).expect(404);
    await answer(district, yesNo.id, true, staff).expect(403);
    await answer(district, yesNo.id, true, westLiaison).expect(404);
    await t.http().get(`${base(campaign, district)}/statistics`).set('authorization', westLiaison.auth).expect(404);
    expect((await t.http().get(`${base(campaign, district)}/statistics?scope=all`).set('authorization', liaison.auth).expect(400)).body.error.details).toEqual([
      { field: 'scope', message: '范围只能是 unit 或 subtree' },
    ]);

    const refused = async (payload: object, field: string) => {
      const body = (await addEntry(district, { ...entry, ...payload }).expect(400)).body;
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    };
    await refused({ amount: 0 }, 'amount');
    await refused({ amount: -5 }, 'amount');
    await refused({ amount: 1.5 }, 'amount');
    await refused({ note: '  ' }, 'note');
    await refused({ note: '长'.repeat(201) }, 'note');
    // A yes/no field takes an answer, not an amount.
    expect((await addEntry(district, { ...entry, fieldId: yesNo.id }).expect(400)).body.error.details).toEqual([
      { field: 'fieldId', message: '“发放宣传资料”不是数量类统计项，不能手工录入数量，请直接填写答案' },
    ]);
    // A field of another campaign is not this one's.
    const other = await campaignWithAllKinds(t, root);
    const otherField = (await t.app.get(CampaignsService).get(other.id, { personId: committee.person.id, displayName: '', memberships: [] })).items[0].fields[0];
    await addEntry(district, { ...entry, fieldId: otherField.id }).expect(404);
    // An entry is removed only through its own unit.
    const made: ManualEntryDto = (await addEntry(town, entry, townLiaison).expect(201)).body;
    await t.http().delete(`${base(campaign, district)}/manual-entries/${made.id}`).set('authorization', liaison.auth).expect(404);
    // The district's liaison sees the town's table but fills in only their own unit's.
    await t.http().delete(`${base(campaign, town)}/manual-entries/${made.id}`).set('authorization', liaison.auth).expect(403);
    await t.http().delete(`${base(campaign, town)}/manual-entries/${made.id}`).set('authorization', committee.auth).expect(204);
  });

  it('takes yes/no and text answers of the right kind only, and clears them', async () => {
    const run = await campaignWithAllKinds(t, root);
    const [events, , yesNo, text] = (await t.app.get(CampaignsService).get(run.id, { personId: committee.person.id, displayName: '', memberships: [] })).items[0].fields;
    const wrongKind = (await answer(district, events.id, true, liaison, run).expect(400)).body;
    expect(wrongKind.error).toEqual({
      code: 'VALIDATION_FAILED',
      message: '“开展咨询活动”是数量类统计项，由报告和手工录入累计，不能直接填写答案',
      details: [{ field: 'fieldId', message: '“开展咨询活动”是数量类统计项，由报告和手工录入累计，不能直接填写答案' }],
    });
    expect((await answer(district, yesNo.id, '是', liaison, run).expect(400)).body.error.details).toEqual([
      { field: 'value', message: '“发放宣传资料”是“是/否”项，只能选择“是”或“否”' },
    ]);
    expect((await answer(district, text.id, true, liaison, run).expect(400)).body.error.details[0].field).toBe('value');
    expect((await answer(district, text.id, '  ', liaison, run).expect(400)).body.error.details[0].field).toBe('value');
    expect((await answer(district, text.id, '案'.repeat(501), liaison, run).expect(400)).body.error.details[0].field).toBe('value');
    expect((await answer(district, yesNo.id, null, liaison, run).expect(400)).body.error.details[0].field).toBe('value');

    expect((await answer(district, yesNo.id, true, liaison, run).expect(200)).body).toMatchObject({ fieldId: yesNo.id, value: true, answeredBy: { id: liaison.person.id } });
    await answer(district, text.id, ' 某企业违规动火作业 ', liaison, run).expect(200);
    await answer(town, yesNo.id, false, townLiaison, run).expect(200);
    await answer(west, yesNo.id, true, committee, run).expect(200);
    const own = byId(await table(district, 'unit', run));
    expect(own.get(yesNo.id)).toEqual({ id: yesNo.id, kind: 'boolean', label: '发放宣传资料', unit: '', value: true, yesUnits: 1, proposals: [] });
    expect(own.get(text.id)).toMatchObject({ kind: 'text', value: '某企业违规动火作业', answeredUnits: 1 });
    expect(byId(await table(town, 'unit', run)).get(yesNo.id)).toMatchObject({ value: false, yesUnits: 0 });
    // "n of m units yes" over a subtree: the district and its town, then the whole tree.
    const districtSums = await table(district, 'subtree', run);
    expect(districtSums.units).toBe(2);
    expect(byId(districtSums).get(yesNo.id)).toMatchObject({ value: null, yesUnits: 1 });
    expect(byId(districtSums).get(text.id)).toMatchObject({ value: null, answeredUnits: 1 });
    const rootSums = await table(root, 'subtree', run);
    expect(rootSums.units).toBe(4);
    expect(byId(rootSums).get(yesNo.id)).toMatchObject({ yesUnits: 2 });

    // Yes becomes no, then cleared; the text is cleared.
    await answer(west, yesNo.id, false, committee, run).expect(200);
    await t.http().delete(`${base(run, district)}/answers/${yesNo.id}`).set('authorization', liaison.auth).expect(204);
    await t.http().delete(`${base(run, district)}/answers/${text.id}`).set('authorization', liaison.auth).expect(204);
    expect(byId(await table(district, 'unit', run)).get(yesNo.id)).toMatchObject({ value: null, yesUnits: 0 });
    const cleared = byId(await table(root, 'subtree', run));
    expect(cleared.get(yesNo.id)).toMatchObject({ yesUnits: 0 });
    expect(cleared.get(text.id)).toMatchObject({ answeredUnits: 0 });
    // Answered once, the fields hold data and stay in the campaign.
    const campaignDto: CampaignDto = (await t.http().get(`/api/campaigns/${run.id}`).set('authorization', committee.auth).expect(200)).body;
    expect(campaignDto.items[0].fields.map((f) => f.hasData)).toEqual([false, false, true, true]);
  });

  it('counts only the units that take part, and refuses entries where the campaign does not reach', async () => {
    const run = await campaignWithAllKinds(t, root, [district.id]);
    const [drills] = (await campaigns(t).get(run.id, { personId: committee.person.id, displayName: '', memberships: [] })).items[0].fields;
    expect((await table(root, 'subtree', run)).units).toBe(2);
    expect((await table(west, 'unit', run)).units).toBe(0);
    expect((await addEntry(west, { fieldId: drills.id, amount: 1, note: '演练' }, committee, run).expect(422)).body.error.message).toBe('该单位不在本活动的参与范围内');
    await addEntry(town, { fieldId: drills.id, amount: 4, note: '演练' }, townLiaison, run).expect(201);
    expect(byId(await table(root, 'subtree', run)).get(drills.id)).toMatchObject({ value: 4, fromManualEntries: 4 });
  });

  it('moves a unit\'s sums with it, from its old ancestors to its new ones', async () => {
    const run = await campaignWithAllKinds(t, root);
    const [events, , yesNo] = (await campaigns(t).get(run.id, { personId: committee.person.id, displayName: '', memberships: [] })).items[0].fields;
    const east = await newUnit(t, { parent: root, name: '东部片区', kind: 'district' });
    const westPart = await newUnit(t, { parent: root, name: '西部片区', kind: 'district' });
    const county = await newUnit(t, { parent: east, name: '某县', kind: 'district' });
    const village = await newUnit(t, { parent: county, name: '某镇', kind: 'district' });
    await accepted(village, 10, run);
    await addEntry(county, { fieldId: events.id, amount: 5, note: '线下' }, committee, run).expect(201);
    await answer(village, yesNo.id, true, committee, run).expect(200);
    const sums = async (unit: Unit) => byId(await table(unit, 'subtree', run));
    expect((await sums(east)).get(events.id)).toMatchObject({ value: 6, fromManualEntries: 5 });
    await t.http().post(`/api/units/${county.id}/move`).set('authorization', committee.auth).send({ parentId: westPart.id }).expect(201);
    expect((await sums(east)).get(events.id)).toMatchObject({ value: 0, fromManualEntries: 0 });
    expect((await sums(east)).get(yesNo.id)).toMatchObject({ yesUnits: 0 });
    expect((await sums(westPart)).get(events.id)).toMatchObject({ value: 6, fromReports: 1, fromManualEntries: 5 });
    expect((await sums(westPart)).get(yesNo.id)).toMatchObject({ yesUnits: 1 });
    expect((await sums(root)).get(events.id)).toMatchObject({ value: 6 });
    // A unit holding manual entries stays.
    const shop = await newUnit(t, { parent: westPart, name: '某商店', kind: 'enterprise' });
    await addEntry(shop, { fieldId: events.id, amount: 1, note: '线下' }, committee, run).expect(201);
    await t.http().delete(`/api/units/${shop.id}`).set('authorization', committee.auth).expect(409);
  });

  it('keeps every subtree\'s sums equal to the sum of its units\' tables, whatever the sequence of changes', async () => {
    type Step =
      | { kind: 'accept'; unit: number; amount: number }
      | { kind: 'return' | 'delete'; report: number }
      | { kind: 'entry'; unit: number; field: number; amount: number }
      | { kind: 'removeEntry'; entry: number }
      | { kind: 'answer'; unit: number; value: boolean | null }
      | { kind: 'move'; unit: number; parent: number };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant('accept' as const), unit: fc.nat(6), amount: fc.integer({ min: 1, max: 300 }) }),
      fc.record({ kind: fc.constantFrom('return' as const, 'delete' as const), report: fc.nat(6) }),
      fc.record({ kind: fc.constant('entry' as const), unit: fc.nat(6), field: fc.nat(1), amount: fc.integer({ min: 1, max: 50 }) }),
      fc.record({ kind: fc.constant('removeEntry' as const), entry: fc.nat(6) }),
      fc.record({ kind: fc.constant('answer' as const), unit: fc.nat(6), value: fc.constantFrom(true, false, null) }),
      fc.record({ kind: fc.constant('move' as const), unit: fc.nat(6), parent: fc.nat(6) }),
    );
    const property = fc.asyncProperty(
      // Parent of unit i + 1: one of the units before it (0 is the run's root).
      fc.array(fc.nat(), { minLength: 2, maxLength: 6 }).map((picks) => picks.map((pick, i) => pick % (i + 1))),
      fc.array(step, { minLength: 1, maxLength: 12 }),
      async (parents, steps) => {
        const runRoot = await newUnit(t, { name: `属性测试${Math.random().toString(36).slice(2, 10)}` });
        const runCommittee = await newPerson(t, { role: 'committee', unit: runRoot });
        const runReporter = await newPerson(t, { role: 'committee', unit: runRoot });
        const tree: Unit[] = [runRoot];
        for (const [i, parent] of parents.entries()) tree.push(await newUnit(t, { parent: tree[parent], name: `单位${i + 1}`, kind: 'district' }));
        const run = await campaignWithAllKinds(t, runRoot);
        const [events, people, yesNo] = (await campaigns(t).get(run.id, { personId: runCommittee.person.id, displayName: '', memberships: [] })).items[0].fields;
        const as = runCommittee.auth;
        const reports: Report[] = [];
        const entries: { unit: Unit; id: string }[] = [];
        const pick = <T>(list: T[], index: number) => list[index % list.length];
        for (const s of steps) {
          if (s.kind === 'accept') {
            const report = await newReport(t, { campaign: run, unit: pick(tree, s.unit), reporter: runReporter, headcount: s.amount });
            await t.http().post(`/api/reports/${report.id}/review`).set('authorization', as).send({ action: 'accept' }).expect(200);
            reports.push(report);
          } else if (s.kind === 'return' || s.kind === 'delete') {
            if (reports.length === 0) continue;
            const report = pick(reports, s.report);
            if (s.kind === 'delete') {
              await t.http().delete(`/api/reports/${report.id}`).set('authorization', as).expect(204);
              reports.splice(reports.indexOf(report), 1);
            } else {
              // A report already returned answers 409; either way it no longer counts.
              await t.http().post(`/api/reports/${report.id}/review`).set('authorization', as).send({ action: 'return', comment: '退回' });
            }
          } else if (s.kind === 'entry') {
            const unit = pick(tree, s.unit);
            const made = await t.http().post(`${base(run, unit)}/manual-entries`).set('authorization', as).send({ fieldId: [events, people][s.field].id, amount: s.amount, note: '线下' }).expect(201);
            entries.push({ unit, id: made.body.id });
          } else if (s.kind === 'removeEntry') {
            if (entries.length === 0) continue;
            const entry = pick(entries, s.entry);
            await t.http().delete(`${base(run, entry.unit)}/manual-entries/${entry.id}`).set('authorization', as).expect(204);
            entries.splice(entries.indexOf(entry), 1);
          } else if (s.kind === 'answer') {
            const path = `${base(run, pick(tree, s.unit))}/answers/${yesNo.id}`;
            if (s.value === null) await t.http().delete(path).set('authorization', as).expect(204);
            else await t.http().put(path).set('authorization', as).send({ value: s.value }).expect(200);
          } else if (s.kind === 'move') {
            const unit = pick(tree.slice(1), s.unit);
            const parent = pick(tree, s.parent);
            // Into its own subtree is refused (400); under its parent already, nothing changes.
            const moved = await t.http().post(`/api/units/${unit.id}/move`).set('authorization', as).send({ parentId: parent.id });
            expect([201, 400]).toContain(moved.status);
          }
        }
        const units = await t.app.get(UnitsService).findMany(tree.map((u) => u.id));
        const own = new Map<string, Map<string, StatisticsTableField>>();
        for (const unit of units) own.set(unit.id, byId(await table(unit, 'unit', run, runCommittee)));
        for (const unit of units) {
          const below = units.filter((u) => u.path.startsWith(unit.path));
          const sums = await table(unit, 'subtree', run, runCommittee);
          expect(sums.units).toBe(below.length);
          const summed = byId(sums);
          for (const field of [events, people]) {
            const parts = below.map((u) => own.get(u.id)?.get(field.id) as CountFieldValue);
            expect(summed.get(field.id)).toMatchObject({
              value: parts.reduce((sum, p) => sum + p.value, 0),
              fromManualEntries: parts.reduce((sum, p) => sum + p.fromManualEntries, 0),
            });
          }
          const yes = below.filter((u) => own.get(u.id)?.get(yesNo.id)?.value === true).length;
          expect(summed.get(yesNo.id)).toMatchObject({ yesUnits: yes });
        }
        // And each unit's own table is its accepted reports plus its manual entries.
        const dataSource = t.app.get(DataSource);
        for (const unit of units) {
          const acceptedAdditions = (await dataSource.getRepository(Report).findBy({ campaignId: run.id, unitId: unit.id, status: 'accepted' })).flatMap((r) => r.additions);
          const manual = await dataSource.getRepository(ManualEntry).findBy({ campaignId: run.id, unitId: unit.id });
          for (const field of [events, people]) {
            const fromReports = acceptedAdditions.filter((a) => a.fieldId === field.id).reduce((sum, a) => sum + a.amount, 0);
            const fromManualEntries = manual.filter((e) => e.fieldId === field.id).reduce((sum, e) => sum + e.amount, 0);
            expect(own.get(unit.id)?.get(field.id)).toMatchObject({ value: fromReports + fromManualEntries, fromReports, fromManualEntries });
          }
        }
      },
    );
    await fc.assert(property, { numRuns: 15 });
  }, 600_000);

  it('ends concurrent accepts and entries in sibling units with exact totals, without a deadlock', async () => {
    // A fresh campaign: the common ancestors' rows do not exist yet, and are made by the racers.
    const run = await campaignWithAllKinds(t, root);
    const [events, people] = (await campaigns(t).get(run.id, { personId: committee.person.id, displayName: '', memberships: [] })).items[0].fields;
    const region = await newUnit(t, { parent: root, name: '并发片区', kind: 'district' });
    const siblings: Unit[] = [];
    for (let i = 0; i < 6; i++) siblings.push(await newUnit(t, { parent: region, name: `并发单位${i}`, kind: 'enterprise' }));
    const filed: Report[] = [];
    for (const unit of siblings) for (let i = 0; i < 3; i++) filed.push(await newReport(t, { campaign: run, unit, reporter, headcount: 10 + i }));
    // Each request is one transaction: a deadlock (or a lock wait timeout) would run one again.
    const transactions = jest.spyOn(t.app.get(TransactionHost), 'withTransaction');
    const answers = await Promise.all([
      ...filed.map((r) => t.http().post(`/api/reports/${r.id}/review`).set('authorization', committee.auth).send({ action: 'accept' })),
      ...siblings.map((unit) => addEntry(unit, { fieldId: people.id, amount: 7, note: '线下' }, committee, run)),
    ]);
    expect(answers.map((a) => a.status).filter((s) => s !== 200 && s !== 201)).toEqual([]);
    expect(transactions).toHaveBeenCalledTimes(answers.length);
    transactions.mockRestore();
    const headcounts = filed.reduce((sum, r) => sum + r.headcount, 0);
    for (const unit of [region, root]) {
      const sums = byId(await table(unit, 'subtree', run));
      expect(sums.get(events.id)).toMatchObject({ value: filed.length, fromReports: filed.length });
      expect(sums.get(people.id)).toMatchObject({ value: headcounts + 7 * siblings.length, fromManualEntries: 7 * siblings.length });
    }
    for (const unit of siblings) {
      expect(byId(await table(unit, 'unit', run)).get(people.id)).toMatchObject({ value: 10 + 11 + 12 + 7 });
    }
  });

  it("keeps the yes-count exact when one unit's answers to one field race, and clears race them", async () => {
    const run = await campaignWithAllKinds(t, root);
    const [, , yesNo, text] = (await campaigns(t).get(run.id, { personId: committee.person.id, displayName: '', memberships: [] })).items[0].fields;
    const region = await newUnit(t, { parent: root, name: '并发答题单位', kind: 'district' });
    const regionLiaison = await newPerson(t, { role: 'liaison', unit: region });
    // Each waits for the unit's lock while others commit: it must count against the answer the last one left.
    const race = (values: (boolean | string | null)[], fieldId: string) =>
      Promise.all(
        values.map((value) =>
          value === null
            ? t.http().delete(`${base(run, region)}/answers/${fieldId}`).set('authorization', regionLiaison.auth)
            : answer(region, fieldId, value, regionLiaison, run),
        ),
      );
    for (const values of [
      [true, true, false, true, true, false, true, true],
      [false, true, null, true, false, null, true, true],
    ]) {
      const answered = await race(values, yesNo.id);
      expect(answered.map((a) => a.status).filter((s) => s !== 200 && s !== 204)).toEqual([]);
      const yes = Number(byId(await table(region, 'unit', run)).get(yesNo.id)?.value === true);
      for (const unit of [region, root]) expect(byId(await table(unit, 'subtree', run)).get(yesNo.id)).toMatchObject({ yesUnits: yes });
    }
    const texts = await race(['甲', '乙', null, '丙', '丁', null, '戊'], text.id);
    expect(texts.map((a) => a.status).filter((s) => s !== 200 && s !== 204)).toEqual([]);
    const answeredUnits = Number(byId(await table(region, 'unit', run)).get(text.id)?.value !== null);
    expect(byId(await table(root, 'subtree', run)).get(text.id)).toMatchObject({ answeredUnits });
  });

  it('removes a manual entry once when its removals race, subtracting it once', async () => {
    const run = await campaignWithAllKinds(t, root);
    const [, people] = (await campaigns(t).get(run.id, { personId: committee.person.id, displayName: '', memberships: [] })).items[0].fields;
    const region = await newUnit(t, { parent: root, name: '并发删除单位', kind: 'district' });
    await addEntry(region, { fieldId: people.id, amount: 5, note: '保留' }, committee, run).expect(201);
    const entry: ManualEntryDto = (await addEntry(region, { fieldId: people.id, amount: 7, note: '重复删除' }, committee, run).expect(201)).body;
    const removals = await Promise.all(
      Array.from({ length: 6 }, () => t.http().delete(`${base(run, region)}/manual-entries/${entry.id}`).set('authorization', committee.auth)),
    );
    expect(removals.map((r) => r.status).sort()).toEqual([204, 404, 404, 404, 404, 404]);
    for (const [unit, scope] of [[region, 'unit'], [region, 'subtree'], [root, 'subtree']] as const) {
      expect(byId(await table(unit, scope, run)).get(people.id)).toMatchObject({ value: 5, fromManualEntries: 5 });
    }
  });

  it('keeps the sums right when moves race accepts and entries in the moved subtree and beside it', async () => {
    const run = await campaignWithAllKinds(t, root);
    const [events, people, yesNo] = (await campaigns(t).get(run.id, { personId: committee.person.id, displayName: '', memberships: [] })).items[0].fields;
    const east = await newUnit(t, { parent: root, name: '东区（移动）', kind: 'district' });
    const westSide = await newUnit(t, { parent: root, name: '西区（移动）', kind: 'district' });
    const county = await newUnit(t, { parent: east, name: '县（移动）', kind: 'district' });
    const below = [await newUnit(t, { parent: county, name: '镇甲' }), await newUnit(t, { parent: county, name: '镇乙' })];
    const beside = [await newUnit(t, { parent: east, name: '镇丙' }), await newUnit(t, { parent: westSide, name: '镇丁' })];
    const transactions = jest.spyOn(t.app.get(TransactionHost), 'withTransaction');
    let requests = 0;
    for (let round = 0; round < 4; round++) {
      const filed = await Promise.all([...below, ...beside].map((unit) => newReport(t, { campaign: run, unit, reporter, headcount: 5 + round })));
      transactions.mockClear();
      const answers = await Promise.all([
        t.http().post(`/api/units/${county.id}/move`).set('authorization', committee.auth).send({ parentId: round % 2 ? east.id : westSide.id }),
        ...filed.map((r) => t.http().post(`/api/reports/${r.id}/review`).set('authorization', committee.auth).send({ action: 'accept' })),
        ...[...below, ...beside].map((unit) => addEntry(unit, { fieldId: events.id, amount: 2, note: '线下' }, committee, run)),
        answer(below[round % 2], yesNo.id, round % 3 === 0, committee, run),
      ]);
      expect(answers.map((a) => a.status).filter((status) => status >= 300)).toEqual([]);
      requests = answers.length;
      // None ran again after a deadlock.
      expect(transactions).toHaveBeenCalledTimes(requests);
    }
    transactions.mockRestore();
    const units = await t.app.get(UnitsService).findMany([root, east, westSide, county, ...below, ...beside].map((u) => u.id));
    const own = new Map<string, Map<string, StatisticsTableField>>();
    for (const unit of units) own.set(unit.id, byId(await table(unit, 'unit', run)));
    for (const unit of units) {
      const summed = byId(await table(unit, 'subtree', run));
      const inside = units.filter((u) => u.path.startsWith(unit.path));
      for (const field of [events, people]) {
        const total = inside.reduce((sum, u) => sum + (own.get(u.id)?.get(field.id) as CountFieldValue).value, 0);
        expect(summed.get(field.id)).toMatchObject({ value: total });
      }
      expect(summed.get(yesNo.id)).toMatchObject({ yesUnits: inside.filter((u) => own.get(u.id)?.get(yesNo.id)?.value === true).length });
    }
    expect(byId(await table(root, 'subtree', run)).get(events.id)).toMatchObject({ value: 4 * 4 * (1 + 2) });
  });
});

const campaigns = (t: TestApp) => t.app.get(CampaignsService);
