import { Injectable } from '@nestjs/common';
import { LessThan } from 'typeorm';
import { Db } from '../database/transaction.js';
import { JobRun } from './entities/job-run.entity.js';

/** A `job_run` row to write. */
export type JobRunRecord = Pick<JobRun, 'job' | 'scope' | 'startedAt' | 'finishedAt' | 'count' | 'error'>;

/** Every statement of the scheduler: its advisory locks and `job_run`. */
@Injectable()
export class JobsRepository {
  constructor(private readonly db: Db) {}

  /** Takes the transaction-scoped advisory lock on `key` if free; false when another session holds it. */
  async tryLock(key: string): Promise<boolean> {
    const [{ locked }]: { locked: boolean }[] = await this.db.query(`SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked`, [key]);
    return locked;
  }

  /** Records one run of a unit (or a tick's marker row). */
  async recordRun(run: JobRunRecord): Promise<void> {
    await this.db.manager.insert(JobRun, run);
  }

  /** When the job last finished a tick: the latest `finished_at` of its rows with scope `scope`. */
  async lastFinished(job: string, scope: string): Promise<Date | null> {
    const rows: { at: Date | null }[] = await this.db.query(`SELECT max(finished_at) AS at FROM job_run WHERE job = $1 AND scope = $2`, [job, scope]);
    return rows[0]?.at ? new Date(rows[0].at) : null;
  }

  /** Deletes runs finished before `before`; returns how many. */
  async purgeRuns(before: Date): Promise<number> {
    const res = await this.db.manager.delete(JobRun, { finishedAt: LessThan(before) });
    return res.affected ?? 0;
  }
}
