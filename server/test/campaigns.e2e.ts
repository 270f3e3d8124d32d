import ExcelJS from 'exceljs';
import { CampaignDto, comingCampaignYear } from '@safemonth/shared';
import { newId } from '../src/common/columns';
import { Database } from '../src/database/database.service';
import { StatisticsService } from '../src/statistics/statistics.service';
import { Unit } from '../src/units/unit.entity';
import { newCampaign, newPerson, newUnit, TestPerson } from './support/builders';
import { binaryBody, createTestApp, TestApp } from './support/test-app';

describe('campaigns', () => {
  let t: TestApp;
  let root: Unit;
  let district: Unit;
  let committee: TestPerson;
  beforeAll(async () => {
    t = await createTestApp();
    root = await newUnit(t, { name: '中卫市安委办' });
    district = await newUnit(t, { parent: root, name: '沙坡头区', kind: 'district' });
    committee = await newPerson(t, { role: 'committee', unit: root });
  });
  afterAll(() => t.close());

  const as = (person: TestPerson) => ({
    get: (path: string) => t.http().get(path).set('authorization', person.auth),
    post: (path: string, body?: object) => t.http().post(path).set('authorization', person.auth).send(body ?? {}),
    put: (path: string, body: object) => t.http().put(path).set('authorization', person.auth).send(body),
  });

  it('lists the shipped templates', async () => {
    const response = await as(committee).get('/api/campaign-templates').expect(200);
    expect(response.body.map((x: { id: string }) => x.id).sort()).toEqual([
      'changzhou-2022-miit',
      'jiexi-2020-county',
      'jinghai-2021-culture-tourism',
      'zhongwei-2021-city',
    ]);
    for (const template of response.body) expect(template.deliverableCount).toBeGreaterThan(0);
  });

  it('creates a draft from a template, moved to the chosen year', async () => {
    const response = await as(committee).post('/api/campaigns/from-template', { templateId: 'zhongwei-2021-city', organizingUnitId: root.id, year: 2026 }).expect(201);
    const campaign: CampaignDto = response.body;
    expect(campaign).toMatchObject({ status: 'draft', year: 2026, editable: true, organizingUnit: { id: root.id } });
    expect(campaign.title).toContain('2026');
    expect(campaign.title).not.toContain('2021');
    expect(campaign.items.length).toBeGreaterThan(0);
    expect(campaign.items.every((item) => item.fields.length > 0)).toBe(true);
    const rules = campaign.deliverables.map((d) => d.rule);
    expect(rules).toContainEqual({ kind: 'once', due: '2026-06-04 18:00' });
    expect(JSON.stringify(campaign)).not.toContain('2021-0');
  });

  it('titles a campaign from a template without the place of the template, and lets the committee name it', async () => {
    const templates = (await as(committee).get('/api/campaign-templates').expect(200)).body;
    expect(templates.find((x: { id: string }) => x.id === 'jiexi-2020-county').name).toBe('“安全生产月”和“安全生产南粤行”活动');

    const named: CampaignDto = (
      await as(committee).post('/api/campaigns/from-template', { templateId: 'changzhou-2022-miit', organizingUnitId: root.id, year: 2027 }).expect(201)
    ).body;
    expect(named.title).toBe('2027年“安全生产月”活动');
    const own: CampaignDto = (
      await as(committee)
        .post('/api/campaigns/from-template', { templateId: 'changzhou-2022-miit', organizingUnitId: root.id, year: 2027, title: ' 2027年中卫市安全生产月 ' })
        .expect(201)
    ).body;
    expect(own.title).toBe('2027年中卫市安全生产月');

    const blank = await as(committee)
      .post('/api/campaigns/from-template', { templateId: 'changzhou-2022-miit', organizingUnitId: root.id, title: '  ' })
      .expect(400);
    expect(blank.body.error.details).toEqual([{ field: 'title', message: '活动名称不能为空' }]);
  });

  it('defaults to the coming June and moves every date of the template into that year', async () => {
    const year = comingCampaignYear(new Date());
    const campaign: CampaignDto = (
      await as(committee).post('/api/campaigns/from-template', { templateId: 'jiexi-2020-county', organizingUnitId: root.id }).expect(201)
    ).body;
    expect(campaign.year).toBe(year);
    expect(campaign.title).toBe(`${year}年“安全生产月”和“安全生产南粤行”活动`);
    const dates = [
      ...campaign.phases.flatMap((p) => [p.start, p.end]),
      ...campaign.deliverables.flatMap(({ rule }) => (rule.kind === 'once' ? [rule.due, ...(rule.opens ? [rule.opens] : [])] : [rule.from, rule.until])),
    ];
    expect(dates.length).toBeGreaterThan(campaign.phases.length * 2);
    for (const date of dates) expect(date.slice(0, 4)).toBe(String(year));
    // A deliverable named after the template's year is named after the new one.
    expect(campaign.deliverables[0].title).toBe(`${year}年“安全生产月”和“安全生产南粤行”活动方案`);
    // So its first deadline is still ahead.
    expect(campaign.nextDeadline).not.toBeNull();
  });

  it('refuses to publish an empty draft, saying what is missing, then publishes a complete one', async () => {
    const created = await as(committee).post('/api/campaigns', { organizingUnitId: root.id, title: '2026年安全生产月', year: 2026 }).expect(201);
    const id = created.body.id;
    const refused = await as(committee).post(`/api/campaigns/${id}/publish`).expect(422);
    expect(refused.body.error.details).toEqual([
      { field: 'items', message: '至少需要一个活动项目' },
      { field: 'deliverables', message: '至少需要一项报送材料及截止时间' },
      { field: 'phases', message: '请设置活动阶段（起止日期）' },
    ]);
    await as(committee).put(`/api/campaigns/${id}`, { phases: [{ name: '安全生产月', start: '2026-06-01', end: '2026-06-30' }], slogans: [' 安全第一 ', ''] }).expect(200);
    await as(committee).put(`/api/campaigns/${id}/items`, {
      items: [{ title: '安全培训', requirement: '组织全员培训', fieldText: '培训（ ）场（ ）人次', fields: [{ kind: 'count', label: '培训', unit: '场' }, { kind: 'count', label: '培训', unit: '人次' }] }],
    }).expect(200);
    await as(committee).put(`/api/campaigns/${id}/deliverables`, { deliverables: [{ kind: 'summary_report', title: '总结报告', rule: { kind: 'once', due: '2026-07-02' } }] }).expect(200);
    const published = await as(committee).post(`/api/campaigns/${id}/publish`).expect(200);
    expect(published.body).toMatchObject({ status: 'published', slogans: ['安全第一'] });
    expect(published.body.publishedAt).toEqual(expect.any(String));
    await as(committee).post(`/api/campaigns/${id}/publish`).expect(409);
  });

  it('keeps self-review off unless the committee allows it for one-person units, and carries it into a clone', async () => {
    const created: CampaignDto = (await as(committee).post('/api/campaigns', { organizingUnitId: root.id, title: '2026年安全生产月', year: 2026 }).expect(201)).body;
    expect(created.allowSelfReviewInSingleMemberUnits).toBe(false);
    const path = `/api/campaigns/${created.id}`;
    const updated = await as(committee).put(path, { allowSelfReviewInSingleMemberUnits: true }).expect(200);
    expect(updated.body).toMatchObject({ allowSelfReviewInSingleMemberUnits: true, autoAcceptReports: false });
    expect((await as(committee).get(path).expect(200)).body.allowSelfReviewInSingleMemberUnits).toBe(true);
    const clone = await as(committee).post(`${path}/clone`, { year: 2027 }).expect(201);
    expect(clone.body.allowSelfReviewInSingleMemberUnits).toBe(true);
    const refused = await as(committee).put(path, { allowSelfReviewInSingleMemberUnits: 'yes' }).expect(400);
    expect(refused.body.error.details).toEqual([{ field: 'allowSelfReviewInSingleMemberUnits', message: '单人单位本人审核必须是是/否' }]);
    await as(committee).put(path, { allowSelfReviewInSingleMemberUnits: null }).expect(400);
    const liaison = await newPerson(t, { role: 'liaison', unit: district });
    await as(liaison).put(path, { allowSelfReviewInSingleMemberUnits: false }).expect(404);
    expect((await as(committee).get(path).expect(200)).body.allowSelfReviewInSingleMemberUnits).toBe(true);
  });

  it('answers an update with what it saved', async () => {
    const created = await as(committee).post('/api/campaigns', { organizingUnitId: root.id, title: '旧标题', year: 2026 }).expect(201);
    const updated: CampaignDto = (await as(committee).put(`/api/campaigns/${created.body.id}`, { title: '新标题', theme: '人人讲安全' }).expect(200)).body;
    expect(updated).toMatchObject({ title: '新标题', theme: '人人讲安全' });
    expect((await as(committee).get(`/api/campaigns/${created.body.id}`).expect(200)).body).toMatchObject({ title: '新标题', theme: '人人讲安全' });
  });

  it('shows drafts to their managers only, and published campaigns to everyone in the organizing subtree', async () => {
    const draft = await newCampaign(t, { organizer: root, status: 'draft' });
    const published = await newCampaign(t, { organizer: root });
    const liaison = await newPerson(t, { role: 'liaison', unit: district });
    const outsider = await newPerson(t, { role: 'committee', unit: await newUnit(t) });
    // A campaign one may not see is answered as one that does not exist.
    const missing = await as(liaison).get('/api/campaigns/00000000-0000-4000-8000-000000000000').expect(404);
    expect((await as(liaison).get(`/api/campaigns/${draft.id}`).expect(404)).body).toEqual(missing.body);
    const seen = await as(liaison).get(`/api/campaigns/${published.id}`).expect(200);
    expect(seen.body.editable).toBe(false);
    expect((await as(outsider).get(`/api/campaigns/${published.id}`).expect(404)).body).toEqual(missing.body);
    // Seen, but not theirs to change: refused.
    expect((await as(liaison).put(`/api/campaigns/${published.id}`, { theme: '改' }).expect(403)).body.error.code).toBe('FORBIDDEN');
    const listed = (await as(liaison).get('/api/campaigns').expect(200)).body.map((c: { id: string }) => c.id);
    expect(listed).toContain(published.id);
    expect(listed).not.toContain(draft.id);
    expect((await as(committee).get('/api/campaigns').expect(200)).body.map((c: { id: string }) => c.id)).toContain(draft.id);
    expect((await as(outsider).get('/api/campaigns').expect(200)).body).toEqual([]);
  });

  it('tells each committee which subtrees of the campaign it oversees, and serves each its own', async () => {
    const [north, south, idle] = await Promise.all(['北区', '南区', '东区'].map((name) => newUnit(t, { parent: root, name, kind: 'district' })));
    const town = await newUnit(t, { parent: south, name: '南区一镇', kind: 'district' });
    const campaign = await newCampaign(t, { organizer: root, participatingUnitIds: [north.id, south.id] });
    const overseen = async (person: TestPerson) => ((await as(person).get(`/api/campaigns/${campaign.id}`).expect(200)).body as CampaignDto).overseenUnits;
    const [northCommittee, southCommittee, townCommittee, idleCommittee, liaison] = await Promise.all([
      newPerson(t, { role: 'committee', unit: north }),
      newPerson(t, { role: 'committee', unit: south }),
      newPerson(t, { role: 'committee', unit: town }),
      newPerson(t, { role: 'committee', unit: idle }),
      newPerson(t, { role: 'liaison', unit: north }),
    ]);
    const summary = (unit: Unit) => ({ id: unit.id, name: unit.name, kind: unit.kind });
    const byPath = (units: Unit[]) => [...units].sort((x, y) => (x.path < y.path ? -1 : 1)).map(summary);
    // The organizer's committee: its own unit (every root is inside it) and each participating root.
    expect(await overseen(committee)).toEqual(byPath([root, north, south]));
    expect(await overseen(northCommittee)).toEqual([summary(north)]);
    // Within a participating root: their own subtree, nothing above it.
    expect(await overseen(townCommittee)).toEqual([summary(town)]);
    // A unit that does not take part, and a liaison: nothing to oversee.
    expect(await overseen(idleCommittee)).toEqual([]);
    expect(await overseen(liaison)).toEqual([]);
    // Without a participating list the organizer's subtree takes part: a committee inside it oversees its own unit.
    const everyone = await newCampaign(t, { organizer: root });
    expect((await as(idleCommittee).get(`/api/campaigns/${everyone.id}`).expect(200)).body.overseenUnits).toEqual([summary(idle)]);

    // Each committee reads the completeness, ranking and statistics of its own subtree, not the organizer's.
    const status = await as(townCommittee).get(`/api/campaigns/${campaign.id}/hand-in-status?unitId=${town.id}`).expect(200);
    expect(status.body.unit).toEqual(summary(town));
    expect(status.body.units.items.map((row: { unit: { id: string } }) => row.unit.id)).toEqual([town.id]);
    const ranking = await as(northCommittee).get(`/api/campaigns/${campaign.id}/hand-in-status/ranking?unitId=${north.id}`).expect(200);
    expect(ranking.body).toMatchObject({ total: 0, items: [] });
    expect((await as(southCommittee).get(`/api/campaigns/${campaign.id}/hand-in-status/ranking?unitId=${south.id}`).expect(200)).body.items).toEqual([
      expect.objectContaining({ rank: 1, unit: summary(town) }),
    ]);
    const table = await as(northCommittee).get(`/api/campaigns/${campaign.id}/units/${north.id}/statistics?scope=subtree`).expect(200);
    expect(table.body).toMatchObject({ unit: { id: north.id }, units: 1 });
    // Above their own unit: answered as missing.
    await as(northCommittee).get(`/api/campaigns/${campaign.id}/hand-in-status?unitId=${root.id}`).expect(404);
    await as(townCommittee).get(`/api/campaigns/${campaign.id}/units/${south.id}/statistics?scope=subtree`).expect(404);
  });

  it('computes the next deadline in China time', async () => {
    const campaign = await newCampaign(t, { organizer: root, year: 2026 });
    const now = Date.now();
    t.advanceClock(Date.parse('2026-06-04T01:00:00Z') - now); // Thursday 4 June, 09:00 in China
    const response = await as(committee).get(`/api/campaigns/${campaign.id}`).expect(200);
    // The next Wednesday is 10 June; due at its end, 24:00 China time = 16:00 UTC.
    expect(response.body.nextDeadline).toMatchObject({ title: '每周活动材料', periodKey: '2026-W24', dueAt: '2026-06-10T16:00:00.000Z' });
    t.advanceClock(now - Date.parse('2026-06-04T01:00:00Z'));
  });

  describe('items', () => {
    it('keeps fields by id, and refuses to remove or retype a field that holds data', async () => {
      const campaign = await newCampaign(t, { organizer: root });
      const before: CampaignDto = (await as(committee).get(`/api/campaigns/${campaign.id}`).expect(200)).body;
      // What the editor sends back: the fields without their read-only `hasData`.
      const [sessions, people, leaflets] = before.items[0].fields.map(({ id, kind, label, unit }) => ({ id, kind, label, unit }));
      await t.app.get(Database).transaction(() => t.app.get(StatisticsService).contribute(campaign.id, newId(), district.id, [{ fieldId: sessions.id, amount: 3 }]));

      const withoutSessions = { items: [{ ...before.items[0], fields: [people, leaflets] }] };
      const refused = await as(committee).put(`/api/campaigns/${campaign.id}/items`, withoutSessions).expect(409);
      expect(refused.body.error).toEqual({
        code: 'CONFLICT',
        message: '统计项“开展咨询活动”已有数据，不能删除',
        details: [{ field: `fields.${sessions.id}`, message: '统计项“开展咨询活动”已有数据，不能删除' }],
      });
      const retyped = { items: [{ ...before.items[0], fields: [{ ...sessions, kind: 'text' }, people, leaflets] }] };
      await as(committee).put(`/api/campaigns/${campaign.id}/items`, retyped).expect(409);

      const renamed = { items: [{ ...before.items[0], fields: [{ ...sessions, label: '宣传咨询活动' }, people] }] };
      const saved: CampaignDto = (await as(committee).put(`/api/campaigns/${campaign.id}/items`, renamed).expect(200)).body;
      expect(saved.items[0].fields.map((f) => [f.id, f.label, f.hasData])).toEqual([
        [sessions.id, '宣传咨询活动', true],
        [people.id, '参与', false],
      ]);
    });

    it('moves a field that holds data into a new item while its old item goes away', async () => {
      const campaign = await newCampaign(t, { organizer: root });
      const before: CampaignDto = (await as(committee).get(`/api/campaigns/${campaign.id}`).expect(200)).body;
      const [sessions] = before.items[0].fields.map(({ id, kind, label, unit }) => ({ id, kind, label, unit }));
      await t.app.get(Database).transaction(() => t.app.get(StatisticsService).contribute(campaign.id, newId(), district.id, [{ fieldId: sessions.id, amount: 2 }]));
      const moved = { items: [{ title: '宣传咨询', requirement: '', fieldText: '开展咨询活动（ ）场', fields: [sessions] }] };
      const saved: CampaignDto = (await as(committee).put(`/api/campaigns/${campaign.id}/items`, moved).expect(200)).body;
      expect(saved.items.map((i) => [i.title, i.fields.map((f) => [f.id, f.hasData])])).toEqual([['宣传咨询', [[sessions.id, true]]]]);
      expect(saved.items[0].id).not.toBe(before.items[0].id);
    });

    it('refuses fields of another campaign and unknown nested keys', async () => {
      const campaign = await newCampaign(t, { organizer: root, status: 'draft' });
      const other: CampaignDto = (await as(committee).get(`/api/campaigns/${(await newCampaign(t, { organizer: root })).id}`)).body;
      const foreign = await as(committee).put(`/api/campaigns/${campaign.id}/items`, {
        items: [{ title: '甲', requirement: '', fieldText: '', fields: [{ ...other.items[0].fields[0], hasData: undefined, id: other.items[0].fields[0].id }] }],
      }).expect(400);
      expect(foreign.body.error.details).toEqual([{ field: 'items.0.fields.0.id', message: '统计项不属于本活动' }]);
      const unknown = await as(committee).put(`/api/campaigns/${campaign.id}/items`, {
        items: [{ title: '甲', requirement: '', fieldText: '', fields: [{ kind: 'count', label: '次数', unit: '次', colour: 'red' }] }],
      }).expect(400);
      expect(unknown.body.error.details).toEqual([{ field: 'items.0.fields.0.colour', message: '不允许的字段' }]);
    });
  });

  it('validates deadline rules with the shared rules, per deliverable', async () => {
    const campaign = await newCampaign(t, { organizer: root, status: 'draft' });
    const response = await as(committee).put(`/api/campaigns/${campaign.id}/deliverables`, {
      deliverables: [
        { kind: 'weekly_materials', title: '每周材料', rule: { kind: 'weekly', weekday: 9, from: '2026-06-01', until: '2026-06-30' } },
        { kind: 'summary_report', title: '总结', rule: { kind: 'once', due: '2026-13-01' } },
      ],
    }).expect(400);
    expect(response.body.error.details.map((d: { field: string }) => d.field)).toEqual(['deliverables.0.rule', 'deliverables.1.rule']);
    expect(response.body.error.message).toMatch(/^截止规则有误：/);
  });

  it('refuses participating units outside the organizing subtree and phases that end before they start', async () => {
    const campaign = await newCampaign(t, { organizer: district, status: 'draft' });
    const elsewhere = await newUnit(t, { parent: root, name: '其他区' });
    const response = await as(committee).put(`/api/campaigns/${campaign.id}`, {
      participatingUnitIds: [elsewhere.id],
      phases: [{ name: '安全生产月', start: '2026-06-30', end: '2026-06-01' }],
    }).expect(400);
    expect(response.body.error.details).toEqual([
      { field: 'phases.0', message: '阶段“安全生产月”的开始日期晚于结束日期' },
      { field: 'participatingUnitIds.0', message: '参与单位须是组织单位或其下级单位' },
    ]);
  });

  it('clones a campaign into a new year as a draft with its items, fields and deliverables', async () => {
    const campaign = await newCampaign(t, { organizer: root, year: 2026 });
    const clone: CampaignDto = (await as(committee).post(`/api/campaigns/${campaign.id}/clone`, { year: 2027 }).expect(201)).body;
    expect(clone).toMatchObject({ status: 'draft', year: 2027, phases: [{ name: '安全生产月', start: '2027-06-01', end: '2027-06-30' }] });
    expect(clone.id).not.toBe(campaign.id);
    expect(clone.title).toContain('2027年');
    expect(clone.items[0].fields.map((f) => [f.kind, f.label, f.unit, f.hasData])).toEqual([
      ['count', '开展咨询活动', '场', false],
      ['count', '参与', '人次', false],
      ['boolean', '是否发放宣传资料', '', false],
    ]);
    expect(clone.deliverables[0].rule).toEqual({ kind: 'weekly', weekday: 3, from: '2027-06-01', until: '2027-06-30' });
  });
});

