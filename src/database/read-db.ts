import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { LOGGER } from '../common/tokens.js';
import { runWithManager } from './transaction.js';

/**
 * The read replica (DATABASE_READ_URL) for heavy reads: boards and standings, metric values, unit
 * economics, reports. `run(work)` hands `work` a manager on one replica connection and releases it
 * afterwards; every statement of `work` (access scope included) then reads the replica's snapshot.
 *
 * Inside `work`, `Db.manager` is the replica's manager too, so named queries need not be handed it.
 *
 * Everything else — writes, transactions, `dataSource.manager`, find() and query builders — stays
 * on the primary (replication `defaultMode: 'master'`). Use `run` only for reads that may lag the
 * primary by the replica's replay delay: never after a write of the same request (read your
 * writes), never for live pushes computed after a commit, never inside a transaction.
 *
 * Without DATABASE_READ_URL (and on the embedded PGlite) `work` gets the primary's manager, as
 * before. A replica that cannot be reached falls back to the primary (logged once per outage), so
 * a lost replica slows heavy reads down instead of failing them; GET /health then says `degraded`.
 */
@Injectable()
export class ReadDb {
  /** The replica was found unreachable and has not answered since. */
  private down = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  /** True when DATABASE_READ_URL is set (a replica pool exists). */
  get replicated(): boolean {
    return this.dataSource.driver.isReplicated;
  }

  async run<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    if (!this.replicated) return work(this.dataSource.manager);
    const runner = this.dataSource.createQueryRunner('slave');
    try {
      await runner.connect();
      this.noteUp();
    } catch (err) {
      await runner.release().catch(() => undefined);
      this.noteDown(err);
      return work(this.dataSource.manager);
    }
    try {
      return await runWithManager(runner.manager, () => work(runner.manager));
    } finally {
      await runner.release();
    }
  }

  /** For GET /health: null without a replica, else whether it answers `SELECT 1` within `timeoutMs`. */
  async status(timeoutMs = 2000): Promise<'up' | 'down' | null> {
    if (!this.replicated) return null;
    const runner = this.dataSource.createQueryRunner('slave');
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      await Promise.race([runner.query('SELECT 1'), timeout]);
      this.noteUp();
      return 'up';
    } catch (err) {
      this.noteDown(err);
      return 'down';
    } finally {
      clearTimeout(timer);
      await runner.release().catch(() => undefined);
    }
  }

  /** An outage is logged once when noticed and once when over, not on every read. */
  private noteDown(err: unknown): void {
    if (this.down) return;
    this.down = true;
    this.log.warn({ err }, 'read replica unreachable; heavy reads go to the primary until it is back');
  }
  private noteUp(): void {
    if (!this.down) return;
    this.down = false;
    this.log.info('read replica reachable again; heavy reads go to it');
  }
}
