import { DataSource } from 'typeorm';

const LOCK_NAME = 'safemonth_migrations';

/**
 * Brings the schema up to date. Several server processes may start at once on one MySQL, so they
 * take a named lock first: the first runs the migrations, the others wait and then find none left.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  if (dataSource.options.type === 'sqljs') {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  }
  const runner = dataSource.createQueryRunner();
  try {
    const [row] = await runner.query('SELECT GET_LOCK(?, 120) AS locked', [LOCK_NAME]);
    if (Number(row.locked) !== 1) throw new Error('Timed out waiting for another process to finish the migrations');
    try {
      return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]);
    }
  } finally {
    await runner.release();
  }
}
