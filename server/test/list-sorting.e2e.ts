import { Page, ReportDto, UnitDto, UnitMemberDto } from '@safemonth/shared';
import { Database } from '../src/database/database.service';
import { Membership } from '../src/people/membership.entity';
import { Unit } from '../src/units/unit.entity';
import { UnitsService } from '../src/units/units.service';
import { newCampaign, newPerson, newUnit, TestPerson } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

/** `rows` ordered by `key`, ties by id: the order the API promises. */
function orderedBy<T>(rows: T[], key: (row: T) => string | number, id: (row: T) => string): T[] {
  const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows].sort((a, b) => compare(key(a), key(b)) || compare(id(a), id(b)));
}

describe('sorted lists', () => {
  let t: TestApp;
  let root: Unit;
  let district: Unit;
  let otherDistrict: Unit;
  let town: Unit;
  let committee: TestPerson;
  beforeAll(async () => {
    t = await createTestApp();
    root = await newUnit(t, { name: '市安委办' });
    district = await newUnit(t, { parent: root, name: '城东区', kind: 'district' });
    otherDistrict = await newUnit(t, { parent: root, name: '城西区', kind: 'district' });
    town = await newUnit(t, { parent: district, name: '城东街道', kind: 'district' });
    committee = await newPerson(t, { role: 'committee', unit: root });
  });
  afterAll(() => t.close());

  /** Every row of a list, read `size` at a time, each page checked to carry the same total. */
  async function everyPage<T>(path: string, size: number): Promise<T[]> {
    const rows: T[] = [];
    let total: number | undefined;
    for (let page = 1; ; page++) {
      const answer: Page<T> = (await t.http().get(`${path}${path.includes('?') ? '&' : '?'}page=${page}&size=${size}`).set('authorization', committee.auth).expect(200)).body;
      total ??= answer.total;
      expect(answer.total).toBe(total);
      if (answer.items.length === 0) break;
      rows.push(...answer.items);
    }
    expect(rows.length).toBe(total);
    return rows;
  }

  const refusal = async (path: string) => (await t.http().get(path).set('authorization', committee.auth).expect(400)).body.error;

  describe('the report list', () => {
    let path: string;
    let reports: ReportDto[];
    beforeAll(async () => {
      const campaign = await newCampaign(t, { organizer: root });
      path = `/api/campaigns/${campaign.id}/reports`;
      const itemId = (await t.http().get(`/api/campaigns/${campaign.id}`).set('authorization', committee.auth).expect(200)).body.items[0].id;
      const file = async (unit: Unit, title: string, day: string) => {
        const reporter = await newPerson(t, { role: 'staff', unit });
        return (
          await t.http().post('/api/reports').set('authorization', reporter.auth).send({
            idempotencyKey: `sort-${Math.random().toString(36).slice(2, 12)}`,
            campaignId: campaign.id,
            unitId: unit.id,
            itemId,
            title,
            startAt: `2026-06-${day}T01:00:00.000Z`,
            endAt: `2026-06-${day}T04:00:00.000Z`,
            place: '人民广场',
            description: '',
            headcount: 10,
            mediaIds: [],
            contributions: [],
          }).expect(201)
        ).body as ReportDto;
      };
      // Three reports of one title, two of one unit and two of one day: ties that fall across pages of two.
      const drill = await file(district, '应急演练', '20');
      const returned = await file(town, '安全宣传咨询日', '16');
      await file(otherDistrict, '安全宣传咨询日', '15');
      await file(district, '安全宣传咨询日', '18');
      await file(town, '隐患排查', '16');
      await t.http().post(`/api/reports/${drill.id}/review`).set('authorization', committee.auth).send({ action: 'accept' }).expect(200);
      await t.http().post(`/api/reports/${returned.id}/review`).set('authorization', committee.auth).send({ action: 'return', comment: '请补充照片' }).expect(200);
      reports = await everyPage<ReportDto>(path, 200);
    });

    const STATUS_RANK = { submitted: 0, returned: 1, accepted: 2 };
    const keys: Record<string, (r: ReportDto) => string | number> = {
      submittedAt: (r) => r.createdAt,
      startAt: (r) => r.startAt,
      status: (r) => STATUS_RANK[r.status],
      unit: (r) => r.unit.name,
      title: (r) => r.title,
    };
    const ids = (rows: ReportDto[]) => rows.map((r) => r.id);

    it('is newest first by default', async () => {
      expect(ids(reports)).toEqual(ids(orderedBy(reports, keys.submittedAt, (r) => r.id)).reverse());
      expect(ids(await everyPage<ReportDto>(`${path}?sort=submittedAt&order=desc`, 2))).toEqual(ids(reports));
    });

    it.each(Object.keys(keys))('sorts by %s both ways, ties by id, paging neither repeating nor skipping a report', async (sort) => {
      const ascending = ids(orderedBy(reports, keys[sort], (r) => r.id));
      expect(ids(await everyPage<ReportDto>(`${path}?sort=${sort}&order=asc`, 2))).toEqual(ascending);
      expect(ids(await everyPage<ReportDto>(`${path}?sort=${sort}`, 2))).toEqual(ascending);
      expect(ids(await everyPage<ReportDto>(`${path}?sort=${sort}&order=desc`, 2))).toEqual([...ascending].reverse());
    });

    it('sorts the status by the review\'s course and the unit by its name, with the filters', async () => {
      const statuses = (await everyPage<ReportDto>(`${path}?sort=status`, 50)).map((r) => r.status);
      expect(statuses).toEqual(['submitted', 'submitted', 'submitted', 'returned', 'accepted']);
      const units = (await everyPage<ReportDto>(`${path}?sort=unit&order=desc&unitId=${district.id}`, 50)).map((r) => r.unit.name);
      expect(units).toEqual(['城东街道', '城东街道', '城东区', '城东区']);
    });

    it('refuses an order it does not know, saying why in Chinese', async () => {
      expect(await refusal(`${path}?sort=createdAt`)).toEqual({
        code: 'VALIDATION_FAILED',
        message: '请求参数有误（sort：排序字段无效）',
        details: [{ field: 'sort', message: '排序字段无效' }],
      });
      expect((await refusal(`${path}?sort=title&order=up`)).details).toEqual([{ field: 'order', message: '排序方向只能是 asc 或 desc' }]);
      expect((await refusal(`${path}?sort=title&sort=unit`)).details).toEqual([{ field: 'sort', message: '排序字段无效' }]);
    });
  });

  describe('the unit list', () => {
    let path: string;
    beforeAll(async () => {
      // The same name under two parents: a tie.
      await newUnit(t, { parent: district, name: '安全科' });
      await newUnit(t, { parent: otherDistrict, name: '安全科' });
      path = `/api/units?under=${root.id}`;
    });

    it('keeps the tree order by default, and sorts by name both ways, ties by id', async () => {
      const tree = await everyPage<UnitDto>(path, 200);
      // Parents before their subtrees.
      tree.forEach((unit, i) => expect(unit.parentId === null || tree.slice(0, i).some((u) => u.id === unit.parentId)).toBe(true));
      expect(tree.map((u) => u.id)).toEqual((await everyPage<UnitDto>(`${path}&sort=path&order=asc`, 2)).map((u) => u.id));
      const byName = orderedBy(tree, (u) => u.name, (u) => u.id).map((u) => u.id);
      expect((await everyPage<UnitDto>(`${path}&sort=name`, 2)).map((u) => u.id)).toEqual(byName);
      expect((await everyPage<UnitDto>(`${path}&sort=name&order=desc`, 2)).map((u) => u.id)).toEqual([...byName].reverse());
    });

    it('refuses an order it does not know', async () => {
      expect((await refusal(`${path}&sort=kind`)).details).toEqual([{ field: 'sort', message: '排序字段无效' }]);
      expect((await refusal(`${path}&order=ASC`)).details).toEqual([{ field: 'order', message: '排序方向只能是 asc 或 desc' }]);
    });

    it('pages by a cursor in ascending tree order only: any other order is a mistake of the caller', async () => {
      const units = t.app.get(UnitsService);
      const scopes = [{ path: root.path, subtree: true }];
      const [first, ...rest] = (await units.list(scopes, { size: 100 })).items;
      expect((await units.list(scopes, { after: first.path, sort: 'path', order: 'asc', size: 100 })).items.map((u) => u.id)).toEqual(rest.map((u) => u.id));
      for (const order of [{ sort: 'name' as const }, { sort: 'name' as const, order: 'asc' as const }, { order: 'desc' as const }]) {
        await expect(units.list(scopes, { after: first.path, ...order })).rejects.toThrow('ascending path order only');
      }
    });
  });

  describe('the member list', () => {
    let unit: Unit;
    let path: string;
    beforeAll(async () => {
      unit = await newUnit(t, { parent: root, name: '城南区', kind: 'district' });
      await newPerson(t, { role: 'staff', unit, displayName: '王五' });
      await newPerson(t, { role: 'liaison', unit, displayName: '张三' });
      await newPerson(t, { role: 'staff', unit, displayName: '李四' });
      await newPerson(t, { role: 'staff', unit, displayName: '李四' });
      path = `/api/units/${unit.id}/members`;
    });
    const joined = async () => {
      const memberships = await t.app.get(Database).repository(Membership).findBy({ unitId: unit.id });
      return new Map(memberships.map((m) => [m.id, m.createdAt.getTime()]));
    };

    it('lists by role by default, and sorts by name or joining both ways, ties by id', async () => {
      const first = await everyPage<UnitMemberDto>(path, 200);
      const at = await joined();
      const id = (m: UnitMemberDto) => m.membershipId;
      const orders = {
        role: orderedBy(orderedBy(first, (m) => at.get(m.membershipId) as number, id), (m) => m.role, () => '').map(id),
        name: orderedBy(first, (m) => m.person.displayName, id).map(id),
        joinedAt: orderedBy(first, (m) => at.get(m.membershipId) as number, id).map(id),
      };
      expect(first.map(id)).toEqual(orders.role);
      expect(first.map((m) => m.person.displayName)).toEqual(['张三', ...first.slice(1).map((m) => m.person.displayName)]);
      for (const [sort, ascending] of Object.entries(orders)) {
        expect((await everyPage<UnitMemberDto>(`${path}?sort=${sort}`, 2)).map(id)).toEqual(ascending);
        expect((await everyPage<UnitMemberDto>(`${path}?sort=${sort}&order=desc`, 2)).map(id)).toEqual([...ascending].reverse());
      }
      expect((await everyPage<UnitMemberDto>(`${path}?sort=name`, 2)).map((m) => m.person.displayName)).toEqual(['张三', '李四', '李四', '王五']);
    });

    it('refuses an order it does not know', async () => {
      expect((await refusal(`${path}?sort=phone`)).details).toEqual([{ field: 'sort', message: '排序字段无效' }]);
    });
  });
});
