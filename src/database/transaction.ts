import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock

/**
 * Runs a use case in one transaction. Every query of the use case must go through the
 * manager it receives (the embedded PostgreSQL serves a single session). Serialization
 * failures and deadlocks are retried a few times; the callback must therefore be
 * re-runnable, which holds because nothing outside the database happens inside it.
 * Side effects go in `afterCommit` callbacks, which run only once the transaction commits.
 */
@Injectable()
export class TransactionRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run<T>(work: (manager: EntityManager, tx: TxHooks) => Promise<T>, attempts = 3): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const hooks = new TxHooks();
      try {
        const result = await this.dataSource.transaction((manager) => {
          hooksByManager.set(manager, hooks);
          return work(manager, hooks);
        });
        await hooks.fire();
        return result;
      } catch (err) {
        const code = (err as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (err as { code?: string }).code;
        if (attempt < attempts && code && RETRYABLE.has(code)) continue;
        throw err;
      }
    }
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }
}

const hooksByManager = new WeakMap<EntityManager, TxHooks>();

export class TxHooks {
  private readonly callbacks: (() => unknown)[] = [];

  /**
   * The hooks of the TransactionRunner transaction that `manager` belongs to, or null (a manager
   * outside TransactionRunner). Lets in-transaction code that only receives a manager (event
   * handlers, RollupService.bump) defer a side effect until the commit.
   */
  static of(manager: EntityManager): TxHooks | null {
    return hooksByManager.get(manager) ?? null;
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
