import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/tokens.js';
import { TransactionRunner } from '../database/transaction.js';
import { OrganizationRepository } from '../organization/index.js';
import { JOB_SCOPE_ALL } from './entities/job-run.entity.js';
import { JobsRepository } from './jobs.repository.js';

/**
 * A scheduled job, split into units of work ("scopes": an organization id, or
 * `<organization>:<definition>` for period closing). Each unit runs in its own transaction
 * under a transaction-scoped advisory lock on (job, scope), so one unit's failure neither rolls
 * back nor blocks the others, and any number of workers can run the job side by side.
 */
export interface Job {
  /** Stable name; part of the advisory lock key and of every `job_run` row. */
  name: string;
  intervalMs: number;
  /**
   * The units with work at `now` (read in a short transaction of its own). Default: every
   * organization id. A job with no organization to split by returns a single fixed scope.
   */
  scopes?(now: Date): Promise<string[]>;
  /**
   * Does one unit inside a transaction that holds the (job, scope) lock (queries through `Db` join
   * it). Returns the rows changed.
   */
  run(scope: string, now: Date): Promise<number>;
}

/** What one tick of a job did. */
export interface JobTick {
  /** Rows changed by the units that ran. */
  count: number;
  /** Units that ran (committed or failed). */
  ran: number;
  /** Units another process held the lock of. */
  skipped: number;
  failed: { scope: string; error: string }[];
}

/** Errors are stored and logged as their message only: no stack trace, bounded length. */
export function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.length > 1000 ? `${text.slice(0, 1000)}…` : text;
}

/** Delay until a job is due again: last finish + interval, never negative; at once if it never ran. */
export function dueDelay(lastFinished: Date | null, intervalMs: number, now: Date): number {
  if (!lastFinished) return 0;
  return Math.max(0, lastFinished.getTime() + intervalMs - now.getTime());
}

/**
 * Runs registered jobs on their intervals. A tick of a job lists its scopes and runs each in
 * its own transaction, taking `pg_try_advisory_xact_lock` on (job, scope): a unit another
 * process is running is skipped (that process does it); the units themselves lock their rows
 * (FOR UPDATE SKIP LOCKED, idempotent updates), so a unit run twice in a row changes nothing the
 * second time. A unit that changed rows or failed is recorded in `job_run`; every tick also
 * records a marker row (scope `*`) whose `finished_at` tells a restarted scheduler when the
 * job is next due. A failed unit is logged, recorded with its error and retried next tick.
 */
@Injectable()
export class JobScheduler implements OnApplicationShutdown {
  private readonly jobs: Job[] = [];
  private timers = new Map<string, NodeJS.Timeout>();
  private running = new Set<Promise<unknown>>();
  private stopped = true;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly repo: JobsRepository,
    private readonly organizations: OrganizationRepository,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  register(job: Job): void {
    if (this.jobs.some((j) => j.name === job.name)) throw new Error(`Job ${job.name} is registered twice`);
    this.jobs.push(job);
  }

  list(): readonly Job[] {
    return this.jobs;
  }

  private job(name: string): Job {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`Unknown job ${name}`);
    return job;
  }

  /**
   * Runs one tick of a job now. Returns the rows changed, or null when every unit was held by
   * another process (nothing ran here). Failed units are recorded, not thrown; see {@link tick}.
   */
  async runOnce(name: string, now = new Date()): Promise<number | null> {
    const t = await this.tick(name, now);
    return t.ran === 0 && t.skipped > 0 ? null : t.count;
  }

  /** Runs one tick of a job now: every scope in its own transaction. */
  async tick(name: string, now = new Date()): Promise<JobTick> {
    const job = this.job(name);
    const startedAt = new Date();
    const scopes = await this.tx.run(() => (job.scopes ? job.scopes(now) : this.organizations.allOrganizationIds()));
    const result: JobTick = { count: 0, ran: 0, skipped: 0, failed: [] };
    for (const scope of scopes) {
      if (scope === JOB_SCOPE_ALL) throw new Error(`Job ${name}: scope ${JOB_SCOPE_ALL} is reserved`);
      const unitStart = new Date();
      try {
        const count = await this.tx.run(async () => {
          if (!(await this.repo.tryLock(`job:${name}:${scope}`))) return null;
          const n = await job.run(scope, now);
          if (n > 0) await this.repo.recordRun({ job: name, scope, startedAt: unitStart, finishedAt: new Date(), count: n, error: null });
          return n;
        });
        if (count === null) result.skipped++;
        else {
          result.ran++;
          result.count += count;
        }
      } catch (err) {
        const error = errorText(err);
        result.ran++;
        result.failed.push({ scope, error });
        this.log.error({ job: name, scope, error }, 'job unit failed');
        await this.tx
          .run(() => this.repo.recordRun({ job: name, scope, startedAt: unitStart, finishedAt: new Date(), count: 0, error }))
          .catch((e) => this.log.error({ job: name, scope, error: errorText(e) }, 'job run not recorded'));
      }
    }
    const error = result.failed.length ? `${result.failed.length} of ${scopes.length} units failed` : null;
    await this.tx.run(() => this.repo.recordRun({ job: name, scope: JOB_SCOPE_ALL, startedAt, finishedAt: new Date(), count: result.count, error }));
    return result;
  }

  /** When the job last finished a tick (any process), from its `job_run` marker rows. */
  async lastFinished(name: string): Promise<Date | null> {
    return this.tx.run(() => this.repo.lastFinished(name, JOB_SCOPE_ALL));
  }

  /** Milliseconds until the job is due: its last finish + interval (at once if it never ran). */
  async nextDelay(name: string, now = new Date()): Promise<number> {
    return dueDelay(await this.lastFinished(name), this.job(name).intervalMs, now);
  }

  /**
   * Schedules every job (or the named ones) at its next due time, then every interval after
   * each tick ends. A restarted process therefore does not run a job that ran recently.
   */
  async start(names?: readonly string[]): Promise<void> {
    this.stopped = false;
    for (const job of this.jobs) {
      if (names && !names.includes(job.name)) continue;
      let delay = 0;
      try {
        delay = await this.nextDelay(job.name);
      } catch (err) {
        this.log.error({ job: job.name, error: errorText(err) }, 'job due time unknown; running it at once');
      }
      this.schedule(job, delay);
    }
  }

  /** Whether a tick of the job is scheduled (started and not stopped). */
  isScheduled(name: string): boolean {
    return this.timers.has(name);
  }

  private schedule(job: Job, delay: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(job.name);
      if (this.stopped) return;
      const p = this.tick(job.name)
        .then((t) => {
          if (t.count || t.failed.length) this.log.info({ job: job.name, count: t.count, failed: t.failed.length }, 'job ran');
        })
        .catch((err) => this.log.error({ job: job.name, error: errorText(err) }, 'job failed'))
        .finally(() => {
          this.running.delete(p);
          this.schedule(job, job.intervalMs);
        });
      this.running.add(p);
    }, delay);
    this.timers.set(job.name, timer);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}
