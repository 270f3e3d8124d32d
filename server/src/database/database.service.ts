import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import { ApiException } from '../common/api-exception';
import { isEmbedded } from './data-source';
import { isLockConflict } from './errors';

/** Attempts of a transaction that lost to other transactions' locks, before the caller gets 503. */
const ATTEMPTS = 6;
const FIRST_BACKOFF_MS = 10;

/**
 * The services' one way to the database. A transaction is ambient (nestjs-cls): while `transaction`
 * runs its work, every repository handed out here, in any service, reads and writes through that
 * transaction's connection, so a transaction never waits for a second pooled connection and no
 * service passes an EntityManager around. Outside a transaction the repositories use the pool.
 */
@Injectable()
export class Database {
  private readonly logger = new Logger(Database.name);

  constructor(private readonly host: TransactionHost<TransactionalAdapterTypeOrm>) {}

  repository<E extends ObjectLiteral>(entity: EntityTarget<E>): Repository<E> {
    return this.host.tx.getRepository(entity);
  }

  /** Whether a transaction is open here (in this async context), which `transaction` would join. */
  inTransaction(): boolean {
    return this.host.isTransactionActive();
  }

  /**
   * Runs `work` in a transaction, or within the one already open. A deadlock or lock wait timeout
   * runs the whole transaction again (after a jittered pause, a bounded number of times), so `work`
   * must do nothing but database work that may be repeated; if it keeps losing, 503.
   */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction()) return work();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.host.withTransaction(work);
      } catch (error) {
        if (!isLockConflict(error)) throw error;
        if (attempt === ATTEMPTS) {
          this.logger.warn(`transaction gave up after ${ATTEMPTS} lock conflicts: ${error instanceof Error ? error.message : String(error)}`);
          throw ApiException.databaseBusy();
        }
        const backoff = FIRST_BACKOFF_MS * 2 ** (attempt - 1);
        await new Promise((resolve) => setTimeout(resolve, backoff / 2 + Math.random() * backoff));
      }
    }
  }

  /**
   * The row (by its id, or the unique `key` given), read under a lock held until the transaction
   * ends (null when there is none; MySQL/MariaDB then lock the gap, so none is inserted meanwhile), so that
   * checks on it and on what hangs below it (e.g. how many liaisons a unit has) hold when several
   * processes write at once. SQLite needs no lock: its transactions already run one at a time.
   */
  locked<E extends ObjectLiteral>(entity: EntityTarget<E>, id: string, key: keyof E & string = 'id'): Promise<E | null> {
    const repository = this.repository(entity);
    const sqlite = isEmbedded(repository.manager.connection);
    return repository.findOne({ where: { [key]: id } as never, ...(sqlite ? {} : { lock: { mode: 'pessimistic_write' } }) });
  }
}
