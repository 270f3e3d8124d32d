import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The embedded SQLite database has one connection, shared by every request: a statement sent while
 * another request's transaction is open would become part of that transaction (and vanish if it is
 * rolled back). So every statement and every transaction goes through one queue: a transaction
 * holds the queue until it ends, and the statements made inside it (recognised by their async
 * context) run at once, while everybody else's wait their turn.
 *
 * TypeORM opens transactions of its own for `save` and `remove` outside a transaction; those
 * methods of the shared manager are queued whole, like `transaction`. (Migrations start theirs on
 * the connection directly, at start-up, before any request.)
 */
export function queueSqliteStatements(dataSource: DataSource): void {
  const holder = new AsyncLocalStorage<symbol>();
  let current: symbol | undefined;
  let tail: Promise<unknown> = Promise.resolve();

  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    if (current !== undefined && holder.getStore() === current) return work();
    const turn = Symbol('sqlite-turn');
    const result = tail.then(() => {
      current = turn;
      return holder.run(turn, work).finally(() => (current = undefined));
    });
    tail = result.catch(() => undefined);
    return result;
  };

  const runner = dataSource.driver.createQueryRunner('master');
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  runner.query = ((...args: unknown[]) => exclusive(() => query(...args))) as typeof runner.query;

  const manager = dataSource.manager as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const name of ['transaction', 'save', 'remove', 'softRemove', 'recover'] satisfies (keyof EntityManager)[]) {
    const method = manager[name].bind(manager);
    manager[name] = (...args: unknown[]) => exclusive(() => method(...args));
  }
}
