import { DataSource } from 'typeorm';
import { TestApp } from './test-app';

/** Rows in each table of the app's database, by table name: what a refused request must leave as it was. */
export async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const dataSource = t.app.get(DataSource);
  const counts: Record<string, number> = {};
  for (const entity of dataSource.entityMetadatas) counts[entity.tableName] = await dataSource.getRepository(entity.target).count();
  return counts;
}
