import { DataSource } from 'typeorm';
import { Invite } from '../src/invites/invite.entity';
import { Unit } from '../src/units/unit.entity';
import { newPerson, newUnit, TestPerson } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

describe('bad input', () => {
  let t: TestApp;
  let root: Unit;
  let committee: TestPerson;
  let counts: () => Promise<[number, number]>;
  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT: '10kb' });
    root = await newUnit(t);
    committee = await newPerson(t, { role: 'committee', unit: root });
    const dataSource = t.app.get(DataSource);
    counts = async () => [await dataSource.getRepository(Unit).count(), await dataSource.getRepository(Invite).count()];
  });
  afterAll(() => t.close());

  let before: [number, number];
  beforeEach(async () => {
    before = await counts();
  });
  afterEach(async () => {
    // Nothing any of these requests sent was written.
    expect(await counts()).toEqual(before);
  });

  const post = (path: string) => t.http().post(path).set('authorization', committee.auth);

  it('refuses malformed JSON', async () => {
    const response = await post('/api/units').set('content-type', 'application/json').send('{"name": "甲", ').expect(400);
    expect(response.body).toEqual({ error: { code: 'MALFORMED_JSON', message: '请求体不是有效的 JSON' } });
  });

  it('refuses a JSON body that is not an object', async () => {
    const response = await post('/api/units').set('content-type', 'application/json').send('"just a string"').expect(400);
    expect(response.body.error.code).toBe('MALFORMED_JSON');
  });

  it('refuses wrong types field by field', async () => {
    const response = await post('/api/invites').send({ unitId: root.id, role: 'boss', expiresInHours: '24', maxUses: 0 }).expect(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details).toEqual(
      expect.arrayContaining([
        { field: 'role', message: '角色无效' },
        { field: 'expiresInHours', message: '有效期必须是整数小时' },
        { field: 'maxUses', message: '可用次数至少 1 次' },
      ]),
    );
  });

  it('refuses a missing required field', async () => {
    const response = await post('/api/units').send({ kind: 'school', parentId: root.id }).expect(400);
    expect(response.body.error.details).toEqual(expect.arrayContaining([{ field: 'name', message: '请填写单位名称' }]));
    expect(response.body.error.message).toMatch(/^请求参数有误（name：/);
  });

  it('refuses unknown fields instead of dropping them', async () => {
    const response = await post('/api/units').send({ name: '甲', kind: 'school', parentId: root.id, isAdmin: true }).expect(400);
    expect(response.body.error).toEqual({
      code: 'VALIDATION_FAILED',
      message: '请求参数有误（isAdmin：不允许的字段）',
      details: [{ field: 'isAdmin', message: '不允许的字段' }],
    });
  });

  it('refuses required text made of spaces only, as if it were missing', async () => {
    const response = await post('/api/units').send({ name: '   ', kind: 'school', parentId: root.id }).expect(400);
    expect(response.body.error.details).toEqual([{ field: 'name', message: '请填写单位名称' }]);
    const signIn = await t.http().post('/api/auth/password').send({ login: ' \t ', password: 'secret' }).expect(400);
    expect(signIn.body.error.details).toEqual([{ field: 'login', message: '请输入用户名或手机号' }]);
  });

  it('refuses a body over the limit', async () => {
    const response = await post('/api/units').send({ name: 'x'.repeat(20_000), kind: 'school', parentId: root.id }).expect(413);
    expect(response.body).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: '提交的内容过大（上限 10kb）' } });
  });

  it('refuses an import file over 2 MB', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024 + 10, 'a');
    const response = await post(`/api/units/${root.id}/import`).attach('file', big, 'units.csv').expect(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a target unit id that is missing or not text before anything else', async () => {
    const missing = await post('/api/invites').send({ role: 'staff', expiresInHours: 1, maxUses: 1 }).expect(400);
    expect(missing.body.error.details).toEqual([{ field: 'unitId', message: '必须填写' }]);
    const wrongType = await post('/api/invites').send({ unitId: 42, role: 'staff', expiresInHours: 1, maxUses: 1 }).expect(400);
    expect(wrongType.body.error.details).toEqual([{ field: 'unitId', message: '必须是文本' }]);
    const unknown = await post('/api/invites').send({ unitId: 'no-such-unit', role: 'staff', expiresInHours: 1, maxUses: 1 }).expect(404);
    expect(unknown.body).toEqual({ error: { code: 'NOT_FOUND', message: '单位不存在' } });
  });

  it('refuses a unit name that is too long and a kind that does not exist', async () => {
    const response = await post('/api/units').send({ name: '名'.repeat(101), kind: 'spaceship', parentId: root.id }).expect(400);
    expect(response.body.error.details).toEqual(
      expect.arrayContaining([
        { field: 'name', message: '单位名称最多 100 个字' },
        { field: 'kind', message: '单位类型无效' },
      ]),
    );
  });

  it('refuses to create a second committee through the API', async () => {
    const response = await post('/api/units').send({ name: '另一个安委会', kind: 'committee', parentId: root.id }).expect(400);
    expect(response.body.error.details).toEqual([{ field: 'kind', message: '单位类型无效' }]);
  });

  it('refuses a move into its own subtree', async () => {
    const a = await newUnit(t, { parent: root, name: '移动甲' });
    const a1 = await newUnit(t, { parent: a, name: '移动甲一' });
    before = await counts();
    const response = await post(`/api/units/${a.id}/move`).send({ parentId: a1.id }).expect(400);
    expect(response.body.error.code).toBe('UNIT_CYCLE');
    const reread = await t.http().get(`/api/units/${a.id}`).set('authorization', committee.auth).expect(200);
    expect(reread.body.parentId).toBe(root.id);
  });

  it('refuses a broken import file and imports nothing', async () => {
    const response = await post(`/api/units/${root.id}/import`).attach('file', Buffer.from('名称,上级\n"未闭合的引号,\n'), 'units.csv').expect(422);
    expect(response.body.error.code).toBe('IMPORT_INVALID');
    expect(response.body.error.details[0].message).toBe('CSV 格式有误（引号未闭合或分隔符不一致）');
  });
});
