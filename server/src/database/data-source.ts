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
    const inMemory = database.sqlitePath === ':memory:';
    return {
      ...common,
      type: 'sqljs',
      location: inMemory ? undefined : database.sqlitePath,
      autoSave: !inMemory,
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
