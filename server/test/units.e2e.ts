import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from './support/gb18030';
import { newCampaign, newPerson, newReport, newUnit, TestPerson } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';
import { DataSource, Like } from 'typeorm';
import { UnitKind } from '@safemonth/shared';
import { Unit } from '../src/units/unit.entity';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name));

describe('units', () => {
  let t: TestApp;
  let root: Unit;
  let committee: TestPerson;
  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    root = await newUnit(t, { name: `市安委办${Math.random()}` });
    committee = await newPerson(t, { role: 'committee', unit: root });
  });
  afterAll(() => t.close());

  /** The first page's units. */
  const list = async (query: string) =>
    (await t.http().get(`/api/units${query}`).set('authorization', committee.auth).expect(200)).body.items as { name: string; depth: number; parentId: string }[];
  /** Names and depths, parents before their children but siblings in no particular order: sorted by name within a depth. */
  const byDepth = (units: { name: string; depth: number }[]) =>
    units.map((u) => [u.name, u.depth] as const).sort(([a, da], [b, db]) => da - db || a.localeCompare(b));

  it('creates, renames and lists a subtree, parents before their children', async () => {
    const district = await t.http().post('/api/units').set('authorization', committee.auth)
      .send({ name: '西城区', kind: 'district', parentId: root.id }).expect(201);
    expect(district.body).toMatchObject({ name: '西城区', kind: 'district', parentId: root.id, depth: 1, code: null });
    await t.http().post('/api/units').set('authorization', committee.auth).send({ name: '东城区', kind: 'district', parentId: root.id, code: 'DC' }).expect(201);
    await t.http().post('/api/units').set('authorization', committee.auth).send({ name: '西城化工', kind: 'enterprise', parentId: district.body.id }).expect(201);
    const renamed = await t.http().patch(`/api/units/${district.body.id}`).set('authorization', committee.auth).send({ name: '西城新区' }).expect(200);
    expect(renamed.body.name).toBe('西城新区');
    const listed = await list(`?under=${root.id}`);
    expect(byDepth(listed)).toEqual([
      [root.name, 0],
      ['东城区', 1],
      ['西城新区', 1],
      ['西城化工', 2],
    ]);
    expect(listed.findIndex((u) => u.name === '西城新区')).toBeLessThan(listed.findIndex((u) => u.name === '西城化工'));
  });

  it('changes a unit\'s kind, but never to or from the committee at the top', async () => {
    const district = await newUnit(t, { parent: root, name: '西城区', kind: 'district' });
    const patch = (id: string, kind: string) => t.http().patch(`/api/units/${id}`).set('authorization', committee.auth).send({ kind });
    expect((await patch(district.id, 'department').expect(200)).body.kind).toBe('department');
    const up = await patch(district.id, 'committee').expect(400);
    expect(up.body.error.details).toEqual([{ field: 'kind', message: '单位类型不能如此更改' }]);
    await patch(root.id, 'district').expect(400);
    expect((await patch(root.id, 'committee').expect(200)).body.kind).toBe('committee');
  });

  it('searches by name within what the caller may see, with % and _ taken literally', async () => {
    await newUnit(t, { parent: root, name: '化工一厂' });
    await newUnit(t, { parent: root, name: '100%_安全' });
    const elsewhere = await newUnit(t);
    await newUnit(t, { parent: elsewhere, name: '化工二厂' });
    expect((await list('?q=化工')).map((u) => u.name)).toEqual(['化工一厂']);
    expect((await list('?q=%25_')).map((u) => u.name)).toEqual(['100%_安全']);
    expect(await list('?q=%25%25')).toEqual([]);
  });

  it('refuses a duplicate name under the same parent and a duplicate code anywhere', async () => {
    await newUnit(t, { parent: root, name: '重名单位', code: `C${root.id.slice(0, 8)}` });
    const sameName = await t.http().post('/api/units').set('authorization', committee.auth).send({ name: '重名单位', kind: 'school', parentId: root.id }).expect(409);
    expect(sameName.body.error).toMatchObject({ code: 'CONFLICT', message: '同一上级下已有名为“重名单位”的单位' });
    const sameCode = await t.http().post('/api/units').set('authorization', committee.auth)
      .send({ name: '另一个', kind: 'school', parentId: root.id, code: `C${root.id.slice(0, 8)}` }).expect(409);
    expect(sameCode.body.error.message).toContain('已被使用');
  });

  it('lists a unit\'s move targets: everything but the unit and its subtree', async () => {
    const district = await newUnit(t, { parent: root, name: '西城区', kind: 'district' });
    const plant = await newUnit(t, { parent: district, name: '西城化工' });
    await newUnit(t, { parent: plant, name: '一车间' });
    await newUnit(t, { parent: root, name: '东城区', kind: 'district' });
    expect((await list(`?under=${root.id}&outside=${district.id}`)).map((u) => u.name).sort()).toEqual([root.name, '东城区'].sort());
    expect((await list(`?under=${root.id}&outside=${plant.id}&q=区`)).map((u) => u.name).sort()).toEqual(['东城区', '西城区'].sort());
    // A unit of another tree is missing to the caller, as everywhere.
    const elsewhere = await t.http().get(`/api/units?under=${root.id}&outside=${(await newUnit(t)).id}`).set('authorization', committee.auth).expect(404);
    expect(elsewhere.body).toEqual({ error: { code: 'NOT_FOUND', message: '单位不存在' } });
  });

  describe('removing a unit', () => {
    const remove = (id: string, auth = committee.auth) => t.http().delete(`/api/units/${id}`).set('authorization', auth);
    const exists = async (id: string) => (await t.app.get(DataSource).getRepository(Unit).countBy({ id })) === 1;

    it('removes an empty unit, with its invites', async () => {
      const district = await newUnit(t, { parent: root, name: '西城区', kind: 'district' });
      const empty = await newUnit(t, { parent: district, name: '空单位' });
      await t.http().post('/api/invites').set('authorization', committee.auth).send({ unitId: empty.id, role: 'staff', expiresInHours: 24, maxUses: 1 }).expect(201);
      await remove(empty.id).expect(204);
      expect(await exists(empty.id)).toBe(false);
      expect((await list(`?under=${root.id}`)).map((u) => u.name).sort()).toEqual([root.name, '西城区'].sort());
      // Then its parent is empty too.
      await remove(district.id).expect(204);
      expect((await remove(district.id).expect(404)).body).toEqual({ error: { code: 'NOT_FOUND', message: '单位不存在' } });
    });

    it('refuses a unit with units under it, or members', async () => {
      const district = await newUnit(t, { parent: root, name: '西城区', kind: 'district' });
      await newUnit(t, { parent: district, name: '西城化工' });
      expect((await remove(district.id).expect(409)).body).toEqual({
        error: { code: 'CONFLICT', message: '“西城区”下还有下级单位，请先删除或移走下级单位' },
      });
      const school = await newUnit(t, { parent: root, name: '实验小学', kind: 'school' });
      await newPerson(t, { role: 'staff', unit: school });
      expect((await remove(school.id).expect(409)).body).toEqual({ error: { code: 'CONFLICT', message: '“实验小学”还有成员，请先移除成员' } });
      expect(await exists(district.id)).toBe(true);
      expect(await exists(school.id)).toBe(true);
    });

    it('refuses a unit with another feature\'s data: a liaison form, reports, a campaign it organizes or takes part in', async () => {
      const campaign = await newCampaign(t, { organizer: root });
      const removeMember = async (member: TestPerson) => {
        const me = await t.http().get('/api/me').set('authorization', member.auth).expect(200);
        await t.http().delete(`/api/memberships/${me.body.memberships[0].id}`).set('authorization', committee.auth).expect(204);
      };
      // The form goes with the unit were it removed (a cascading key), so it is asked about first.
      const registered = await newUnit(t, { parent: root, name: '已登记单位' });
      const liaison = await newPerson(t, { role: 'liaison', unit: registered });
      await t.http().put(`/api/campaigns/${campaign.id}/liaisons/mine`).set('authorization', liaison.auth)
        .send({ unitId: registered.id, values: { name: '张三', title: '安全员', mobile: '13912345678', unitName: '已登记单位' } }).expect(200);
      await removeMember(liaison);
      expect((await remove(registered.id).expect(409)).body).toEqual({ error: { code: 'CONFLICT', message: '“已登记单位”已填写联络员信息表，不能删除' } });

      const reported = await newUnit(t, { parent: root, name: '已报告单位' });
      const reporter = await newPerson(t, { role: 'staff', unit: reported });
      await newReport(t, { campaign, unit: reported, reporter });
      await removeMember(reporter);
      expect((await remove(reported.id).expect(409)).body.error).toEqual({ code: 'CONFLICT', message: expect.stringMatching(/^“已报告单位”还有.+，不能删除$/) });

      const organizer = await newUnit(t, { parent: root, name: '主办单位' });
      await newCampaign(t, { organizer, status: 'draft' });
      expect((await remove(organizer.id).expect(409)).body.error).toEqual({ code: 'CONFLICT', message: expect.stringMatching(/^“主办单位”还有.+，不能删除$/) });
      // Named as a participating unit (a JSON list no key protects): removing it would leave the campaign pointing nowhere.
      const participant = await newUnit(t, { parent: root, name: '参与单位' });
      await newCampaign(t, { organizer: root, participatingUnitIds: [participant.id] });
      expect((await remove(participant.id).expect(409)).body).toEqual({
        error: { code: 'CONFLICT', message: '“参与单位”是活动的参与单位，请先在活动设置中去掉它' },
      });
      for (const unit of [registered, reported, organizer, participant]) expect(await exists(unit.id)).toBe(true);
    });

    it('never removes a tree\'s top committee, and answers other trees\' units as missing', async () => {
      const district = await newUnit(t, { parent: root, name: '西城区', kind: 'district' });
      const districtCommittee = await newPerson(t, { role: 'committee', unit: district });
      // Not one's own top unit (the move rule), nor the root, which has no one above it.
      expect((await remove(district.id, districtCommittee.auth).expect(403)).body.error.code).toBe('FORBIDDEN');
      const bareRoot = await newUnit(t);
      const rootAdmin = await newPerson(t, { role: 'committee', unit: await newUnit(t) });
      expect((await remove(bareRoot.id, rootAdmin.auth).expect(404)).body).toEqual({ error: { code: 'NOT_FOUND', message: '单位不存在' } });
      expect((await remove(root.id).expect(403)).body.error.code).toBe('FORBIDDEN');
      const leaf = await newUnit(t, { parent: district });
      await remove(leaf.id, rootAdmin.auth).expect(404);
      expect(await exists(leaf.id)).toBe(true);
    });

    it('refuses the removal of a unit that a concurrent request fills', async () => {
      const district = await newUnit(t, { parent: root, name: '西城区', kind: 'district' });
      const results = await Promise.all([
        remove(district.id),
        t.http().post('/api/units').set('authorization', committee.auth).send({ name: '新下级', kind: 'enterprise', parentId: district.id }),
      ]);
      const statuses = results.map((r) => r.status).join(',');
      // One after the other under the tree's lock: either the child came first and the removal is
      // refused, or the removal came first and the parent is missing.
      expect(['409,201', '204,404']).toContain(statuses);
      expect(await exists(district.id)).toBe(statuses === '409,201');
    });
  });

  it('moves a unit with its whole subtree', async () => {
    const a = await newUnit(t, { parent: root, name: 'A' });
    const a1 = await newUnit(t, { parent: a, name: 'A1' });
    await newUnit(t, { parent: a1, name: 'A11' });
    const b = await newUnit(t, { parent: root, name: 'B' });
    const moved = await t.http().post(`/api/units/${a.id}/move`).set('authorization', committee.auth).send({ parentId: b.id }).expect(201);
    expect(moved.body).toMatchObject({ parentId: b.id, depth: 2 });
    expect((await list(`?under=${b.id}`)).map((u) => [u.name, u.depth])).toEqual([
      ['B', 1],
      ['A', 2],
      ['A1', 3],
      ['A11', 4],
    ]);
  });

  it('refuses to move a unit under itself or its own descendants', async () => {
    const a = await newUnit(t, { parent: root, name: 'A' });
    const a1 = await newUnit(t, { parent: a, name: 'A1' });
    for (const target of [a, a1]) {
      const response = await t.http().post(`/api/units/${a.id}/move`).set('authorization', committee.auth).send({ parentId: target.id }).expect(400);
      expect(response.body.error).toMatchObject({ code: 'UNIT_CYCLE', message: '不能把单位移动到它自己或它的下级单位之下' });
    }
    expect((await list(`?under=${a.id}`)).map((u) => u.name)).toEqual(['A', 'A1']);
  });

  /** Every unit of the tree has its parent's path followed by its own id, and the depth that goes with it. */
  const expectConsistentTree = async () => {
    const units = await t.app.get(DataSource).getRepository(Unit).find({ where: { path: Like(`${root.path}%`) } });
    const byId = new Map(units.map((u) => [u.id, u]));
    for (const unit of units) {
      if (unit.id === root.id) continue;
      const parent = byId.get(unit.parentId as string);
      expect([unit.name, unit.path, unit.depth]).toEqual([unit.name, `${parent?.path}${unit.id}/`, (parent?.depth ?? NaN) + 1]);
    }
  };

  it('keeps the tree whole when opposite moves arrive at once: one of them is refused as a cycle', async () => {
    for (let round = 0; round < 5; round++) {
      const a = await newUnit(t, { parent: root, name: `A${round}` });
      const b = await newUnit(t, { parent: root, name: `B${round}` });
      const move = (unit: Unit, parent: Unit) => t.http().post(`/api/units/${unit.id}/move`).set('authorization', committee.auth).send({ parentId: parent.id });
      const statuses = (await Promise.all([move(a, b), move(b, a)])).map((r) => r.status).sort();
      expect(statuses).toEqual([201, 400]);
    }
    await expectConsistentTree();
  });

  it('gives units created while their parent moves the parent\'s new path', async () => {
    const b = await newUnit(t, { parent: root, name: '目标' });
    for (let round = 0; round < 5; round++) {
      const a = await newUnit(t, { parent: root, name: `移动${round}` });
      const create = (i: number) => t.http().post('/api/units').set('authorization', committee.auth).send({ name: `新单位${i}`, kind: 'enterprise', parentId: a.id });
      const statuses = await Promise.all([
        create(1),
        t.http().post(`/api/units/${a.id}/move`).set('authorization', committee.auth).send({ parentId: b.id }),
        ...[2, 3, 4, 5].map(create),
      ]);
      expect(statuses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    }
    await expectConsistentTree();
  });

  it('creates more units at once than the database pool has connections, all under one parent', async () => {
    const parent = await newUnit(t, { parent: root, name: '并发上级' });
    const create = (i: number) =>
      t.http().post('/api/units').set('authorization', committee.auth).send({ name: `单位${i}`, kind: 'enterprise', parentId: parent.id });
    const statuses = (await Promise.all(Array.from({ length: 15 }, (_, i) => create(i)))).map((r) => r.status);
    expect(statuses).toEqual(Array(15).fill(201));
    await expectConsistentTree();
  });

  it('renames a unit without undoing a move made since it was read', async () => {
    const a = await newUnit(t, { parent: root, name: '改名前' });
    const b = await newUnit(t, { parent: root, name: '新上级' });
    const [renamed, moved] = await Promise.all([
      t.http().patch(`/api/units/${a.id}`).set('authorization', committee.auth).send({ name: '改名后' }),
      t.http().post(`/api/units/${a.id}/move`).set('authorization', committee.auth).send({ parentId: b.id }),
    ]);
    expect([renamed.status, moved.status]).toEqual([200, 201]);
    expect((await list(`?under=${b.id}`)).map((u) => u.name)).toEqual(['新上级', '改名后']);
    await expectConsistentTree();
  });

  describe('a tree of 2,221 units, paged', () => {
    let top: Unit;
    let district: Unit;
    let all: Unit[];
    let chief: TestPerson;
    let liaison: TestPerson;
    /** 20 districts of 10 departments of 10 enterprises; every 7th enterprise a 化工厂. */
    beforeAll(async () => {
      top = await newUnit(t, { name: `大市安委办${Math.random()}` });
      const child = (parent: Unit, name: string, kind: UnitKind) => {
        const unit = Object.assign(new Unit(), { name, kind, code: null, parentId: parent.id, depth: parent.depth + 1 });
        unit.path = `${parent.path}${unit.id}/`;
        return unit;
      };
      const districts = Array.from({ length: 20 }, (_, d) => child(top, `区${d}`, UnitKind.District));
      const departments = districts.flatMap((parent, d) => Array.from({ length: 10 }, (_, p) => child(parent, `部门${d}-${p}`, UnitKind.Department)));
      let n = 0;
      const enterprises = departments.flatMap((parent) =>
        Array.from({ length: 10 }, (_, e) => child(parent, ++n % 7 === 0 ? `化工厂${n}` : `企业${n}-${e}`, UnitKind.Enterprise)),
      );
      const repository = t.app.get(DataSource).getRepository(Unit);
      all = [top, ...districts, ...departments, ...enterprises];
      for (let i = 1; i < all.length; i += 500) await repository.insert(all.slice(i, i + 500));
      district = districts[3];
      chief = await newPerson(t, { role: 'committee', unit: top });
      liaison = await newPerson(t, { role: 'liaison', unit: district });
    });

    /** Every page of `query` as `person` sees it, one after the other, with the totals each page told. */
    const everyPage = async (query: string, person: TestPerson = chief) => {
      const items: { id: string; name: string; parentId: string | null }[] = [];
      const totals = new Set<number>();
      for (let page = 1; ; page++) {
        const body = (await t.http().get(`/api/units?${query}&page=${page}`).set('authorization', person.auth).expect(200)).body;
        totals.add(body.total);
        items.push(...body.items);
        if (body.items.length < body.size) return { items, totals: [...totals] };
      }
    };
    const within = (unit: Unit) => all.filter((u) => u.path.startsWith(unit.path));
    const ids = (units: { id: string }[]) => units.map((u) => u.id).sort();
    /** Parents come before their children. */
    const expectTreeOrder = (units: { id: string; parentId: string | null }[]) => {
      const seen = new Set<string>();
      for (const unit of units) {
        if (unit.parentId && units.some((u) => u.id === unit.parentId)) expect(seen.has(unit.parentId)).toBe(true);
        seen.add(unit.id);
      }
    };

    it('pages through the whole tree: every unit exactly once, parents first, the total on every page', async () => {
      const first = (await t.http().get(`/api/units?under=${top.id}`).set('authorization', chief.auth).expect(200)).body;
      expect([first.items.length, first.total, first.page, first.size]).toEqual([50, 2221, 1, 50]);
      expect(first.items[0]).toMatchObject({ id: top.id, depth: 0 });

      const { items, totals } = await everyPage(`under=${top.id}&size=200`);
      expect(totals).toEqual([2221]);
      expect(items).toHaveLength(2221);
      expect(ids(items)).toEqual(ids(all));
      expectTreeOrder(items);
    });

    it('pages through a subtree, a search and what a liaison may see', async () => {
      const subtree = await everyPage(`under=${district.id}&size=37`);
      expect(subtree.totals).toEqual([111]);
      expect(ids(subtree.items)).toEqual(ids(within(district)));
      expectTreeOrder(subtree.items);

      const chemical = all.filter((u) => u.name.includes('化工'));
      const searched = await everyPage(`under=${top.id}&q=${encodeURIComponent('化工')}&size=40`);
      expect(searched.totals).toEqual([chemical.length]);
      expect(ids(searched.items)).toEqual(ids(chemical));

      // A liaison sees their own unit and what is under it, nothing above or beside it.
      const mine = await everyPage('size=30', liaison);
      expect(mine.totals).toEqual([111]);
      expect(ids(mine.items)).toEqual(ids(within(district)));
      const mineSearched = await everyPage(`q=${encodeURIComponent('化工')}`, liaison);
      expect(ids(mineSearched.items)).toEqual(ids(chemical.filter((u) => u.path.startsWith(district.path))));
      await t.http().get(`/api/units?under=${top.id}`).set('authorization', liaison.auth).expect(404);
    });

    it('answers a page past the end empty, with the total', async () => {
      const body = (await t.http().get(`/api/units?under=${district.id}&page=3&size=100`).set('authorization', chief.auth).expect(200)).body;
      expect(body).toEqual({ items: [], total: 111, page: 3, size: 100 });
    });

    it('refuses pages and sizes out of range, in Chinese', async () => {
      const bad = async (query: string) =>
        (await t.http().get(`/api/units?under=${top.id}&${query}`).set('authorization', chief.auth).expect(400)).body.error.details;
      expect(await bad('size=201')).toEqual([{ field: 'size', message: '每页最多 200 条' }]);
      expect(await bad('page=0')).toEqual([{ field: 'page', message: '页码从 1 开始' }]);
      // Pages beyond any list the database could page through, e.g. 1e21 (which SQL would not take as an offset).
      expect(await bad('page=1e21')).toEqual([{ field: 'page', message: '页码最大为 100000' }]);
      expect(await bad('page=100001')).toEqual([{ field: 'page', message: '页码最大为 100000' }]);
      expect(await bad('size=x')).toContainEqual({ field: 'size', message: '每页条数必须是整数' });
    });
  });

  describe('import', () => {
    it('creates the units of a CSV file, parents named by name or code, in any row order', async () => {
      const response = await t.http().post(`/api/units/${root.id}/import`).set('authorization', committee.auth)
        .attach('file', fixture('units-ok.csv'), 'units.csv').expect(201);
      expect(response.body.created).toHaveLength(4);
      expect(byDepth(await list(`?under=${root.id}`))).toEqual([
        [root.name, 0],
        ['城南区', 1],
        ['城南区应急管理局', 2],
        ['城南第一小学', 2],
        ['城南化工厂', 3],
      ]);
    });

    it('reads XLSX files and GB18030 CSV files as Excel saves them', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('单位');
      sheet.addRows([['单位名称', '上级单位', '单位类型'], ['北区医院', '', '医院'], ['北区医院药房', '北区医院', '其他']]);
      const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
      await t.http().post(`/api/units/${root.id}/import`).set('authorization', committee.auth).attach('file', xlsx, 'units.xlsx').expect(201);
      const gbk = iconv('名称,类型\n南区中学,学校\n');
      await t.http().post(`/api/units/${root.id}/import`).set('authorization', committee.auth).attach('file', gbk, 'units.csv').expect(201);
      expect(byDepth(await list(`?under=${root.id}`))).toEqual([[root.name, 0], ['北区医院', 1], ['南区中学', 1], ['北区医院药房', 2]]);
    });

    it('reports every bad row and creates nothing', async () => {
      const response = await t.http().post(`/api/units/${root.id}/import`).set('authorization', committee.auth)
        .attach('file', fixture('units-bad.csv'), 'units.csv').expect(422);
      expect(response.body.error.code).toBe('IMPORT_INVALID');
      expect(response.body.error.message).toBe('导入文件有 8 处错误，未导入任何单位，请修改后重新上传');
      expect(response.body.error.details).toEqual([
        { row: 3, field: 'name', message: '名称不能为空' },
        { row: 4, field: 'parent', message: '找不到上级单位“不存在的单位”' },
        { row: 5, field: 'kind', message: '类型“火星”无效，可填：安委会、县区、部门、企业、学校、医院、其他' },
        { row: 6, field: 'code', message: '编码“DUP”在文件中重复' },
        { row: 7, field: 'code', message: '编码“DUP”在文件中重复' },
        { row: 8, field: 'parent', message: '上级单位关系形成循环' },
        { row: 9, field: 'parent', message: '上级单位关系形成循环' },
        { row: 10, field: 'parent', message: '上级“丙单位”所在行有错误' },
      ]);
      expect(await list(`?under=${root.id}`)).toHaveLength(1);
    });

    it('refuses a file that is no table, an empty file and a missing file', async () => {
      const binary = await t.http().post(`/api/units/${root.id}/import`).set('authorization', committee.auth)
        .attach('file', fixture('not-a-table.csv'), 'units.csv').expect(422);
      expect(binary.body.error.details).toEqual([{ message: '无法识别文件格式，请上传 .xlsx 或 .csv 文件' }]);
      const brokenZip = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 1)]);
      const zip = await t.http().post(`/api/units/${root.id}/import`).set('authorization', committee.auth).attach('file', brokenZip, 'units.xlsx').expect(422);
      expect(zip.body.error.details[0].message).toContain('无法读取该 Excel 文件');
      await t.http().post(`/api/units/${root.id}/import`).set('authorization', committee.auth).attach('file', Buffer.from(''), 'empty.csv').expect(422);
      const missing = await t.http().post(`/api/units/${root.id}/import`).set('authorization', committee.auth).expect(400);
      expect(missing.body.error.message).toBe('请选择要导入的文件（.xlsx 或 .csv）');
      expect(await list(`?under=${root.id}`)).toHaveLength(1);
    });
  });
});
