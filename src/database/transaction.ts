import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock

/**
 * What the current async context runs against: a TransactionRunner transaction (with its
 * after-commit hooks) or a ReadDb replica read (no hooks). Outside both there is no scope and
 * queries go to the pool.
 */
interface Scope {
  readonly manager: EntityManager;
  readonly hooks: TxHooks | null;
}

const scope = new AsyncLocalStorage<Scope>();

/** Runs `work` with `manager` as the current manager (ReadDb uses it for replica reads). */
export function runWithManager<T>(manager: EntityManager, work: () => Promise<T>): Promise<T> {
  return scope.run({ manager, hooks: null }, work);
}

/**
 * The way every repository and service reaches the database. `manager` is the active
 * transaction's manager when the caller runs inside `TransactionRunner.run` (the transaction
 * travels with the async context: nothing is passed by hand), the replica's inside `ReadDb.run`,
 * and the pool's otherwise. A query can therefore never run outside the transaction it belongs
 * to, which on the embedded PostgreSQL (one session) would wait forever.
 */
@Injectable()
export class Db {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return scope.getStore()?.manager ?? this.dataSource.manager;
  }

  /** A TypeORM repository bound to the current manager. */
  repo<E extends ObjectLiteral>(entity: EntityTarget<E>): Repository<E> {
    return this.manager.getRepository(entity);
  }

  /** One raw statement on the current manager; rows as the driver returns them. */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]> {
    return this.manager.query(sql, params);
  }

  /** True inside a TransactionRunner transaction. */
  get inTransaction(): boolean {
    return scope.getStore()?.hooks != null;
  }
}

/**
 * Runs a use case in one transaction. The transaction travels with the async context: every
 * query made through `Db` (or a repository built on it) inside `work` joins it without being
 * handed a manager, and a nested `run` joins the outer transaction instead of opening a second
 * one. Serialization failures and deadlocks are retried a few times by the outermost `run`; the
 * callback must therefore be re-runnable, which holds because nothing outside the database
 * happens inside it. Side effects go in `afterCommit` callbacks, which run only once the
 * outermost transaction commits.
 */
@Injectable()
export class TransactionRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
    const outer = scope.getStore();
    if (outer?.hooks) return work();
    for (let attempt = 1; ; attempt++) {
      const hooks = new TxHooks();
      try {
        const result = await this.dataSource.transaction((manager) => scope.run({ manager, hooks }, work));
        await hooks.fire();
        return result;
      } catch (err) {
        const code = (err as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (err as { code?: string }).code;
        if (attempt < attempts && code && RETRYABLE.has(code)) continue;
        throw err;
      }
    }
  }
}

export class TxHooks {
  private readonly callbacks: (() => unknown)[] = [];

  /** The hooks of the active TransactionRunner transaction, or null outside one. */
  static current(): TxHooks | null {
    return scope.getStore()?.hooks ?? null;
  }

  afterCommit(cb: () => unknown): void {
    this.callbacks.push(cb);
  }
  async fire(): Promise<void> {
    for (const cb of this.callbacks) {
      try {
        await cb();
      } catch {
        // A failed side effect never undoes a committed change; the callback logs its own errors.
      }
    }
  }
}

/**
 * Defers `cb` until the active transaction commits (it never runs if the transaction rolls back);
 * outside a transaction the change is already committed, so `cb` runs on the next turn.
 */
export function afterCommit(cb: () => unknown): void {
  const hooks = TxHooks.current();
  if (hooks) hooks.afterCommit(cb);
  else
    setImmediate(() => {
      void Promise.resolve()
        .then(cb)
        .catch(() => undefined);
    });
}
