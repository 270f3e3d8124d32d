import { UnitKind } from '@safemonth/shared';
import { DataSource } from 'typeorm';
import { ActivityItem, Campaign, StatisticsField } from '../src/campaigns/campaign.entity';
import { insertRows } from '../src/database/insert-rows';
import { selectRows } from '../src/database/select-rows';
import { schemaDiff } from '../src/database/schema-diff';
import { runMigrations } from '../src/database/migrate';
import { createDataSource } from '../src/database/data-source';
import { Transactions } from '../src/database/transactions';
import { SubmissionFromReportRow1795490554878 as MysqlSubmissionFromReportRow } from '../src/database/migrations/mysql/1795490554878-SubmissionFromReportRow';
import { SubmissionFromReportRow1795490554878 as SqliteSubmissionFromReportRow } from '../src/database/migrations/sqlite/1795490554878-SubmissionFromReportRow';
import { ReportEvent } from '../src/reports/report.entity';
import { ReportsService } from '../src/reports/reports.service';
import { PeopleService } from '../src/people/people.service';
import { Actor } from '../src/auth/policy';
import { Unit } from '../src/units/unit.entity';
import { newCampaign, newPerson, newReport, newUnit } from './support/builders';
import { createTestApp, freshDatabase, TestApp } from './support/test-app';

