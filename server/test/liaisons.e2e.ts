import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { LiaisonRegistration } from '../src/liaisons/liaison-registration.entity';
import { Campaign } from '../src/campaigns/campaign.entity';
import { Unit } from '../src/units/unit.entity';
import { newCampaign, newPerson, newUnit, TestPerson } from './support/builders';
import { binaryBody, createTestApp, TestApp } from './support/test-app';

describe('liaison registrations, paged', () => {
  let t: TestApp;
  let root: Unit;
  let districts: Unit[];
  let units: Unit[];
  let campaign: Campaign;
  let committee: TestPerson;
  let liaisons: TestPerson[];
  let registrations: LiaisonRegistration[];

  /** 3 districts of 40 units each; two liaisons registered for each of the 123 units (246 rows). */
  beforeAll(async () => {
    t = await createTestApp();
    root = await newUnit(t, { name: '揭阳市安委办' });
    committee = await newPerson(t, { role: 'committee', unit: root });
    districts = [];
    units = [];
    for (let d = 0; d < 3; d++) {
      const district = await newUnit(t, { parent: root, name: `区${d}`, kind: 'district' });
      districts.push(district);
      units.push(district);
      for (let u = 0; u < 40; u++) units.push(await newUnit(t, { parent: district, name: `单位${d}-${u}` }));
    }
    campaign = await newCampaign(t, { organizer: root, maxLiaisonsPerUnit: 2 });
    liaisons = [await newPerson(t, { role: 'liaison', unit: districts[1] }), await newPerson(t, { role: 'liaison', unit: districts[2] })];
    const repository = t.app.get(DataSource).getRepository(LiaisonRegistration);
    registrations = units.flatMap((unit) =>
      liaisons.map((liaison, i) =>
        repository.create({ campaignId: campaign.id, unitId: unit.id, personId: liaison.person.id, values: { name: `联络员${i}`, unitName: unit.name } }),
      ),
    );
    await repository.insert(registrations);
  });
  afterAll(() => t.close());

  type Listed = { id: string; unit: { id: string }; personId: string };
  /** Every page of `query` as `person` sees it, with the totals each page told. */
  const everyPage = async (person: TestPerson, query: string) => {
    const items: Listed[] = [];
    const totals = new Set<number>();
    for (let page = 1; ; page++) {
      const body = (await t.http().get(`/api/campaigns/${campaign.id}/liaisons?${query}&page=${page}`).set('authorization', person.auth).expect(200)).body;
      totals.add(body.total);
      items.push(...body.items);
      if (body.items.length < body.size) return { items, totals: [...totals] };
    }
  };
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
  const pathOf = (unitId: string) => units.find((u) => u.id === unitId)?.path ?? '';

  it('pages through every registration for the committee, each once, in the order of the unit tree', async () => {
    const first = (await t.http().get(`/api/campaigns/${campaign.id}/liaisons`).set('authorization', committee.auth).expect(200)).body;
    expect([first.items.length, first.total, first.page, first.size]).toEqual([50, 246, 1, 50]);

    const { items, totals } = await everyPage(committee, 'size=40');
    expect(totals).toEqual([246]);
    expect(items).toHaveLength(246);
    expect(ids(items)).toEqual(ids(registrations));
    const paths = items.map((r) => pathOf(r.unit.id));
    expect(paths).toEqual([...paths].sort());
  });

  it('pages a liaison through the registrations of their own subtree only, or through their own', async () => {
    const below = (district: Unit) => registrations.filter((r) => pathOf(r.unitId).startsWith(district.path));
    const seen = await everyPage(liaisons[0], 'size=30');
    expect(seen.totals).toEqual([82]);
    expect(ids(seen.items)).toEqual(ids(below(districts[1])));

    const mine = await everyPage(liaisons[1], 'mine=true&size=15');
    expect(mine.totals).toEqual([41]);
    expect(ids(mine.items)).toEqual(ids(below(districts[2]).filter((r) => r.personId === liaisons[1].person.id)));
  });

  it('refuses a page size over the limit and a wrong mine, in Chinese', async () => {
    const bad = async (query: string) =>
      (await t.http().get(`/api/campaigns/${campaign.id}/liaisons?${query}`).set('authorization', committee.auth).expect(400)).body.error.details;
    expect(await bad('size=500')).toEqual([{ field: 'size', message: '每页最多 200 条' }]);
    expect(await bad('mine=yes')).toEqual([{ field: 'mine', message: 'mine 只能是 true 或 false' }]);
  });

  it('still exports every registration', async () => {
    const response = await t.http().get(`/api/campaigns/${campaign.id}/liaisons/export`).set('authorization', committee.auth)
      .buffer(true).parse(binaryBody).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body);
    // A title row and a header row, then one row per registration.
    expect(workbook.worksheets[0].rowCount).toBe(2 + 246);
  });
});
