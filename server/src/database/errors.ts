import { QueryFailedError } from 'typeorm';

/** A unique index refused the write: `ER_DUP_ENTRY` on MySQL/MariaDB, `UNIQUE constraint failed` on SQLite. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; message?: string } | undefined;
  return (
    driverError?.code === 'ER_DUP_ENTRY' ||
    driverError?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(driverError?.message ?? error.message)
  );
}
