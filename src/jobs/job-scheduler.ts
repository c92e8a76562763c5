import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/tokens.js';
import { TransactionRunner } from '../database/transaction.js';
import type { EntityManager } from 'typeorm';

export interface Job {
  /** Stable name; also the key of the advisory lock that keeps two workers from running it at once. */
  name: string;
  intervalMs: number;
  /** Runs inside a transaction that holds the job's advisory lock. Returns a count for the log. */
  run(m: EntityManager, now: Date): Promise<number>;
}

/** 32-bit hash of the job name for pg_try_advisory_xact_lock(int, int). */
function lockKey(name: string): number {
  let h = 0;
  for (const ch of name) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

const LOCK_NAMESPACE = 74_210;

/**
 * Runs registered jobs on their intervals. Each run takes a transaction-scoped advisory lock,
 * so any number of workers (or API processes in embedded mode) can run side by side and a job
 * never runs twice at the same time; jobs themselves use row locks for per-row idempotence.
 */
@Injectable()
export class JobScheduler implements OnApplicationShutdown {
  private readonly jobs: Job[] = [];
  private timers: NodeJS.Timeout[] = [];
  private running = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(
    private readonly tx: TransactionRunner,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  register(job: Job): void {
    if (this.jobs.some((j) => j.name === job.name)) throw new Error(`Job ${job.name} is registered twice`);
    this.jobs.push(job);
  }

  list(): readonly Job[] {
    return this.jobs;
  }

  /** Runs one job now if no other process holds its lock. Returns null when skipped. */
  async runOnce(name: string, now = new Date()): Promise<number | null> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`Unknown job ${name}`);
    return this.tx.run(async (m) => {
      const [{ locked }] = await m.query('SELECT pg_try_advisory_xact_lock($1, $2) AS locked', [LOCK_NAMESPACE, lockKey(job.name)]);
      if (!locked) return null;
      return job.run(m, now);
    });
  }

  start(): void {
    this.stopped = false;
    for (const job of this.jobs) {
      const tick = () => {
        if (this.stopped) return;
        const p = this.runOnce(job.name)
          .then((count) => {
            if (count) this.log.info({ job: job.name, count }, 'job ran');
          })
          .catch((err) => this.log.error({ err, job: job.name }, 'job failed'))
          .finally(() => this.running.delete(p));
        this.running.add(p);
      };
      this.timers.push(setInterval(tick, job.intervalMs));
      setImmediate(tick);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await Promise.allSettled([...this.running]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}
