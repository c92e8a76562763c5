/**
 * bench/intake — 10,000 intake submissions through the public GraphQL mutation
 * (`submitIntakeBatch`, 10 requests of 1,000: validation, scoring, dedupe, idempotency, routing,
 * stage history, audit, events) versus the same rows written with raw multi-row INSERTs through
 * `pg`, on the same PostgreSQL, in one run. The reference is fair (issue 21): it writes at the same
 * parallelism as the mutation side (BENCH_IN_FLIGHT connections, each inserting its share of the
 * rows in one transaction), with the API's session settings, once with JIT as configured and once
 * with JIT off; the ratio is taken against the faster of the two.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:intake
 *
 * Creates and drops its own scratch database. Deterministic data (seeded PRNG).
 */
import { DEMO_PERSONAS } from '../src/demo/seeds/personas.seed.js';
import 'reflect-metadata';
import { createScorer, type Answer } from '@lib/scoring';
import { randomUUID } from 'node:crypto';
import { PerformanceObserver } from 'node:perf_hooks';
import pg from 'pg';
import { apiSessionSettings, openReferenceClient } from './fair-reference.js';
import { median } from './generate.js';
import { graphqlClient } from './http-client.js';
import { createApp } from '../src/bootstrap.js';
import { DATABASE } from '../src/database/database.module.js';
import type { OpenedDatabase } from '../src/database/data-source.js';
import { createLogger } from '../src/common/logger.js';
import { RequestContext } from '../src/common/request-context.js';
import { loadConfig } from '../src/config/config.js';
import { mulberry32 } from '@lib/stats';
import { demoSurveyDefinition } from '../src/demo/seeds/intake.seed.js';
import { Role, TeamKind } from '../src/organization/entities/team-kind.js';
import { OrganizationService } from '../src/organization/organization.service.js';
import { PeopleService } from '../src/organization/people.service.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ADMIN_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const PASSWORD = 'bench-password-123';

function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

const SUBMIT_BATCH = 'mutation($inputs: [SubmitIntakeInput!]!) { submitIntakeBatch(inputs: $inputs) { submitted assigned } }';

