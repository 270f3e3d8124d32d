import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** The statement head (`SELECT … FROM … WHERE col IN`) and columns, per entity and key column. */
const statements = new WeakMap<object, Map<string, { head: string; columns: ColumnMetadata[] }>>();

/**
 * The entities whose `key` column is one of `values`, in no particular order: one plain
 * `SELECT … WHERE key IN (…)` written once from the entity metadata, for the lookups every request
 * makes (batched by BatchLoader). TypeORM's find builds and rewrites its query text and hydrates
 * through its generic transformer each time, which cost more CPU than the database spent on the
 * query. Values are converted by the driver as TypeORM would (dates, booleans, simple-json);
 * entities are made without running their constructors, as every column is then set.
 */
export async function selectRows<E extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<E>, key: keyof E & string, values: readonly unknown[]): Promise<E[]> {
  if (values.length === 0) return [];
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  let byKey = statements.get(metadata);
  if (!byKey) statements.set(metadata, (byKey = new Map()));
  let statement = byKey.get(key);
  if (!statement) {
    const columns = metadata.columns.filter((column) => !column.isVirtual);
    const keyColumn = metadata.findColumnWithPropertyName(key);
    if (!keyColumn) throw new Error(`selectRows: ${metadata.name} has no column ${key}`);
    const list = columns.map((c) => driver.escape(c.databaseName)).join(', ');
    statement = { head: `SELECT ${list} FROM ${driver.escape(metadata.tableName)} WHERE ${driver.escape(keyColumn.databaseName)} IN`, columns };
    byKey.set(key, statement);
  }
  const rows: Record<string, unknown>[] = await manager.query(`${statement.head} (${values.map(() => '?').join(', ')})`, [...values]);
  const prototype = (metadata.target as { prototype: object }).prototype;
  return rows.map((row) => {
    const entity = Object.create(prototype) as E;
    for (const column of statement.columns) column.setEntityValue(entity, driver.prepareHydratedValue(row[column.databaseName], column));
    return entity;
  });
}