describe('platform', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports the database as reachable', async () => {
    const response = await t.http().get('/api/health').expect(200);
    expect(response.body).toEqual({
      status: 'ok',
      database: { driver: process.env.TEST_DATABASE === 'mariadb' ? 'mariadb' : 'sqlite', reachable: true },
    });
  });

  it('gives every request an id, keeping a well-formed one sent by the caller', async () => {
    const mine = await t.http().get('/api/health').set('x-request-id', 'trace-123').expect(200);
    expect(mine.headers['x-request-id']).toBe('trace-123');
    const made = await t.http().get('/api/health').set('x-request-id', 'bad id with spaces').expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers', async () => {
    const response = await t.http().get('/api/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('serves the OpenAPI document', async () => {
    const response = await t.http().get('/api/docs-json').expect(200);
    expect(response.body.info.title).toBe('SafeMonth API');
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/api/units', '/api/auth/password', '/api/invites']));
    await t.http().get('/api/docs').expect(200);
  });

  it('answers unknown routes with the error shape', async () => {
    const response = await t.http().get('/api/no-such-thing').expect(404);
    expect(response.body).toEqual({ error: { code: 'NOT_FOUND', message: '请求的内容不存在' } });
  });

  it('answers a path it cannot decode, or one too long, with the error shape and the usual headers', async () => {
    const broken = await t.http().get('/api/units/%E0%A4').expect(400);
    expect(broken.body).toEqual({ error: { code: 'VALIDATION_FAILED', message: '请求地址有误' } });
    expect(broken.headers['x-request-id']).toBeDefined();
    expect(broken.headers['content-security-policy']).toContain("default-src 'self'");
    const long = await t.http().get(`/api/units/${'x'.repeat(200)}`).expect(414);
    expect(long.body.error.message).toBe('请求地址过长');
  });

  it('refuses a body that is neither JSON nor multipart with 415, in the error shape', async () => {
    const response = await t.http().post('/api/auth/password').set('content-type', 'application/octet-stream').send(Buffer.from('x')).expect(415);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('says the database is unreachable with 503 once it is gone', async () => {
    const other = await createTestApp();
    await other.app.get(DataSource).destroy();
    const response = await other.http().get('/api/health').expect(503);
    expect(response.body.database.reachable).toBe(false);
    // Closing fails (the connection is already gone), but the test database is dropped all the same.
    await other.close().catch(() => undefined);
  });
});

describe('insertRows', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const unit = (name: string, fields: Partial<Unit> = {}) => {
    const u = Object.assign(new Unit(), { name, code: null, kind: UnitKind.Committee, parentId: null, depth: 0, ...fields });
    u.path = `/${u.id}/`;
    return u;
  };

  it('writes complete rows in one statement, converting values as TypeORM does and leaving unset columns to their defaults', async () => {
    const dataSource = t.app.get(DataSource);
    const createdAt = new Date('2027-06-16T01:02:03.456Z');
    const rows = [unit('甲', { code: 'A', createdAt, updatedAt: createdAt }), unit('乙', { createdAt, updatedAt: createdAt })];
    await insertRows(dataSource.manager, Unit, rows);
    const read = await dataSource.getRepository(Unit).findBy(rows.map((r) => ({ id: r.id })));
    expect(read.map((u) => [u.name, u.code, u.path, u.createdAt.toISOString()]).sort()).toEqual([
      ['乙', null, rows[1].path, createdAt.toISOString()],
      ['甲', 'A', rows[0].path, createdAt.toISOString()],
    ]);
    const defaulted = unit('丙');
    await insertRows(dataSource.manager, Unit, [defaulted]);
    expect((await dataSource.getRepository(Unit).findOneByOrFail({ id: defaulted.id })).createdAt).toBeInstanceOf(Date);
  });

  it('refuses rows that set different columns', async () => {
    const dataSource = t.app.get(DataSource);
    const rows = [unit('丁', { createdAt: new Date() }), unit('戊')];
    await expect(insertRows(dataSource.manager, Unit, rows)).rejects.toThrow('Unit.createdAt is set in some rows only');
    expect(await dataSource.getRepository(Unit).countBy(rows.map((r) => ({ id: r.id })))).toBe(0);
  });

  it('Transactions.insertRows never joins another request\'s open transaction: that one\'s rollback leaves the inserted row', async () => {
    const { manager } = t.app.get(DataSource);
    const transactions = t.app.get(Transactions);
    const [undone, kept] = [unit('己'), unit('庚')];
    let inTransaction!: () => void;
    const started = new Promise<void>((resolve) => (inTransaction = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const rolledBack = transactions.run(async (inside) => {
      await insertRows(inside, Unit, [undone]);
      inTransaction();
      await gate;
      throw new Error('rolled back');
    });
    await started;
    const inserted = transactions.insertRows(Unit, [kept]);
    release();
    await expect(rolledBack).rejects.toThrow('rolled back');
    await inserted;
    expect(await manager.countBy(Unit, { id: undone.id })).toBe(0);
    expect(await manager.countBy(Unit, { id: kept.id })).toBe(1);
  });
});

describe('selectRows', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reads the same entities as TypeORM\'s find, by id or by another column', async () => {
    const { manager } = t.app.get(DataSource);
    const organizer = await newUnit(t);
    const campaign = await newCampaign(t, { organizer, participatingUnitIds: [organizer.id] });
    const other = await newCampaign(t, { organizer, status: 'draft' });
    const selected = await selectRows(manager, Campaign, 'id', [campaign.id, other.id, 'no-such-id']);
    const found = await manager.findBy(Campaign, [{ id: campaign.id }, { id: other.id }]);
    const byId = <E extends { id: string }>(rows: E[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(selected)).toEqual(byId(found));
    expect(selected.every((c) => c instanceof Campaign)).toBe(true);
    // Converted as TypeORM converts: JSON columns, booleans, instants (a null one too).
    const published = selected.find((c) => c.id === campaign.id) as Campaign;
    expect(published.participatingUnitIds).toEqual([organizer.id]);
    expect(published.autoAcceptReports).toBe(false);
    expect(published.publishedAt).toBeInstanceOf(Date);
    expect((selected.find((c) => c.id === other.id) as Campaign).publishedAt).toBeNull();

    const [item] = await selectRows(manager, ActivityItem, 'campaignId', [campaign.id]);
    const fields = await selectRows(manager, StatisticsField, 'itemId', [item.id]);
    expect(byId(fields)).toEqual(byId(await manager.findBy(StatisticsField, { itemId: item.id })));
    expect(fields.map((f) => f.kind).sort()).toEqual(['boolean', 'count', 'count']);
  });

  it('asks nothing for no keys and refuses a column the entity does not have', async () => {
    const { manager } = t.app.get(DataSource);
    expect(await selectRows(manager, Unit, 'id', [])).toEqual([]);
    await expect(selectRows(manager, Unit, 'nope' as keyof Unit & string, ['x'])).rejects.toThrow('Unit has no column nope');
  });
});

describe('migrations', () => {
  it('agree with the entities: generating a migration would produce nothing', async () => {
    const database = await freshDatabase();
    const dataSource = createDataSource(
      database.sqlitePath ? { driver: 'sqlite', sqlitePath: database.sqlitePath, poolSize: 1 } : { driver: 'mariadb', url: database.env.DATABASE_URL, poolSize: 2 },
    );
    await dataSource.initialize();
    try {
      expect((await runMigrations(dataSource)).length).toBeGreaterThan(0);
      expect(await schemaDiff(dataSource)).toEqual({ up: [], down: [] });
      expect(await runMigrations(dataSource)).toEqual([]);
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });

  it('take the submission events out, which reports now show from their own row, and put them back when undone', async () => {
    const t = await createTestApp();
    try {
      const dataSource = t.app.get(DataSource);
      const unit = await newUnit(t);
      const campaign = await newCampaign(t, { organizer: unit });
      const staff = await newPerson(t, { unit, role: 'staff' });
      const report = await newReport(t, { campaign, unit, reporter: staff });
      // As a report filed and then accepted before this version has it.
      const event = (action: ReportEvent['action'], at: Date) => Object.assign(new ReportEvent(), { reportId: report.id, action, byId: staff.person.id, comment: null, at });
      await dataSource.manager.insert(ReportEvent, [event('submitted', report.createdAt), event('accepted', new Date(report.createdAt.getTime() + 1000))]);
      const actor = (await t.app.get(PeopleService).actor(staff.person.id)) as Actor;
      const history = async () => (await t.app.get(ReportsService).toDtos([report], actor))[0].history.map((h) => [h.action, h.by?.id]);
      // Shown once even while stored (a process of the older version may still write one).
      expect(await history()).toEqual([['submitted', staff.person.id], ['accepted', staff.person.id]]);
      const actions = async () => (await dataSource.manager.findBy(ReportEvent, { reportId: report.id })).map((e) => e.action).sort();

      const migration = process.env.TEST_DATABASE === 'mariadb' ? new MysqlSubmissionFromReportRow() : new SqliteSubmissionFromReportRow();
      const runner = dataSource.createQueryRunner();
      try {
        await migration.up(runner);
        expect(await actions()).toEqual(['accepted']);
        expect(await history()).toEqual([['submitted', staff.person.id], ['accepted', staff.person.id]]);
        await migration.down(runner);
        expect(await actions()).toEqual(['accepted', 'submitted']);
        const restored = await dataSource.manager.findOneByOrFail(ReportEvent, { reportId: report.id, action: 'submitted' });
        expect([restored.byId, restored.at.toISOString(), restored.id]).toEqual([staff.person.id, report.createdAt.toISOString(), expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)]);
        await migration.up(runner);
        expect(await actions()).toEqual(['accepted']);
      } finally {
        await runner.release();
      }
    } finally {
      await t.close();
    }
  });

  if (process.env.TEST_DATABASE === 'mariadb') {
    it('run once when two server processes start together on one MySQL', async () => {
      const database = await freshDatabase();
      const sources = [0, 1].map(() => createDataSource({ driver: 'mariadb', url: database.env.DATABASE_URL, poolSize: 2 }));
      await Promise.all(sources.map((s) => s.initialize()));
      try {
        const applied = await Promise.all(sources.map((s) => runMigrations(s)));
        expect(applied.flat().length).toBe(applied.flat().filter((name, i, all) => all.indexOf(name) === i).length);
        expect(await schemaDiff(sources[0])).toEqual({ up: [], down: [] });
      } finally {
        await Promise.all(sources.map((s) => s.destroy()));
        await database.drop();
      }
    });
  }
});