async function main(): Promise<void> {
  const dbName = `squadops_bench_intake_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const url = withDb(ADMIN_URL, dbName);
  const config = loadConfig(
    {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: url,
      SEED_DEMO: 'false',
      RUN_JOBS: 'false',
      MAX_BODY_BYTES: String(8 << 20),
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    },
    {
      jwtSecret: 'bench-secret-bench-secret-bench-secret-0123',
    },
  );
  config.limits.queryComplexity = 1_000_000;
  const app = await createApp(config, createLogger('warn'));
  let api: ReturnType<typeof graphqlClient> | undefined;
  try {
    await app.listen(0, '127.0.0.1');
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    api = graphqlClient(`${base}/graphql`);
    const gql = api.post;
    const postBody = api.postBody;

    // Organization: 3 pre-sales squads of 6 reps, capacity-weighted routing of tiers A and B.
    const orgs = app.get(OrganizationService);
    const people = app.get(PeopleService);
    const setupOrg = async (name: string) => {
      const { organizationId } = await orgs.createOrganizationWithAdmin({
        organizationName: name,
        email: `admin@${name}.bench`,
        password: PASSWORD,
        name: 'Admin',
        timeZone: 'Asia/Shanghai',
        currency: 'CNY',
      });
      const ctx = RequestContext.system(organizationId);
      const legion = await orgs.createLegion(ctx, { name: 'Pre-sales', kind: TeamKind.PRE_SALES });
      const squadIds: string[] = [];
      for (const s of ['Tigers', 'Falcons', 'Wolves']) {
        const squad = await orgs.createSquad(ctx, { legionId: legion.id, name: s });
        squadIds.push(squad.id);
        for (let i = 1; i <= 6; i++) {
          await people.createUser(ctx, {
            email: `rep.${s}.${i}@${name}.bench`.toLowerCase(),
            name: `${s} ${i}`,
            password: PASSWORD,
            role: Role.MEMBER,
            squadId: squad.id,
          });
        }
      }
      const token = (
        await gql<{ login: { accessToken: string } }>('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', {
          e: `admin@${name}.bench`,
          p: PASSWORD,
        })
      ).login.accessToken;
      // The survey's personas must be in the organization's catalog before it is published.
      for (const p of DEMO_PERSONAS) {
        await gql('mutation($i: CreatePersonaInput!) { createPersona(input: $i) { id } }', { i: { key: p.key, name: p.name } }, token);
      }
      const survey = (
        await gql<{ createSurvey: { id: string } }>(
          'mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id } }',
          { i: { name: 'Intake', kind: 'INTAKE', definition: demoSurveyDefinition() } },
          token,
        )
      ).createSurvey.id;
      await gql('mutation($id: ID!) { publishSurvey(surveyId: $id) { survey { id } } }', { id: survey }, token);
      await gql(
        'mutation($i: RoutingConfigInput!) { setRoutingConfig(input: $i) { id } }',
        { i: { tierThreshold: 'B', strategy: 'CAPACITY_WEIGHTED', squadIds, defaultCapacity: 1000, defaultCountryCode: '86' } },
        token,
      );
      return { organizationId, token, survey };
    };
    // Deterministic inputs.
    const rnd = mulberry32(42);
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    const rows = Array.from({ length: ROWS }, (_, i) => {
      const answers = [
        { questionKey: 'experience', optionKeys: [pick(['none', 'under_1y', '1_3y', 'over_3y'])] },
        { questionKey: 'goal', optionKeys: [pick(['career_change', 'promotion', 'freelance', 'curiosity'])] },
        { questionKey: 'level', optionKeys: [pick(['beginner', 'intermediate', 'advanced'])] },
        { questionKey: 'formats', optionKeys: [pick(['webinars', 'video_course', 'mentoring', 'none'])] },
        { questionKey: 'budget', optionKeys: [pick(['under_3k', '3k_10k', 'over_10k', 'employer_pays'])] },
        { questionKey: 'hours', value: String(pick([1, 3, 6, 12])) },
        { questionKey: 'ready', value: rnd() < 0.5 ? 'yes' : 'no' },
      ];
      return {
        externalId: `bench-${i}`,
        contact: { name: `Lead ${i}`, phone: `+86139${String(i).padStart(8, '0')}`, email: `lead${i}@bench.cn` },
        source: 'AD',
        answers,
      };
    });
    const scorer = createScorer(demoSurveyDefinition());
    const counter = process.env.BENCH_PROFILE ? app.get<OpenedDatabase>(DATABASE).queryCounter : null;

    // Each timed phase starts from a quiet database: the previous phase's 10,000 rows would
    // otherwise trigger autovacuum and a checkpoint in the middle of the next one.
    const settle = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query('VACUUM ANALYZE');
      await c.query('CHECKPOINT');
      await c.end();
      // And from a collected heap (the process runs with --expose-gc): the previous phase's garbage is not charged to this one.
      (globalThis as { gc?: () => void }).gc?.();
    };

    // 1. Through the public mutation: BATCH inputs per request, IN_FLIGHT requests at a time (a form
    //    gateway forwarding submissions as they come), so one request's parsing and validation
    //    overlaps the previous one's database writes.
    const viaMutation = async (org: { token: string; survey: string }) => {
      await settle();
      counter?.reset();
      let gcMs = 0;
      const gc = counter ? new PerformanceObserver((list) => list.getEntries().forEach((e) => (gcMs += e.duration))) : null;
      gc?.observe({ entryTypes: ['gc'] });
      // The request bodies are serialized before the clock starts, as the raw path's SQL text is:
      // the client runs in the server's process here, and its work is not the server's.
      const bodies: string[] = [];
      for (let i = 0; i < ROWS; i += BATCH) {
        bodies.push(JSON.stringify({ query: SUBMIT_BATCH, variables: { inputs: rows.slice(i, i + BATCH).map((r) => ({ surveyId: org.survey, ...r })) } }));
      }
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      let submitted = 0;
      let assigned = 0;
      let next = 0;
      const worker = async () => {
        while (next < bodies.length) {
          const res = await postBody<{ submitIntakeBatch: { submitted: number; assigned: number } }>(bodies[next++], org.token);
          submitted += res.submitIntakeBatch.submitted;
          assigned += res.submitIntakeBatch.assigned;
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
      const ms = performance.now() - t0;
      if (counter) {
        const cpu = process.cpuUsage(cpu0);
        gc?.disconnect();
        console.log(
          `  profile: ${counter.count} SQL statements for ${ROWS} submissions; Node CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms, GC pauses ${gcMs.toFixed(0)} ms`,
        );
      }
      if (submitted !== ROWS) throw new Error(`expected ${ROWS} submissions, got ${submitted}`);
      return { ms, assigned };
    };

    // 2. The same rows, raw: multi-row INSERTs into lead and intake_submission, at the same
    //    parallelism as the mutation side (IN_FLIGHT connections, each writing its share of the rows
    //    in one transaction), on connections with the API's session settings, JIT as configured or off.
    const sessionSettings = await apiSessionSettings(app);
    const viaRawInsert = async (org: { organizationId: string; survey: string }, jit: boolean) => {
      const clients = await Promise.all(Array.from({ length: IN_FLIGHT }, () => openReferenceClient({ connectionString: url }, sessionSettings, jit)));
      const client = clients[0];
      const [{ current_version_id: versionId }] = (await client.query('SELECT current_version_id FROM survey WHERE id = $1', [org.survey])).rows;
      const lit = (v: unknown) => (v === null || v === undefined ? 'NULL' : client.escapeLiteral(String(v)));
      const prepared = rows.map((r) => {
        const answers: Answer[] = r.answers.map((x) => ({ questionKey: x.questionKey, optionKeys: x.optionKeys ?? [], value: x.value ?? null }));
        return { id: randomUUID(), r, answers, scored: scorer.score(answers) };
      });
      const share = Math.ceil(prepared.length / IN_FLIGHT);
      const statements = clients.map((_, k) => {
        const part = prepared.slice(k * share, (k + 1) * share);
        const leadSql =
          'INSERT INTO lead (id, organization_id, name, phone, email, source, score, tier, persona, stage, stage_changed_at) VALUES ' +
          part
            .map(
              (p) =>
                `(${lit(p.id)}, ${lit(org.organizationId)}, ${lit(p.r.contact.name)}, ${lit(p.r.contact.phone)}, ${lit(p.r.contact.email)}, 'AD', ${p.scored.score}, ${lit(p.scored.tier)}, ${lit(p.scored.persona)}, 'PROSPECT', now())`,
            )
            .join(',');
        const subSql =
          'INSERT INTO intake_submission (organization_id, survey_id, survey_version_id, lead_id, external_id, answers, score, tier, persona, explanation) VALUES ' +
          part
            .map(
              (p) =>
                `(${lit(org.organizationId)}, ${lit(org.survey)}, ${lit(versionId)}, ${lit(p.id)}, ${lit(p.r.externalId)}, ${lit(JSON.stringify(p.answers))}, ${p.scored.score}, ${lit(p.scored.tier)}, ${lit(p.scored.persona)}, ${lit(JSON.stringify(p.scored.explanation))})`,
            )
            .join(',');
        return part.length ? [leadSql, subSql] : [];
      });
      await settle();
      const t1 = performance.now();
      await Promise.all(
        clients.map(async (c, k) => {
          if (!statements[k].length) return;
          await c.query('BEGIN');
          for (const sql of statements[k]) await c.query(sql);
          await c.query('COMMIT');
        }),
      );
      const ms = performance.now() - t1;
      await Promise.all(clients.map((c) => c.end()));
      return ms;
    };

    // Rounds on fresh organizations; the machine's noise (other processes, checkpoints) moves
    // single runs by ±30 %, so the median ratio is the figure to quote.
    const rate = (ms: number) => Math.round((ROWS / ms) * 1000);
    const ratios: number[] = [];
    const rawJitMs: number[] = [];
    const rawNoJitMs: number[] = [];
    process.stdout.write(
      `bench/intake on ${new URL(ADMIN_URL).host} (${(await admin.query('SHOW server_version')).rows[0].server_version}), ${ROWS} submissions, ${ROUNDS} round(s)\n`,
    );
    // Warm-up, not timed: the first requests compile the whole path (JIT) in this fresh process,
    // which a long-running API has done long before; its own organization, so nothing collides.
    const warm = await setupOrg('warmup');
    for (let i = 0; i < Math.min(ROWS, 2 * BATCH); i += BATCH) {
      await gql(SUBMIT_BATCH, { inputs: rows.slice(i, i + BATCH).map((r) => ({ surveyId: warm.survey, ...r })) }, warm.token);
    }
    for (let round = 1; round <= ROUNDS; round++) {
      const a = await setupOrg(`mutation${round}`);
      const b = await setupOrg(`rawjit${round}`);
      const c = await setupOrg(`rawnojit${round}`);
      const mutation = await viaMutation(a);
      // The two references alternate their order between rounds.
      const jitFirst = round % 2 === 1;
      const first = await viaRawInsert(jitFirst ? b : c, jitFirst);
      const second = await viaRawInsert(jitFirst ? c : b, !jitFirst);
      const [rawJit, rawNoJit] = jitFirst ? [first, second] : [second, first];
      const rawMs = Math.min(rawJit, rawNoJit);
      rawJitMs.push(rawJit);
      rawNoJitMs.push(rawNoJit);
      ratios.push(rawMs / mutation.ms);
      process.stdout.write(
        [
          `  round ${round}: submitIntakeBatch (GraphQL, ${ROWS / BATCH} requests × ${BATCH}, ${IN_FLIGHT} in flight): ${mutation.ms.toFixed(0)} ms  (${rate(mutation.ms)} rows/s, ${mutation.assigned} routed to reps)`,
          `           raw multi-row INSERTs (lead + intake_submission, ${IN_FLIGHT} connection(s)): JIT on ${rawJit.toFixed(0)} ms, JIT off ${rawNoJit.toFixed(0)} ms; best ${rawMs.toFixed(0)} ms  (${rate(rawMs)} rows/s)  ratio ${(rawMs / mutation.ms).toFixed(2)}×`,
          '',
        ].join('\n'),
      );
    }
    process.stdout.write(`  raw medians: JIT on ${median(rawJitMs).toFixed(0)} ms, JIT off ${median(rawNoJitMs).toFixed(0)} ms\n`);
    process.stdout.write(`  throughput ratio mutation / best raw (paired), median of ${ROUNDS}: ${median(ratios).toFixed(2)}× (target >= 0.5×)\n`);
  } finally {
    api?.close();
    await app.close();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
