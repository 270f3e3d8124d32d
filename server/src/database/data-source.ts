import { existsSync, statSync } from 'node:fs';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/config';
import { ENTITIES } from './entities';
import { MYSQL_MIGRATIONS } from './migrations/mysql';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';

/**
 * One set of entities for every driver; migrations per driver family: MySQL and MariaDB share
 * the `mysql` folder (the entities avoid the types on which the two differ), SQLite has its own.
 * `synchronize` is never used: the schema only changes through committed migrations.
 */
export function dataSourceOptions(database: AppConfig['database']): DataSourceOptions {
  const common = { entities: ENTITIES, synchronize: false, migrationsRun: false, logging: false } as const;
  if (database.driver === 'sqlite') {
    return {
      ...common,
      type: 'better-sqlite3',
      database: database.sqlitePath!,
      // WAL: a commit appends to the log instead of rewriting pages in place, so a crash mid-write
      // leaves the last committed state. synchronous=FULL syncs the log at every commit, so a
      // commit the API acknowledged survives a power cut too, not only a killed process.
      enableWAL: true,
      prepareDatabase: (db: { pragma: (sql: string) => unknown }) => {
        db.pragma('synchronous = FULL');
      },
      migrations: SQLITE_MIGRATIONS,
    };
  }
  return {
    ...common,
    type: database.driver,
    url: database.url,
    charset: 'utf8mb4_unicode_ci',
    // Instants are stored in UTC; the deadline rules convert to China time themselves.
    timezone: 'Z',
    connectTimeout: 5000,
    poolSize: database.poolSize,
    migrations: MYSQL_MIGRATIONS,
  };
}

export function createDataSource(database: AppConfig['database']): DataSource {
  return new DataSource(dataSourceOptions(database));
}

/** Whether the data source is the embedded SQLite database (one connection, no row locks). */
export function isEmbedded(dataSource: DataSource): boolean {
  return dataSource.options.type === 'better-sqlite3';
}

/** The embedded database file exists but SQLite cannot read it. */
export class EmbeddedDatabaseError extends Error {}

/**
 * Opens the embedded database and checks its file. A file SQLite cannot read stops the start: the
 * server never puts an empty database (and demo data) in the place of one it could not open.
 */
export async function openEmbedded(dataSource: DataSource): Promise<void> {
  const path = (dataSource.options as { database: string }).database;
  try {
    // An empty file is what a crashed whole-file rewrite (the sql.js versions) left behind: data lost,
    // not a new database, so it is not filled anew. A new database is a file that does not exist yet.
    if (path !== ':memory:' && existsSync(path) && statSync(path).size === 0) throw new Error('the file is empty');
    await dataSource.initialize();
    const rows: { quick_check: string }[] = await dataSource.query('PRAGMA quick_check');
    const problems = rows.map((row) => row.quick_check).filter((result) => result !== 'ok');
    if (problems.length > 0) throw new Error(problems.slice(0, 3).join('; '));
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    const reason = error instanceof Error ? error.message : String(error);
    throw new EmbeddedDatabaseError(
      `The embedded database ${path} cannot be opened (${reason}). SafeMonth leaves it as it is: ` +
        'restore it from a backup, or move it away to start with an empty database.',
    );
  }
}
