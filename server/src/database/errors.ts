import { QueryFailedError } from 'typeorm';

function driverError(error: unknown): { code?: string; errno?: number; message?: string } | undefined {
  return error instanceof QueryFailedError ? (error.driverError as { code?: string; errno?: number; message?: string } | undefined) : undefined;
}

/** A unique index refused the write: `ER_DUP_ENTRY` on MySQL/MariaDB, `UNIQUE constraint failed` on SQLite. */
export function isUniqueViolation(error: unknown): boolean {
  const driver = driverError(error);
  if (!driver) return false;
  return driver.code === 'ER_DUP_ENTRY' || driver.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(driver.message ?? '');
}

/**
 * The database gave up on a transaction because of other transactions' locks: a deadlock (1213) or
 * a lock wait timeout (1205) on MySQL/MariaDB, a busy database on SQLite. Running the whole
 * transaction again is expected to succeed.
 */
export function isLockConflict(error: unknown): boolean {
  const driver = driverError(error);
  if (!driver) return false;
  return (
    driver.code === 'ER_LOCK_DEADLOCK' ||
    driver.code === 'ER_LOCK_WAIT_TIMEOUT' ||
    driver.errno === 1213 ||
    driver.errno === 1205 ||
    driver.code === 'SQLITE_BUSY' ||
    /database is locked/.test(driver.message ?? '')
  );
}

/**
 * A foreign key refused the write (a row still refers to the one deleted): `ER_ROW_IS_REFERENCED`
 * on MySQL/MariaDB, with the referring table when the driver names it; SQLite names none.
 */
export function foreignKeyViolation(error: unknown): { table?: string } | null {
  const driver = driverError(error);
  if (!driver) return null;
  if (driver.code === 'ER_ROW_IS_REFERENCED_2' || driver.code === 'ER_ROW_IS_REFERENCED' || driver.errno === 1451) {
    return { table: /foreign key constraint fails \(`[^`]*`\.`([^`]+)`/.exec(driver.message ?? '')?.[1] };
  }
  if (driver.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || /FOREIGN KEY constraint failed/.test(driver.message ?? '')) return {};
  return null;
}
