import { Campaign } from '../src/campaigns/campaign.entity';
import { Report } from '../src/reports/report.entity';
import { Unit } from '../src/units/unit.entity';
import { newCampaign, newPerson, newReport, newUnit, TestPerson } from './support/builders';
import { rowCounts } from './support/row-counts';
import { createTestApp, TestApp } from './support/test-app';

/** Every log line the apps of this file write (see createLogger's destination). */
const mockLogLines: string[] = [];
jest.mock('../src/common/logger', () => {
  const actual = jest.requireActual<typeof import('../src/common/logger')>('../src/common/logger');
  return { ...actual, createLogger: (level: string) => actual.createLogger(level, { write: (line: string) => mockLogLines.push(line) }) };
});

describe('bad input', () => {
  let t: TestApp;
  let root: Unit;
  let committee: TestPerson;
  let draft: Campaign;
  let report: Report;
  const counts = () => rowCounts(t);
  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT: '10kb' });
    root = await newUnit(t);
    committee = await newPerson(t, { role: 'committee', unit: root });
    draft = await newCampaign(t, { organizer: root, status: 'draft' });
    report = await newReport(t, { campaign: await newCampaign(t, { organizer: root }), unit: root, reporter: committee });
  });
  afterAll(() => t.close());

  let before: Record<string, number>;
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

  const put = (path: string) => t.http().put(path).set('authorization', committee.auth);
  /** `body` sent as it is (supertest would write a Buffer as JSON). */
  const raw = (request: ReturnType<typeof post>, type: string, body: string | Buffer) =>
    request.set('content-type', type).serialize((data: unknown) => data as string).send(body);

  describe('JSON nesting', () => {
    const depthRefusal = { error: { code: 'MALFORMED_JSON', message: '请求体嵌套过深（最多 32 层）' } };

    it('refuses a body nested deeper than 32 levels before parsing it, signed in or out', async () => {
      const bomb = '['.repeat(2000) + ']'.repeat(2000);
      expect((await raw(post('/api/units'), 'application/json', bomb).expect(400)).body).toEqual(depthRefusal);
      expect((await raw(t.http().post('/api/auth/password'), 'application/json', bomb).expect(400)).body).toEqual(depthRefusal);
      // Unterminated, or of objects: refused all the same.
      expect((await raw(post('/api/units'), 'application/json', '['.repeat(4000)).expect(400)).body).toEqual(depthRefusal);
      const objects = '{"a":'.repeat(33) + '1' + '}'.repeat(33);
      expect((await raw(put(`/api/campaigns/${draft.id}`), 'application/json', objects).expect(400)).body).toEqual(depthRefusal);
    });

    it('reads a body of exactly 32 levels, and does not count brackets inside strings', async () => {
      const deep = JSON.stringify({ slogans: [JSON.parse('['.repeat(30) + ']'.repeat(30))] });
      const response = await raw(put(`/api/campaigns/${draft.id}`), 'application/json', deep).expect(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      await put(`/api/campaigns/${draft.id}`).send({ theme: `${'['.repeat(100)}{{{` }).expect(200);
    });
  });

  describe('content types', () => {
    const body = JSON.stringify({ theme: '安全第一' });

    it('takes JSON in UTF-8 only', async () => {
      for (const charset of ['utf-16', 'UTF-16LE', 'iso-8859-1', 'gbk']) {
        const response = await raw(put(`/api/campaigns/${draft.id}`), `application/json; charset=${charset}`, Buffer.from(body, 'utf16le')).expect(415);
        expect(response.body).toEqual({ error: { code: 'VALIDATION_FAILED', message: '请求体须为 UTF-8 编码的 JSON' } });
      }
      for (const charset of ['utf-8', 'UTF-8', 'utf8']) await raw(put(`/api/campaigns/${draft.id}`), `application/json; charset=${charset}`, body).expect(200);
      // Bytes that are no UTF-8 (here GBK) are refused, not read as replacement characters.
      const gbk = Buffer.concat([Buffer.from('{"theme":"'), Buffer.from([0xb0, 0xb2, 0xc8, 0xab]), Buffer.from('"}')]);
      const response = await raw(put(`/api/campaigns/${draft.id}`), 'application/json', gbk).expect(400);
      expect(response.body).toEqual({ error: { code: 'MALFORMED_JSON', message: '请求体不是有效的 UTF-8 文本' } });
    });

    it('refuses a body that is not JSON on a JSON endpoint with 415, and still takes uploads', async () => {
      const notJson = { error: { code: 'VALIDATION_FAILED', message: '不支持该请求内容格式（数据请用 JSON，文件请用 multipart/form-data 上传）' } };
      const multipart = await put(`/api/campaigns/${draft.id}`).field('theme', '改了').expect(415);
      expect(multipart.body).toEqual(notJson);
      expect((await raw(put(`/api/campaigns/${draft.id}`), 'text/plain', body).expect(415)).body).toEqual(notJson);
      expect((await raw(put(`/api/campaigns/${draft.id}`), 'application/x-www-form-urlencoded', 'theme=x').expect(415)).body).toEqual(notJson);
      expect((await t.http().get(`/api/campaigns/${draft.id}`).set('authorization', committee.auth).expect(200)).body.theme).not.toBe('改了');
      // An upload endpoint still reads its multipart body (the list is read and found wanting).
      const upload = await post(`/api/units/${root.id}/import`).attach('file', Buffer.from('名称,上级\n"未闭合的引号,\n'), 'units.csv').expect(422);
      expect(upload.body.error.code).toBe('IMPORT_INVALID');
    });
  });

  describe('null', () => {
    it('refuses null for a setting that has a value, naming the field', async () => {
      for (const field of ['title', 'theme', 'year', 'autoAcceptReports', 'phases', 'slogans', 'media', 'liaisonForm', 'participatingUnitIds']) {
        const response = await put(`/api/campaigns/${draft.id}`).send({ [field]: null }).expect(400);
        expect(response.body.error).toEqual({ code: 'VALIDATION_FAILED', message: `请求参数有误（${field}：不能为空）`, details: [{ field, message: '不能为空' }] });
      }
      for (const body of [{ name: null }, { kind: null }]) {
        const response = await put(`/api/units/${root.id}`).send(body).expect(400);
        expect(response.body.error.details).toEqual([{ field: Object.keys(body)[0], message: '不能为空' }]);
      }
      const review = await post(`/api/reports/${report.id}/review`).send({ action: 'return', comment: null }).expect(400);
      expect(review.body.error.details).toEqual([{ field: 'comment', message: '不能为空' }]);
      const nested = await put(`/api/campaigns/${draft.id}`).send({ media: { ...draft.media, maxFileSizeMb: null } }).expect(400);
      expect(nested.body.error.details).toEqual([{ field: 'media.maxFileSizeMb', message: '不能为空' }]);
    });

    it('still clears with null what may be cleared', async () => {
      const unit = await newUnit(t, { parent: root, code: 'A-1' });
      before = await counts();
      expect((await put(`/api/units/${unit.id}`).send({ code: null }).expect(200)).body.code).toBeNull();
    });
  });

  describe('dates', () => {
    it('refuses dates that are not in the calendar', async () => {
      const phases = await put(`/api/campaigns/${draft.id}`).send({ phases: [{ name: '启动', start: '2027-02-30', end: '2027-03-01' }] }).expect(400);
      expect(phases.body.error.details).toEqual([{ field: 'phases.0.start', message: '开始日期应为有效日期（YYYY-MM-DD）' }]);
      const input = {
        itemId: report.itemId, title: '改', startAt: '2027-02-30T01:00:00.000Z', endAt: '2027-03-01T02:00:00Z', place: '广场',
        description: '', headcount: 1, mediaIds: [], contributions: [],
      };
      const start = await put(`/api/reports/${report.id}`).send(input).expect(400);
      expect(start.body.error.details).toEqual([{ field: 'startAt', message: '开始时间格式不正确' }]);
      const end = await put(`/api/reports/${report.id}`).send({ ...input, startAt: '2027-02-28T01:00:00Z', endAt: '2027-02-28T24:00:00Z' }).expect(400);
      expect(end.body.error.details).toEqual([{ field: 'endAt', message: '结束时间格式不正确' }]);
      const deliverable = { kind: 'summary_report', title: '总结', rule: { kind: 'once', due: '2027-02-30' } };
      const rule = await put(`/api/campaigns/${draft.id}/deliverables`).send({ deliverables: [deliverable] }).expect(400);
      expect(rule.body.error.details[0].field).toBe('deliverables.0.rule');
    });
  });

  describe('text', () => {
    const invalid = '含有无效字符（空字符或不完整的 Unicode 字符）';

    it('refuses NUL characters and unpaired surrogates in any text of a body or a query, naming the field', async () => {
      for (const name of ['甲\u0000乙', '\uD800', 'a\uDC00b', '\uDBFF\uDBFF\uDFFF']) {
        const response = await post('/api/units').send({ name, kind: 'school', parentId: root.id }).expect(400);
        expect(response.body.error.details).toEqual([{ field: 'name', message: invalid }]);
      }
      const nested = await put(`/api/campaigns/${draft.id}`).send({ slogans: ['安全', '\u0000'], phases: [{ name: '\uDFFF', start: '2027-06-01', end: '2027-06-30' }] }).expect(400);
      expect(nested.body.error.details).toEqual(expect.arrayContaining([{ field: 'slogans.1', message: invalid }, { field: 'phases.0.name', message: invalid }]));
      const query = await t.http().get('/api/units?q=%00').set('authorization', committee.auth).expect(400);
      expect(query.body.error.details).toEqual([{ field: 'q', message: invalid }]);
      const signIn = await t.http().post('/api/auth/password').send({ login: 'user\u0000', password: 'x\uD83D' }).expect(400);
      expect(signIn.body.error.details).toEqual([{ field: 'login', message: invalid }, { field: 'password', message: invalid }]);
    });

    it('takes characters outside the basic plane, written as surrogate pairs', async () => {
      await put(`/api/campaigns/${draft.id}`).send({ theme: '安全😀𠀀' }).expect(200);
    });
  });

  describe('multipart', () => {
    const boundary = 'safemonth-boundary';
    const part = (filename: string) => `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n\r\n`;
    const cut = (path: string, ...chunks: (string | Buffer)[]) =>
      post(path).set('content-type', `multipart/form-data; boundary=${boundary}`).send(Buffer.concat(chunks.map((c) => Buffer.from(c))));
    const jpegStart = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);

    it('answers 400 to a body that ends before its closing boundary, and goes on serving', async () => {
      const cases: [string, (string | Buffer)[]][] = [
        [`/api/units/${root.id}/import`, [part('units.csv'), '名称,类型\n甲,企业\n']],
        [`/api/units/${root.id}/import`, [part('units.csv'), '名称,类型\n甲,企业\n', `\r\n--${boundary}`]],
        [`/api/units/${root.id}/import`, [`--${boundary}\r\nContent-Disposition: form-da`]],
        [`/api/campaigns/${report.campaignId}/units/${root.id}/media`, [part('a.jpg'), jpegStart]],
        [`/api/campaigns/${report.campaignId}/units/${root.id}/media`, [part('a.jpg'), jpegStart, Buffer.alloc(70_000, 1), `\r\n--${boundary}`]],
        [`/api/campaigns/${report.campaignId}/units/${root.id}/media`, [part('a.jpg')]],
      ];
      for (const [path, chunks] of cases) {
        const response = await cut(path, ...chunks);
        expect({ status: response.status, body: response.body }).toEqual({
          status: 400,
          body: { error: { code: 'VALIDATION_FAILED', message: '上传的内容格式有误，请重新上传' } },
        });
      }
      await t.http().get('/api/health').expect(200);
    });
  });
});

describe('request logs', () => {
  let t: TestApp;
  afterAll(() => t.close());

  it('name the route, not the address, so that invite codes stay out of them', async () => {
    t = await createTestApp({ LOG_LEVEL: 'info' });
    const root = await newUnit(t);
    const committee = await newPerson(t, { role: 'committee', unit: root });
    const invite = (await t.http().post('/api/invites').set('authorization', committee.auth).send({ unitId: root.id, role: 'staff', expiresInHours: 1, maxUses: 1 }).expect(201)).body;
    mockLogLines.length = 0;
    await t.http().get(`/api/invites/${invite.code}/preview?via=${invite.code}`).expect(200);
    await t.http().get('/api/invites/GUESSED1/preview').expect(404);
    await t.http().get('/api/invites/GUESSED2/no-such-route').expect(404);
    await t.http().post('/api/invites/redeem').set('authorization', committee.auth).send({ code: invite.code });
    const lines = mockLogLines.join('');
    expect(lines).toContain('"url":"/api/invites/:code/preview"');
    expect(lines).toContain('"url":"/api/invites/redeem"');
    expect(lines).not.toContain(invite.code);
    expect(lines).not.toContain('GUESSED1');
    expect(lines).not.toContain('GUESSED2');
  });
});
