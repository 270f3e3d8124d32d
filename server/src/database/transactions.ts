import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { insertRows } from './insert-rows';

/**
 * Runs work in a database transaction. The embedded SQLite database has one connection shared by
 * every request, so its transactions are queued one after another; MySQL/MariaDB get one
 * connection per transaction from the pool and run them side by side.
 */
@Injectable()
export class Transactions {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Within `work`, read through `manager`, not through other services' batched lookups
   * (BatchLoader): those wait a turn of the event loop, and on SQLite's one shared connection
   * another request's writes made meanwhile would land in this transaction.
   */
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.dataSource.options.type !== 'sqljs') return this.dataSource.transaction(work);
    const result = this.queue.then(() => this.dataSource.transaction(work));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * Inserts complete rows with one multi-row INSERT (`insertRows`), atomic by itself: on
   * MySQL/MariaDB in autocommit on a pooled connection, without the round trips of START
   * TRANSACTION and COMMIT; on SQLite's shared connection in the queue of transactions, so that it
   * never lands in another request's open transaction (and goes if that one is rolled back).
   */
  insertRows<E extends ObjectLiteral>(target: EntityTarget<E>, rows: E[]): Promise<void> {
    if (this.dataSource.options.type !== 'sqljs') return insertRows(this.dataSource.manager, target, rows);
    return this.run((manager) => insertRows(manager, target, rows));
  }

  /**
   * Locks one row until the transaction ends, so that checks on what hangs below it (e.g. how many
   * liaisons a unit has) hold when several processes write at once. SQLite needs no lock: its
   * transactions already run one at a time.
   */
  async lock<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, id: string): Promise<void> {
    if (this.dataSource.options.type === 'sqljs') return;
    await manager.getRepository(entity).findOne({ where: { id } as never, lock: { mode: 'pessimistic_write' } });
  }
}
