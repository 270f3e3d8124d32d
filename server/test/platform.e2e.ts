import { UnitKind } from '@safemonth/shared';
import { DataSource, Like, QueryFailedError } from 'typeorm';
import { schemaDiff } from '../src/database/schema-diff';
import { runMigrations } from '../src/database/migrate';
import { createDataSource } from '../src/database/data-source';
import { Database } from '../src/database/database.service';
import { SubmissionFromReportRow1795490554878 as MysqlSubmissionFromReportRow } from '../src/database/migrations/mysql/1795490554878-SubmissionFromReportRow';
import { SubmissionFromReportRow1795490554878 as SqliteSubmissionFromReportRow } from '../src/database/migrations/sqlite/1795490554878-SubmissionFromReportRow';
import { ReportEvent } from '../src/reports/report.entity';
import { ReportsService } from '../src/reports/reports.service';
import { PeopleService } from '../src/people/people.service';
import { Actor } from '../src/auth/policy';
import { Unit } from '../src/units/unit.entity';
import { UnitsService } from '../src/units/units.service';
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

describe('Database', () => {
  let t: TestApp;
  beforeAll(async () => {
    // One pooled connection: anything in a transaction that needed a second one would hang.
    t = await createTestApp({ DATABASE_POOL_SIZE: '1' });
  });
  afterAll(() => t.close());

  const unit = (name: string) => {
    const u = Object.assign(new Unit(), { name, code: null, kind: UnitKind.Committee, parentId: null, depth: 0 });
    u.path = `/${u.id}/`;
    return u;
  };
  const lockConflict = () =>
    new QueryFailedError('UPDATE field_total …', [], Object.assign(new Error('Deadlock found when trying to get lock'), { code: 'ER_LOCK_DEADLOCK', errno: 1213 }));

  it('lets every service read and write through the open transaction, on its one connection', async () => {
    const database = t.app.get(Database);
    const units = t.app.get(UnitsService);
    const made = unit('辛');
    const seen = await database.transaction(async () => {
      await database.repository(Unit).insert(made);
      // Another service, another repository: the same transaction sees the row not yet committed.
      return units.find(made.id);
    });
    expect(seen?.name).toBe('辛');
    await expect(
      database.transaction(async () => {
        await units.createRoot('壬');
        expect((await units.list([{ path: '/', subtree: true }], { q: '壬' })).items.map((u) => u.name)).toEqual(['壬']);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await units.list([{ path: '/', subtree: true }], { q: '壬' })).items).toEqual([]);
  });

  it('never lets a write made outside a transaction join another request\'s open one: that one\'s rollback leaves it', async () => {
    const database = t.app.get(Database);
    const repository = () => database.repository(Unit);
    const [undone, kept, saved] = [unit('己'), unit('庚'), unit('癸')];
    let inTransaction!: () => void;
    const started = new Promise<void>((resolve) => (inTransaction = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const rolledBack = database.transaction(async () => {
      await repository().insert(undone);
      inTransaction();
      await gate;
      throw new Error('rolled back');
    });
    await started;
    // Sent while the transaction is open; each waits for it (one connection) and commits alone.
    const outside = [repository().insert(kept), repository().save(saved)];
    release();
    await expect(rolledBack).rejects.toThrow('rolled back');
    await Promise.all(outside);
    expect(await repository().countBy({ id: undone.id })).toBe(0);
    expect(await repository().countBy({ id: kept.id })).toBe(1);
    expect(await repository().countBy({ id: saved.id })).toBe(1);
  });

  it('runs a transaction again when it loses to other transactions\' locks, and answers 503 when it keeps losing', async () => {
    const database = t.app.get(Database);
    let attempts = 0;
    const made = await database.transaction(async () => {
      attempts++;
      const row = unit(`子${attempts}`);
      await database.repository(Unit).insert(row);
      if (attempts < 3) throw lockConflict();
      return row;
    });
    expect(attempts).toBe(3);
    // The attempts that lost were rolled back: only the last one's row is there.
    expect((await database.repository(Unit).findBy({ name: Like('子%') })).map((u) => u.id)).toEqual([made.id]);

    let hopeless = 0;
    const refused = database.transaction(async () => {
      hopeless++;
      throw lockConflict();
    });
    await expect(refused).rejects.toMatchObject({ status: 503, body: { error: { code: 'DATABASE_BUSY', message: '系统繁忙，请稍后重试' } } });
    expect(hopeless).toBeGreaterThan(1);
    // Other failures are not tried again.
    let failures = 0;
    await expect(database.transaction(async () => { failures++; throw new Error('no'); })).rejects.toThrow('no');
    expect(failures).toBe(1);
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