describe('liaison form', () => {
  let t: TestApp;
  let root: Unit;
  let district: Unit;
  let committee: TestPerson;
  let liaison: TestPerson;
  beforeAll(async () => {
    t = await createTestApp();
    root = await newUnit(t, { name: '揭西县安委办' });
    district = await newUnit(t, { parent: root, name: '河婆街道', kind: 'district' });
    committee = await newPerson(t, { role: 'committee', unit: root });
    liaison = await newPerson(t, { role: 'liaison', unit: district });
  });
  afterAll(() => t.close());

  const good = { name: '张三', title: '安全员', mobile: '13912345678', unitName: '河婆街道', email: 'zhang@example.cn', qq: '123456' };
  const register = (person: TestPerson, campaignId: string, unitId: string, values: object) =>
    t.http().put(`/api/campaigns/${campaignId}/liaisons/mine`).set('authorization', person.auth).send({ unitId, values });

  it('checks every field with Chinese messages', async () => {
    const campaign = await newCampaign(t, { organizer: root });
    const response = await register(liaison, campaign.id, district.id, { name: '', mobile: '12345', email: 'not-mail', qq: '12', fax: 'abc' }).expect(400);
    expect(response.body.error.details).toEqual(
      expect.arrayContaining([
        { field: 'values.name', message: '请填写姓名' },
        { field: 'values.mobile', message: '手机号应为 11 位数字，以 1 开头' },
        { field: 'values.email', message: '电子邮箱格式不正确' },
        { field: 'values.qq', message: 'QQ号应为 5–11 位数字' },
        { field: 'values.fax', message: '传真格式应如 0955-1234567' },
        { field: 'values.title', message: '请填写职务' },
      ]),
    );
  });

  it('refuses answers that are not text, naming the field', async () => {
    const campaign = await newCampaign(t, { organizer: root });
    const response = await register(liaison, campaign.id, district.id, { ...good, name: 123, mobile: { number: '13800000000' } }).expect(400);
    expect(response.body.error.details).toEqual(
      expect.arrayContaining([
        { field: 'values.name', message: '姓名必须是文本' },
        { field: 'values.mobile', message: '手机必须是文本' },
      ]),
    );
  });

  it('saves and updates the liaison\'s answers, and lists them', async () => {
    const campaign = await newCampaign(t, { organizer: root });
    await register(liaison, campaign.id, district.id, good).expect(200);
    const updated = await register(liaison, campaign.id, district.id, { ...good, title: '安全科科长' }).expect(200);
    expect(updated.body).toMatchObject({ unit: { id: district.id }, values: { title: '安全科科长' } });
    const listed = await t.http().get(`/api/campaigns/${campaign.id}/liaisons`).set('authorization', committee.auth).expect(200);
    expect(listed.body).toMatchObject({ total: 1, items: [{ unit: { id: district.id } }] });
  });

  it('tells a liaison which of their units take part', async () => {
    const everyone = await newCampaign(t, { organizer: root });
    const other = await newUnit(t, { parent: root, name: '京溪园镇' });
    const narrow = await newCampaign(t, { organizer: root, participatingUnitIds: [other.id] });
    const get = (id: string) => t.http().get(`/api/campaigns/${id}`).set('authorization', liaison.auth).expect(200);
    expect((await get(everyone.id)).body.liaisonUnits).toEqual([{ id: district.id, name: '河婆街道', kind: 'district' }]);
    expect((await get(narrow.id)).body.liaisonUnits).toEqual([]);
  });

  it('refuses drafts, units outside the campaign, and more liaisons than the campaign allows', async () => {
    const draft = await newCampaign(t, { organizer: root, status: 'draft' });
    // A draft cannot even be seen by a liaison.
    await register(liaison, draft.id, district.id, good).expect(404);
    const other = await newUnit(t, { parent: root, name: '棉湖镇' });
    const narrow = await newCampaign(t, { organizer: root, participatingUnitIds: [other.id] });
    const outside = await register(liaison, narrow.id, district.id, good).expect(422);
    expect(outside.body.error.message).toBe('该单位不在本活动的参与范围内');
    const campaign = await newCampaign(t, { organizer: root, maxLiaisonsPerUnit: 1 });
    await register(liaison, campaign.id, district.id, good).expect(200);
    const second = await newPerson(t, { role: 'liaison', unit: district });
    const full = await register(second, campaign.id, district.id, good).expect(409);
    expect(full.body.error.message).toBe('本单位已登记 1 名联络员，本活动每单位最多 1 名');
  });

  it('exports every liaison to an Excel workbook for the committee', async () => {
    const campaign = await newCampaign(t, { organizer: root });
    await register(liaison, campaign.id, district.id, good).expect(200);
    const response = await t.http().get(`/api/campaigns/${campaign.id}/liaisons/export`).set('authorization', committee.auth)
      .buffer(true).parse(binaryBody).expect(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toContain(encodeURIComponent('联络员信息表.xlsx'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(2).values).toEqual([undefined, '序号', '填报单位', '姓名', '性别', '职务', '手机', '办公电话', '传真', '微信号', 'QQ号', '电子邮箱', '单位名称', '通信地址', '更新时间']);
    expect((sheet.getRow(3).values as unknown[]).slice(1, 7)).toEqual([1, '河婆街道', '张三', '', '安全员', '13912345678']);
    await t.http().get(`/api/campaigns/${campaign.id}/liaisons/export`).set('authorization', liaison.auth).expect(403);
  });
});
