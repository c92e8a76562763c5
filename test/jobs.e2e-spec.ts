import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JobScheduler, type Job } from '../src/jobs/job-scheduler.js';
import { JOB_SCOPE_ALL } from '../src/jobs/entities/job-run.entity.js';
import { CLOSE_PERIODS_JOB } from '../src/rankings/rankings.module.js';
import { Db } from '../src/database/transaction.js';
import { MARK_MISSED_JOB } from '../src/sop/sop.module.js';
import { buildOrg, type FixtureOrg } from './support/fixtures.js';
import { startTestApp, type TestApp } from './support/harness.js';

const ON_SERVER = !!process.env.TEST_DATABASE_URL;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface JobRunRow {
  job: string;
  scope: string;
  count: number;
  error: string | null;
  started_at: Date;
  finished_at: Date;
}

/**
 * Jobs that scale (issue 19 item 4): each unit (one organization) in its own transaction under an
 * advisory lock on (job, unit), recorded in job_run; a failing organization neither rolls back
 * nor blocks the others; two schedulers on one database do each unit once; a restarted
 * scheduler waits until the job is due.
 */
describe('job scheduler', () => {
  let t: TestApp;
  /** A second app on the same database (PostgreSQL); on PGlite the same app. */
  let t2: TestApp;
  let orgA: FixtureOrg;
  let orgB: FixtureOrg;
  let failFor: string | null = null;
  const calls: Record<string, number> = {};

  const runs = async (job: string): Promise<JobRunRow[]> =>
    t.db.dataSource.query(`SELECT job, scope, count, error, started_at, finished_at FROM job_run WHERE job = $1 ORDER BY finished_at, scope`, [job]);

  /** Jobs registered by this test on a scheduler (each app has its own). */
  const testJobs = (): Job[] => [
    {
      // Default scopes: every organization. Writes one row per organization and counts its users.
      name: 'test-count',
      intervalMs: 3600_000,
      run: async (org) => {
        const m = t.app.get(Db).manager; // the unit's transaction (see Db)
        await m.query(`INSERT INTO job_test_log (org, job, n) VALUES ($1, 'test-count', 1)`, [org]);
        const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM app_user WHERE organization_id = $1`, [org]);
        return n;
      },
    },
    {
      // Writes, then throws for one organization: that write must roll back, the other commit.
      name: 'test-fail',
      intervalMs: 3600_000,
      run: async (org) => {
        const m = t.app.get(Db).manager; // the unit's transaction (see Db)
        await m.query(`INSERT INTO job_test_log (org, job, n) VALUES ($1, 'test-fail', 1)`, [org]);
        if (org === failFor) throw new Error(`boom for ${org}`);
        return 1;
      },
    },
    {
      // Not idempotent on its own (reads, waits, then writes): only the (job, scope) lock keeps
      // two schedulers from doing a unit twice at the same time; the re-check makes a later
      // run a no-op.
      name: 'test-once',
      intervalMs: 3600_000,
      run: async (org) => {
        const m = t.app.get(Db).manager; // the unit's transaction (see Db)
        const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM job_test_queue WHERE org = $1 AND NOT done`, [org]);
        await sleep(300);
        if (!n) return 0;
        await m.query(`INSERT INTO job_test_log (org, job, n) VALUES ($1, 'test-once', $2)`, [org, n]);
        await m.query(`UPDATE job_test_queue SET done = true WHERE org = $1`, [org]);
        return n;
      },
    },
    {
      name: 'test-due',
      intervalMs: 3600_000,
      scopes: async () => ['global'],
      run: async () => {
        calls['test-due'] = (calls['test-due'] ?? 0) + 1;
        return 1;
      },
    },
    {
      name: 'test-fresh',
      intervalMs: 3600_000,
      scopes: async () => ['global'],
      run: async () => {
        calls['test-fresh'] = (calls['test-fresh'] ?? 0) + 1;
        return 1;
      },
    },
  ];

  beforeAll(async () => {
    t = await startTestApp();
    t2 = ON_SERVER ? await startTestApp({}, { shareDatabaseOf: t }) : t;
    orgA = await buildOrg(t.app, 'joba');
    orgB = await buildOrg(t.app, 'jobb');
    await t.db.dataSource.query(`CREATE TABLE job_test_log (org uuid NOT NULL, job text NOT NULL, n int NOT NULL)`);
    await t.db.dataSource.query(`CREATE TABLE job_test_queue (org uuid NOT NULL, done boolean NOT NULL DEFAULT false)`);
    for (const job of testJobs()) t.app.get(JobScheduler).register(job);
    if (t2 !== t) for (const job of testJobs()) t2.app.get(JobScheduler).register(job);
  }, 120_000);

  afterAll(async () => {
    if (t2 && t2 !== t) await t2.close();
    await t?.close();
  });

  it('records one job_run row per organization with its count, and a marker row for the tick', async () => {
    const scheduler = t.app.get(JobScheduler);
    const [{ a, b }] = await t.db.dataSource.query(
      `SELECT count(*) FILTER (WHERE organization_id = $1)::int AS a, count(*) FILTER (WHERE organization_id = $2)::int AS b FROM app_user`,
      [orgA.organizationId, orgB.organizationId],
    );
    expect(await scheduler.runOnce('test-count')).toBe(a + b);
    const rows = await runs('test-count');
    const units = rows.filter((r) => r.scope !== JOB_SCOPE_ALL);
    expect(units.map((r) => [r.scope, r.count, r.error]).sort()).toEqual(
      [
        [orgA.organizationId, a, null],
        [orgB.organizationId, b, null],
      ].sort(),
    );
    for (const r of units) expect(new Date(r.finished_at).getTime()).toBeGreaterThanOrEqual(new Date(r.started_at).getTime());
    const markers = rows.filter((r) => r.scope === JOB_SCOPE_ALL);
    expect(markers).toHaveLength(1);
    expect(markers[0].count).toBe(a + b);
  });

  it("records a failing organization's error while the other organization's work commits, and retries it next tick", async () => {
    const scheduler = t.app.get(JobScheduler);
    failFor = orgB.organizationId;
    const tick = await scheduler.tick('test-fail');
    expect(tick.count).toBe(1);
    expect(tick.failed).toEqual([{ scope: orgB.organizationId, error: `boom for ${orgB.organizationId}` }]);

    const logged: { org: string }[] = await t.db.dataSource.query(`SELECT org FROM job_test_log WHERE job = 'test-fail'`);
    expect(logged.map((r) => r.org)).toEqual([orgA.organizationId]);
    const rows = (await runs('test-fail')).filter((r) => r.scope !== JOB_SCOPE_ALL);
    const byScope = new Map(rows.map((r) => [r.scope, r]));
    expect(byScope.get(orgA.organizationId)).toMatchObject({ count: 1, error: null });
    expect(byScope.get(orgB.organizationId)).toMatchObject({ count: 0, error: `boom for ${orgB.organizationId}` });
    expect(byScope.get(orgB.organizationId)!.error).not.toMatch(/\n\s+at /);
    expect((await runs('test-fail')).find((r) => r.scope === JOB_SCOPE_ALL)?.error).toBe('1 of 2 units failed');

    // Next tick: the organization that failed is retried and now succeeds.
    failFor = null;
    const retry = await scheduler.tick('test-fail');
    expect(retry.failed).toEqual([]);
    const [{ n }] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM job_test_log WHERE job = 'test-fail' AND org = $1`, [orgB.organizationId]);
    expect(n).toBe(1);
  });

  it('two schedulers running the same job at once do each unit once', async () => {
    await t.db.dataSource.query(`INSERT INTO job_test_queue (org) SELECT $1::uuid FROM generate_series(1, 3)`, [orgA.organizationId]);
    await t.db.dataSource.query(`INSERT INTO job_test_queue (org) SELECT $1::uuid FROM generate_series(1, 2)`, [orgB.organizationId]);
    const ticks = await Promise.all([t.app.get(JobScheduler).tick('test-once'), t2.app.get(JobScheduler).tick('test-once')]);
    expect(ticks[0].count + ticks[1].count).toBe(5);
    expect(ticks.flatMap((x) => x.failed)).toEqual([]);
    // On a server the two really overlap: one of them finds a unit locked and skips it.
    if (ON_SERVER) expect(ticks[0].skipped + ticks[1].skipped).toBeGreaterThan(0);
    const logged: { org: string; n: number }[] = await t.db.dataSource.query(`SELECT org, n FROM job_test_log WHERE job = 'test-once' ORDER BY n DESC`);
    expect(logged).toEqual([
      { org: orgA.organizationId, n: 3 },
      { org: orgB.organizationId, n: 2 },
    ]);
    const units = (await runs('test-once')).filter((r) => r.scope !== JOB_SCOPE_ALL);
    expect(units.map((r) => [r.scope, r.count]).sort()).toEqual(
      [
        [orgA.organizationId, 3],
        [orgB.organizationId, 2],
      ].sort(),
    );
  });

  it('a restarted scheduler runs a job that ran recently when it is due, not at once; a job that never ran at once', async () => {
    expect(await t.app.get(JobScheduler).runOnce('test-due')).toBe(1);
    expect(calls['test-due']).toBe(1);
    // "Restart": another process on the same database (PostgreSQL), or the same scheduler
    // started afresh (PGlite); either way the due time comes from job_run.
    const restarted = t2.app.get(JobScheduler);
    const delay = await restarted.nextDelay('test-due');
    expect(delay).toBeGreaterThan(3590_000);
    expect(delay).toBeLessThanOrEqual(3600_000);
    await restarted.start(['test-due', 'test-fresh']);
    try {
      expect(restarted.isScheduled('test-due')).toBe(true);
      for (let i = 0; i < 50 && !calls['test-fresh']; i++) await sleep(100);
      expect(calls['test-fresh']).toBe(1);
      await sleep(300);
      expect(calls['test-due']).toBe(1);
    } finally {
      await restarted.stop();
    }
    expect(restarted.isScheduled('test-due')).toBe(false);
  });

  it('the built-in jobs run per organization (nothing due in fresh organizations) and record their ticks', async () => {
    const scheduler = t.app.get(JobScheduler);
    expect(await scheduler.runOnce(MARK_MISSED_JOB)).toBe(0);
    expect(await scheduler.runOnce(CLOSE_PERIODS_JOB)).toBe(0);
    for (const job of [MARK_MISSED_JOB, CLOSE_PERIODS_JOB]) {
      const rows = await runs(job);
      expect(rows.map((r) => [r.scope, r.count, r.error])).toEqual([[JOB_SCOPE_ALL, 0, null]]);
    }
  });
});
