import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * One multi-row INSERT of complete entities, written straight from the entity metadata: what
 * TypeORM's insert builder does for hot paths, without its per-value query rewriting (which cost
 * more CPU than the database spent on the insert). Values are converted by the driver as TypeORM
 * would (dates, simple-json). A column left undefined in every row gets its database default; one
 * defined in some rows only is a programming error.
 */
export async function insertRows<E extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<E>, rows: E[]): Promise<void> {
  if (rows.length === 0) return;
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const columns = metadata.columns.filter((column) => {
    if (column.isVirtual || !column.isInsert) return false;
    const defined = rows.filter((row) => column.getEntityValue(row) !== undefined).length;
    if (defined !== 0 && defined !== rows.length) throw new Error(`insertRows: ${metadata.name}.${column.propertyName} is set in some rows only`);
    return defined > 0;
  });
  const values: unknown[] = [];
  for (const row of rows) for (const column of columns) values.push(driver.preparePersistentValue(column.getEntityValue(row), column));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  await manager.query(
    `INSERT INTO ${driver.escape(metadata.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`,
    values,
  );
}
