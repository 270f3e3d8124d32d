import { randomUUID } from 'node:crypto';

/**
 * Column shapes that mean the same on MySQL, MariaDB and SQLite, so that one set of entities and
 * two migration folders serve all three. Ids are UUID strings made by the application (MariaDB's
 * native `uuid` type would make its schema differ from MySQL's).
 */
export const ID_COLUMN = { type: 'varchar', length: 36 } as const;
export const newId = (): string => randomUUID();

/**
 * Instants with sub-second precision (MariaDB drops them without one), stored in UTC. Precision 6
 * because that is what TypeORM's create/update date columns default to on MySQL.
 */
export const INSTANT_COLUMN = { type: 'datetime', precision: 6 } as const;
