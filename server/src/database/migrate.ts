import { DataSource, MigrationExecutor } from 'typeorm';
import { isEmbedded } from './data-source';

/**
 * Brings the schema up to date. Several server processes may start at once on one MySQL, so they
 * take a named lock first: the first runs the migrations, the others wait and then find none left.
 * Named after the database, as a lock's name holds for the whole server.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  if (isEmbedded(dataSource)) {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  }
  const runner = dataSource.createQueryRunner();
  try {
    const [row] = await runner.query("SELECT GET_LOCK(CONCAT('safemonth_migrations.', DATABASE()), 120) AS locked");
    if (Number(row.locked) !== 1) throw new Error('Timed out waiting for another process to finish the migrations');
    try {
      // On the lock's own connection: the process may have no other one free (a pool of one).
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      return (await executor.executePendingMigrations()).map((m) => m.name);
    } finally {
      await runner.query("SELECT RELEASE_LOCK(CONCAT('safemonth_migrations.', DATABASE()))");
    }
  } finally {
    await runner.release();
  }
}
