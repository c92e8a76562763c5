import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The scope of a job-level marker row: one per scheduler tick, whatever the units did. */
export const JOB_SCOPE_ALL = '*';

/**
 * One run of one unit of a scheduled job (see {@link JobScheduler}): the job's name, the unit's
 * scope (an organization id, or `*` for the tick's marker row), when it ran, how many rows it
 * changed and, when it failed, the error message (never a stack). The latest finished row of a
 * job tells a restarted scheduler when the job is next due.
 */
@Entity('job_run')
@Index('ix_job_run_latest', ['job', 'scope', 'finishedAt'])
export class JobRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  job: string;

  @Column('text')
  scope: string;

  @Column('timestamptz')
  startedAt: Date;

  @Column('timestamptz')
  finishedAt: Date;

  @Column('integer', { default: 0 })
  count: number;

  @Column('text', { nullable: true })
  error: string | null;
}
