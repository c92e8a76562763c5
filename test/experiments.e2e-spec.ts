import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import { analyzeExperiment, msprt, sequentialPValues } from '@lib/stats';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { InMemoryPubSub, PUB_SUB } from '../src/common/pubsub.js';
import { RequestContext } from '../src/common/request-context.js';
import { ExperimentDataService } from '../src/experiments/experiment-data.service.js';
import { allocateVariant, allocationPoint } from '../src/experiments/experiment-rules.js';
import { Lead, LeadSource, LeadStage } from '../src/leads/entities/lead.entity.js';
import { LeadStageService } from '../src/leads/lead-stage.js';
import { TransactionRunner } from '../src/database/transaction.js';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, expectError, startDemoTestApp, startTestApp, type TestApp } from './support/harness.js';

const FIELDS = `id title status teamKind tags ownerId squadId metricKind analysisMode verdict winnerVariantKey summary conclusionWarnings publishedAt publicationNote
  variants { key isControl weight }`;
const ANALYSIS = `analysis { method decisionReady requiredSamplePerArm warnings looks
  variants { key exposures conversions rate ciLow ciHigh }
  comparisons { variantKey upliftAbs upliftRel ciLow ciHigh pValue test probabilityToBeatControl significant }
  srm { chiSquare pValue flagged } }`;

interface Exp {
  id: string;
  title: string;
  status: string;
  teamKind: string;
  tags: string[];
  ownerId: string;
  squadId: string;
  verdict: string | null;
  winnerVariantKey: string | null;
  publishedAt: string | null;
  conclusionWarnings: string[];
  variants: { key: string; isControl: boolean; weight: number }[];
  analysis?: {
    method: string;
    decisionReady: boolean;
    requiredSamplePerArm: number | null;
    warnings: string[];
    looks: number;
    variants: { key: string; exposures: number; conversions: number; rate: number; ciLow: number; ciHigh: number }[];
    comparisons: {
      variantKey: string;
      upliftAbs: number;
      upliftRel: number | null;
      ciLow: number;
      ciHigh: number;
      pValue: number;
      test: string;
      probabilityToBeatControl: number;
    }[];
    srm: { chiSquare: number; pValue: number; flagged: boolean };
  };
}

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const daysAgo = (n: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - n * 86400_000));

describe('experiments shared across teams', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let other: FixtureOrg;
  const tk: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'exp');
    other = await buildOrg(t.app, 'oth');
    tk.admin = await t.login(org.admin.email, PASSWORD);
    tk.manager = await t.login(org.manager.email, PASSWORD);
    tk.leadA1 = await t.login(org.leads.A1.email, PASSWORD);
    tk.leadA2 = await t.login(org.leads.A2.email, PASSWORD);
    tk.repA1 = await t.login(org.members.A1[0].email, PASSWORD);
    tk.repA2 = await t.login(org.members.A2[0].email, PASSWORD);
    tk.curB1 = await t.login(org.members.B1[0].email, PASSWORD);
    tk.otherAdmin = await t.login(other.admin.email, PASSWORD);
  });
  afterAll(async () => t?.close());

  const create = async (token: string, input: Record<string, unknown> = {}): Promise<Exp> =>
    expectData(
      await t.gql<{ createExperiment: Exp }>(
        `mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { ${FIELDS} } }`,
        {
          input: {
            title: 'Voice note first',
            hypothesis: 'Voice notes get more replies',
            tags: ['Voice', ' first-contact ', 'voice'],
            metricKey: 'replied',
            metricKind: 'LOGGED',
            minDetectableEffect: 0.02,
            variants: [
              { key: 'control', description: 'Text', isControl: true },
              { key: 'voice', description: 'Voice note' },
            ],
            ...input,
          },
        },
        token,
      ),
    ).createExperiment;
  const status = (op: 'startExperiment' | 'stopExperiment' | 'archiveExperiment', id: string, token: string) =>
    t.gql<Record<string, Exp>>(`mutation($id: ID!) { ${op}(id: $id) { ${FIELDS} } }`, { id }, token);
  const conclude = (id: string, verdict: string, token: string, extra: Record<string, unknown> = {}) =>
    t.gql<{ concludeExperiment: Exp }>(
      `mutation($id: ID!, $v: ExperimentVerdict!, $w: String) { concludeExperiment(id: $id, verdict: $v, summary: "learned", winnerVariantKey: $w) { ${FIELDS} } }`,
      { id, v: verdict, w: extra.winner ?? null },
      token,
    );
  const publish = (id: string, token: string) =>
    t.gql<{ publishExperiment: Exp }>(`mutation($id: ID!) { publishExperiment(id: $id, note: "Everyone: do this") { ${FIELDS} } }`, { id }, token);
  const log = (id: string, entries: unknown[], token: string, note?: string) =>
    t.gql<{ logExperimentData: Exp }>(
      `mutation($id: ID!, $e: [ExperimentDataEntryInput!]!, $n: String) { logExperimentData(experimentId: $id, entries: $e, note: $n) { id } }`,
      { id, e: entries, n: note ?? null },
      token,
    );
  const analysis = async (id: string, token = tk.repA1) =>
    expectData(await t.gql<{ experiment: Exp }>(`query($id: ID!) { experiment(id: $id) { ${FIELDS} ${ANALYSIS} } }`, { id }, token)).experiment;
  const backdate = (id: string, days: number) =>
    t.db.dataSource.query(`UPDATE experiment SET started_at = now() - ($2 || ' days')::interval WHERE id = $1`, [id, days]);
  const audits = async (id: string) =>
    (await t.db.dataSource.query(`SELECT action, diff FROM audit_event WHERE entity_type = 'Experiment' AND entity_id = $1 ORDER BY id`, [id])) as {
      action: string;
      diff: Record<string, unknown>;
    }[];
  /** A LOGGED experiment with data, stopped and ready to conclude. */
  const stoppedWith = async (token: string, counts: [number, number, number, number], input: Record<string, unknown> = {}) => {
    const e = await create(token, input);
    expectData(await status('startExperiment', e.id, token));
    await backdate(e.id, 3);
    expectData(
      await log(
        e.id,
        [
          { variantKey: 'control', day: daysAgo(1), exposures: counts[0], conversions: counts[1] },
          { variantKey: 'voice', day: daysAgo(1), exposures: counts[2], conversions: counts[3] },
        ],
        token,
      ),
    );
    expectData(await status('stopExperiment', e.id, token));
    return e;
  };

  it('runs the lifecycle, rejects invalid transitions and audits every change', async () => {
    const e = await create(tk.repA1);
    expect(e).toMatchObject({
      status: 'DRAFT',
      teamKind: 'PRE_SALES',
      ownerId: org.members.A1[0].id,
      squadId: org.squads.A1,
      tags: ['first-contact', 'voice'],
    });
    expect(e.variants.map((v) => v.key)).toEqual(['control', 'voice']);

    expectError(await conclude(e.id, 'WIN', tk.repA1), 'CONFLICT');
    expectError(await publish(e.id, tk.manager), 'CONFLICT');
    expectError(await status('stopExperiment', e.id, tk.repA1), 'CONFLICT');
    expectError(await status('startExperiment', e.id, tk.repA2), 'FORBIDDEN'); // another squad's rep
    expect(expectData(await status('startExperiment', e.id, tk.repA1)).startExperiment.status).toBe('RUNNING');
    const again = expectError(await status('startExperiment', e.id, tk.repA1), 'CONFLICT');
    expect(again.message).toContain('RUNNING to RUNNING');
    // Design is frozen once running; title and tags are not.
    expectError(
      await t.gql(`mutation($id: ID!) { updateExperiment(id: $id, input: { minDetectableEffect: 0.05 }) { id } }`, { id: e.id }, tk.repA1),
      'CONFLICT',
    );
    expectData(await t.gql(`mutation($id: ID!) { updateExperiment(id: $id, input: { title: "Voice note, v2" }) { id } }`, { id: e.id }, tk.leadA1));
    expectError(await conclude(e.id, 'WIN', tk.repA1), 'CONFLICT'); // stop first
    expectData(await status('stopExperiment', e.id, tk.leadA1)); // the squad's lead manages it
    const concluded = expectData(await conclude(e.id, 'INCONCLUSIVE', tk.repA1)).concludeExperiment;
    expect(concluded).toMatchObject({ status: 'CONCLUDED', verdict: 'INCONCLUSIVE', summary: 'learned' });
    expectData(await publish(e.id, tk.manager));
    const archived = expectError(await status('archiveExperiment', e.id, tk.admin), 'CONFLICT');
    expect(archived.message).toContain('PUBLISHED is final');

    expect((await audits(e.id)).map((a) => a.action)).toEqual(['CREATED', 'STATUS_CHANGED', 'UPDATED', 'STATUS_CHANGED', 'CONCLUDED', 'PUBLISHED']);

    const draft = await create(tk.repA1);
    expect(expectData(await status('archiveExperiment', draft.id, tk.repA1)).archiveExperiment.status).toBe('ARCHIVED');
    expectError(await status('startExperiment', draft.id, tk.repA1), 'CONFLICT');
  });

  it('validates the design and who may create', async () => {
    const bad = await t.gql(
      `mutation { createExperiment(input: { title: "x", hypothesis: "y", metricKey: "replied", metricKind: LOGGED, minDetectableEffect: 0.02,
        variants: [{ key: "a", description: "a", isControl: true }, { key: "b", description: "b", isControl: true }] }) { id } }`,
      {},
      tk.repA1,
    );
    expect(expectError(bad, 'BAD_USER_INPUT').message).toContain('exactly one variant must be the control');
    expectError(
      await t.gql(
        `mutation { createExperiment(input: { title: "x", hypothesis: "y", metricKey: "replied", metricKind: LOGGED, minDetectableEffect: 0.02,
        variants: [{ key: "Bad Key", description: "a", isControl: true }, { key: "b", description: "b" }] }) { id } }`,
        {},
        tk.repA1,
      ),
      'BAD_USER_INPUT',
    );
    const tracked = expectError(
      await t.gql(
        `mutation { createExperiment(input: { title: "x", hypothesis: "y", metricKey: "replied", metricKind: TRACKED, minDetectableEffect: 0.02,
        variants: [{ key: "a", description: "a", isControl: true }, { key: "b", description: "b" }] }) { id } }`,
        {},
        tk.repA1,
      ),
      'BAD_USER_INPUT',
    );
    expect(tracked.message).toContain('converted_to_paid');
    expectError(
      await t.gql(
        `mutation($s: ID!) { createExperiment(input: { title: "x", hypothesis: "y", squadId: $s, metricKey: "replied", metricKind: LOGGED, minDetectableEffect: 0.02,
        variants: [{ key: "a", description: "a", isControl: true }, { key: "b", description: "b" }] }) { id } }`,
        { s: org.squads.A2 },
        tk.repA1,
      ),
      'FORBIDDEN',
    );
    // A lead creates one for a rep of their squad; the manager for any squad of the legion.
    const forRep = await create(tk.leadA1, { ownerId: org.members.A1[1].id });
    expect(forRep).toMatchObject({ ownerId: org.members.A1[1].id, squadId: org.squads.A1 });
    expectError(
      await t.gql(
        `mutation($o: ID!) { createExperiment(input: { title: "x", hypothesis: "y", ownerId: $o, metricKey: "replied", metricKind: LOGGED, minDetectableEffect: 0.02,
        variants: [{ key: "a", description: "a", isControl: true }, { key: "b", description: "b" }] }) { id } }`,
        { o: org.members.A2[0].id },
        tk.leadA1,
      ),
      'FORBIDDEN',
    );
    expect((await create(tk.manager, { squadId: org.squads.A2 })).squadId).toBe(org.squads.A2);
  });

  it('keeps logged data append-only: corrections are new entries and totals never go negative', async () => {
    const e = await create(tk.repA1);
    expectError(await log(e.id, [{ variantKey: 'control', day: today(), exposures: 1, conversions: 0 }], tk.repA1), 'CONFLICT'); // DRAFT
    expectData(await status('startExperiment', e.id, tk.repA1));
    await backdate(e.id, 5);
    expectData(
      await log(
        e.id,
        [
          { variantKey: 'control', day: daysAgo(2), exposures: 100, conversions: 10 },
          { variantKey: 'voice', day: daysAgo(2), exposures: 100, conversions: 20 },
        ],
        tk.repA1,
      ),
    );
    // Correction: 10 exposures and 1 conversion were double-counted.
    expectData(await log(e.id, [{ variantKey: 'control', day: daysAgo(2), exposures: -10, conversions: -1 }], tk.repA1, 'double-counted'));
    const negative = expectError(await log(e.id, [{ variantKey: 'voice', day: daysAgo(2), exposures: -101, conversions: 0 }], tk.repA1), 'BAD_USER_INPUT');
    expect(negative.message).toContain('below zero');
    expectError(await log(e.id, [{ variantKey: 'voice', day: daysAgo(1), exposures: 0, conversions: 90 }], tk.repA1), 'BAD_USER_INPUT'); // 110 conv > 100 exp
    expectError(await log(e.id, [{ variantKey: 'voice', day: daysAgo(-2), exposures: 5, conversions: 1 }], tk.repA1), 'BAD_USER_INPUT'); // future
    expectError(await log(e.id, [{ variantKey: 'voice', day: daysAgo(30), exposures: 5, conversions: 1 }], tk.repA1), 'BAD_USER_INPUT'); // before start
    const unknown = expectError(await log(e.id, [{ variantKey: 'nope', day: today(), exposures: 5, conversions: 1 }], tk.repA1), 'BAD_USER_INPUT');
    expect(unknown.extensions?.fields?.[0].field).toBe('entries.0.variantKey');
    expectError(await log(e.id, [{ variantKey: 'voice', day: today(), exposures: 5, conversions: 1 }], tk.repA2), 'FORBIDDEN');

    const a = await analysis(e.id, tk.curB1);
    expect(a.analysis!.variants).toEqual([
      expect.objectContaining({ key: 'control', exposures: 90, conversions: 9 }),
      expect.objectContaining({ key: 'voice', exposures: 100, conversions: 20 }),
    ]);
    const entries = expectData(
      await t.gql<{ experiment: { dataEntries: { nodes: { variantKey: string; exposures: number; note: string | null; recordedById: string }[] } } }>(
        `query($id: ID!) { experiment(id: $id) { dataEntries(first: 10) { nodes { variantKey exposures conversions note recordedById recordedAt } } } }`,
        { id: e.id },
        tk.repA2,
      ),
    ).experiment.dataEntries.nodes;
    expect(entries.map((x) => [x.variantKey, x.exposures, x.note])).toEqual([
      ['control', -10, 'double-counted'],
      ['voice', 100, null],
      ['control', 100, null],
    ]);
    expect(entries.every((x) => x.recordedById === org.members.A1[0].id)).toBe(true);

    await expect(t.db.dataSource.query(`UPDATE experiment_data_entry SET exposures = 0 WHERE experiment_id = $1`, [e.id])).rejects.toThrow(/append-only/);
    await expect(t.db.dataSource.query(`DELETE FROM experiment_data_entry WHERE experiment_id = $1`, [e.id])).rejects.toThrow(/append-only/);
  });

  it('assigns leads idempotently and reads the tracked outcome from stage changes', async () => {
    const e = await create(tk.repA1, { metricKey: 'converted_to_paid', metricKind: 'TRACKED', title: 'Video instead of brochure' });
    const m = t.db.dataSource.manager;
    const mkLead = async (name: string, ownerId: string | null = null) =>
      (
        await m.save(
          m.create(Lead, {
            organizationId: org.organizationId,
            name,
            source: LeadSource.AD,
            stage: LeadStage.PROSPECT,
            stageChangedAt: new Date(),
            ownerId,
            squadId: org.squads.A1,
          }),
        )
      ).id;
    const leads: string[] = [];
    for (let i = 0; i < 6; i++) leads.push(await mkLead(`lead ${i}`, i === 0 ? org.members.A1[0].id : null));
    const assign = (leadId: string, variantKey: string | null, token = tk.repA1) =>
      t.gql<{ assignLeadToVariant: { leadId: string; variantKey: string; created: boolean } }>(
        `mutation($e: ID!, $l: ID!, $v: String) { assignLeadToVariant(experimentId: $e, leadId: $l, variantKey: $v) { leadId variantKey assignedAt created } }`,
        { e: e.id, l: leadId, v: variantKey },
        token,
      );
    expectError(await assign(leads[0], null), 'CONFLICT'); // not running yet

    // Lead 5 converted before the experiment: its conversion must not count.
    const stages = t.app.get(LeadStageService);
    const txr = t.app.get(TransactionRunner);
    const sys = RequestContext.system(org.organizationId);
    await txr.run(() => stages.transition(sys, leads[5], LeadStage.CONVERTED, { at: new Date(Date.now() - 60_000) }));

    expectData(await status('startExperiment', e.id, tk.repA1));
    const variants = e.variants.map((v) => ({ ...v }));
    const first = expectData(await assign(leads[0], null)).assignLeadToVariant;
    expect(first).toMatchObject({ leadId: leads[0], created: true, variantKey: allocateVariant(variants, allocationPoint(e.id, leads[0])).key });
    const repeat = expectData(await assign(leads[0], null)).assignLeadToVariant;
    expect(repeat).toMatchObject({ variantKey: first.variantKey, created: false });
    const otherKey = first.variantKey === 'control' ? 'voice' : 'control';
    expect(expectError(await assign(leads[0], otherKey), 'CONFLICT').message).toContain(`already in variant "${first.variantKey}"`);
    expectError(await assign(leads[1], null, tk.repA2), 'FORBIDDEN');
    expectData(await assign(leads[1], 'control', tk.leadA1));
    expectData(await assign(leads[2], 'control'));
    expectData(await assign(leads[3], 'voice'));
    expectData(await assign(leads[4], 'voice'));
    expectData(await assign(leads[5], 'voice'));
    const rows = (await m.query(`SELECT count(*)::int AS n FROM experiment_assignment WHERE experiment_id = $1`, [e.id])) as { n: number }[];
    expect(rows[0].n).toBe(6);

    const later = new Date();
    await txr.run(async () => {
      await stages.transition(sys, leads[1], LeadStage.CONVERTED, { at: later }); // control converts
      await stages.transition(sys, leads[1], LeadStage.LEARNING, { at: new Date(later.getTime() + 1000) }); // counted once
      await stages.transition(sys, leads[3], LeadStage.INTRO, { at: later }); // not a conversion
      await stages.transition(sys, leads[4], LeadStage.CONVERTED, { at: later }); // voice converts
    });
    const counts = (a: Exp) => Object.fromEntries(a.analysis!.variants.map((v) => [v.key, [v.exposures, v.conversions]]));
    const c0 = first.variantKey === 'control' ? 1 : 0;
    expect(counts(await analysis(e.id))).toEqual({ control: [2 + c0, 1], voice: [3 + (1 - c0), 1] });

    // After the stop, conversions no longer count.
    expectData(await status('stopExperiment', e.id, tk.repA1));
    await txr.run(() => stages.transition(sys, leads[2], LeadStage.CONVERTED, { at: new Date(Date.now() + 5000) }));
    expect(counts(await analysis(e.id))).toEqual({ control: [2 + c0, 1], voice: [3 + (1 - c0), 1] });
    // Stopped: no new leads, but asking again for an assigned one still answers its variant.
    expectError(await assign(await mkLead('late lead'), null), 'CONFLICT');
    expect(expectData(await assign(leads[0], null)).assignLeadToVariant).toMatchObject({ variantKey: first.variantKey, created: false });
    expectError(await assign(leads[0], null, tk.otherAdmin), 'NOT_FOUND');
  });

  it('computes the analysis with @lib/stats from SQL-aggregated counts (fixed horizon and sequential)', async () => {
    const fixed = await stoppedWith(tk.repA1, [10000, 1000, 10000, 1100]);
    const a = (await analysis(fixed.id)).analysis!;
    const expected = analyzeExperiment({
      variants: [
        { key: 'control', isControl: true, exposures: 10000, conversions: 1000, plannedWeight: 1 },
        { key: 'voice', isControl: false, exposures: 10000, conversions: 1100, plannedWeight: 1 },
      ],
      mode: 'FIXED_HORIZON',
      minDetectableEffect: 0.02,
    });
    expect(a.method).toBe('FIXED_HORIZON');
    expect(a.decisionReady).toBe(true);
    expect(a.requiredSamplePerArm).toBe(3841);
    expect(a.comparisons[0].test).toBe('Z_TEST');
    expect(a.comparisons[0].pValue).toBeCloseTo(expected.comparisons[0].pValue, 12);
    expect(a.comparisons[0].pValue).toBeCloseTo(0.0211, 4);
    expect(a.comparisons[0].ciLow).toBeCloseTo(expected.comparisons[0].ciLow, 12);
    expect(a.comparisons[0].ciHigh).toBeCloseTo(expected.comparisons[0].ciHigh, 12);
    expect(a.comparisons[0].probabilityToBeatControl).toBeCloseTo(0.9895, 4);
    expect(a.variants[0].ciLow).toBeCloseTo(expected.variants[0].ciLow, 12);
    expect(a.srm).toEqual({ chiSquare: 0, pValue: 1, flagged: false });

    // Sequential: strong evidence on day 1, diluted by day 2. The reported always-valid p-value is the
    // running minimum over the daily looks, so it does not go back up.
    const seq = await create(tk.repA1, { analysisMode: 'SEQUENTIAL', minDetectableEffect: 0.05 });
    expectData(await status('startExperiment', seq.id, tk.repA1));
    await backdate(seq.id, 5);
    const day = (d: number, c: [number, number], v: [number, number]) => [
      { variantKey: 'control', day: daysAgo(d), exposures: c[0], conversions: c[1] },
      { variantKey: 'voice', day: daysAgo(d), exposures: v[0], conversions: v[1] },
    ];
    expectData(await log(seq.id, day(3, [400, 40], [400, 80]), tk.repA1));
    expectData(await log(seq.id, day(2, [400, 70], [400, 35]), tk.repA1));
    const s = (await analysis(seq.id)).analysis!;
    const looks = [
      { control: { exposures: 400, conversions: 40 }, treatment: { exposures: 400, conversions: 80 } },
      { control: { exposures: 800, conversions: 110 }, treatment: { exposures: 800, conversions: 115 } },
    ];
    const ps = sequentialPValues(looks, { tau: 0.05 });
    expect(s.method).toBe('SEQUENTIAL');
    expect(s.looks).toBe(2);
    expect(s.comparisons[0].test).toBe('MSPRT');
    const lastLookAlone = msprt(looks[1].control, looks[1].treatment, { tau: 0.05 }).pValue;
    expect(ps[0]).toBeLessThan(0.01);
    expect(lastLookAlone).toBeGreaterThan(0.5);
    expect(s.comparisons[0].pValue).toBeCloseTo(ps[1], 12);
    expect(s.comparisons[0].pValue).toBeCloseTo(ps[0], 12);
    // The interval is that of the latest look (always valid at every look).
    expect(s.comparisons[0].upliftAbs).toBeCloseTo(115 / 800 - 110 / 800, 12);
  });

  it('records conclusion warnings when the verdict is not backed by the analysis', async () => {
    const tiny = await stoppedWith(tk.repA1, [40, 4, 40, 6]);
    const w = expectData(await conclude(tiny.id, 'WIN', tk.repA1)).concludeExperiment;
    expect(w.winnerVariantKey).toBe('voice');
    expect(w.conclusionWarnings.some((x) => x.startsWith('The analysis is not decision-ready (Preliminary: 40 of'))).toBe(true);
    expect(w.conclusionWarnings.some((x) => x.includes('includes zero'))).toBe(true);
    const audit = (await audits(tiny.id)).find((x) => x.action === 'CONCLUDED')!;
    expect(audit.diff.warnings).toEqual(w.conclusionWarnings);
    expect((audit.diff.analysis as { decisionReady: boolean }).decisionReady).toBe(false);

    const worse = await stoppedWith(tk.repA1, [5000, 600, 5000, 500]);
    const ww = expectData(await conclude(worse.id, 'WIN', tk.leadA1)).concludeExperiment;
    expect(ww.conclusionWarnings.some((x) => x.includes('converts worse than the control'))).toBe(true);

    const srm = await stoppedWith(tk.repA1, [5000, 500, 5600, 620]);
    const sw = expectData(await conclude(srm.id, 'INCONCLUSIVE', tk.repA1)).concludeExperiment;
    expect(sw.conclusionWarnings[0]).toContain('Sample ratio mismatch');

    const clean = await stoppedWith(tk.repA1, [10000, 1000, 10000, 1100]);
    expect(expectData(await conclude(clean.id, 'WIN', tk.repA1)).concludeExperiment.conclusionWarnings).toEqual([]);
    expectError(await conclude(clean.id, 'WIN', tk.repA1), 'CONFLICT'); // already concluded

    const notYours = await stoppedWith(tk.repA1, [100, 10, 100, 12]);
    expectError(await conclude(notYours.id, 'LOSS', tk.repA2), 'FORBIDDEN');
    expectError(await conclude(notYours.id, 'LOSS', tk.leadA2), 'FORBIDDEN');
    expectError(await conclude(notYours.id, 'LOSS', tk.repA1, { winner: 'voice' }), 'BAD_USER_INPUT');
  });

  it('promotes the winning script into the linked playbook step as a new draft version', async () => {
    const content = {
      changeNote: 'v1',
      steps: [
        {
          key: 'first-dm',
          dayOffset: 0,
          localTime: '20:00',
          windowMinutes: 60,
          channel: 'PRIVATE_MESSAGE',
          audience: 'LEADS',
          title: 'First DM',
          scripts: [{ text: 'Hi {{lead.firstName}}' }],
        },
      ],
      objections: [],
    };
    const pb = expectData(
      await t.gql<{ createPlaybook: { id: string; draft: { id: string } } }>(
        'mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id draft { id } } }',
        { input: { legionId: org.legionA, name: 'Camp', kind: 'PRE_SALES', productName: 'Course', content } },
        tk.admin,
      ),
    ).createPlaybook;
    expectData(await t.gql('mutation($id: ID!) { publishPlaybookVersion(versionId: $id) { id } }', { id: pb.draft.id }, tk.admin));
    const variants = [
      { key: 'control', description: 'Text', isControl: true, script: 'Hi {{lead.firstName}}' },
      { key: 'voice', description: 'Voice note', script: 'Hi {{lead.firstName}}, I just sent you a 30-second voice note about the course.' },
    ];
    const linked = await stoppedWith(tk.repA1, [10000, 1000, 10000, 1150], { title: 'Voice DM', playbookId: pb.id, playbookStepKey: 'first-dm', variants });
    expectData(await conclude(linked.id, 'WIN', tk.repA1, { winner: 'voice' }));
    const promote = (id: string) =>
      t.gql(`mutation($id: ID!) { publishExperiment(id: $id, note: "Use it", promoteToPlaybook: true) { status } }`, { id }, tk.manager);
    expectData(await promote(linked.id));
    const after = expectData(
      await t.gql<{ playbook: { draft: { number: number; steps: { key: string; scripts: { persona: string | null; text: string }[] }[] } } }>(
        'query($id: ID!) { playbook(id: $id) { draft { number steps { key scripts { persona text } } } } }',
        { id: pb.id },
        tk.admin,
      ),
    ).playbook.draft;
    expect(after.number).toBe(2);
    expect(after.steps[0].scripts).toEqual([{ persona: null, text: variants[1].script }]);
    // Not linked to a playbook: refused, nothing published.
    const unlinked = await stoppedWith(tk.repA1, [10000, 1000, 10000, 1150]);
    expectData(await conclude(unlinked.id, 'WIN', tk.repA1, { winner: 'voice' }));
    const err = expectError(await promote(unlinked.id), 'BAD_USER_INPUT');
    expect(err.message).toMatch(/not linked to a playbook step/);
    expect((await analysis(unlinked.id)).status).toBe('CONCLUDED');
  });

  it('lets only managers and admins publish concluded experiments, and squads adopt them once', async () => {
    const e = await stoppedWith(tk.repA1, [10000, 1000, 10000, 1100], { title: 'Adoptable', tags: ['adopt-me'] });
    expectError(await publish(e.id, tk.manager), 'CONFLICT'); // not concluded
    expectData(await conclude(e.id, 'WIN', tk.repA1));
    const adopt = (squadId: string, token: string) =>
      t.gql<{ adoptExperiment: { adoptions: { squad: { name: string }; adoptedBy: { name: string } }[] } }>(
        `mutation($id: ID!, $s: ID!) { adoptExperiment(id: $id, squadId: $s) { adoptions { squad { name } adoptedBy { name } adoptedAt } } }`,
        { id: e.id, s: squadId },
        token,
      );
    expectError(await adopt(org.squads.A2, tk.leadA2), 'CONFLICT'); // not published yet
    expectError(await publish(e.id, tk.repA1), 'FORBIDDEN');
    expectError(await publish(e.id, tk.leadA1), 'FORBIDDEN');
    const p = expectData(await publish(e.id, tk.manager)).publishExperiment;
    expect(p.status).toBe('PUBLISHED');
    expect(p.publishedAt).toBeTruthy();

    expectError(await adopt(org.squads.A2, tk.repA2), 'FORBIDDEN');
    expectError(await adopt(org.squads.B1, tk.leadA2), 'FORBIDDEN');
    expectError(await adopt(org.squads.B1, tk.manager), 'FORBIDDEN'); // commands legion A only
    expectError(await adopt(org.squads.A1, tk.leadA1), 'CONFLICT'); // the originating squad
    expect(expectData(await adopt(org.squads.A2, tk.leadA2)).adoptExperiment.adoptions.map((a) => a.squad.name)).toEqual(['A2']);
    expectError(await adopt(org.squads.A2, tk.manager), 'CONFLICT'); // once per squad
    const both = expectData(await adopt(org.squads.B1, tk.admin)).adoptExperiment.adoptions;
    expect(both.map((a) => [a.squad.name, a.adoptedBy.name])).toEqual([
      ['A2', 'exp lead.a2'],
      ['B1', 'exp admin'],
    ]);
    expectError(await adopt(other.squads.A1, tk.admin), 'NOT_FOUND');

    const data = t.app.get(ExperimentDataService);
    const from = new Date(Date.now() - 3600_000);
    const to = new Date(Date.now() + 3600_000);
    const counts = await data.sharingCounts(org.organizationId, null, from, to);
    const a1 = counts.find((c) => c.squadId === org.squads.A1)!;
    expect(a1.adoptionsReceived).toBe(2);
    expect(a1.experimentsPublished).toBeGreaterThanOrEqual(1);
    expect(counts.find((c) => c.squadId === org.squads.B1)).toEqual({ squadId: org.squads.B1, experimentsPublished: 0, adoptionsReceived: 0 });
    expect(await data.sharingCounts(org.organizationId, [org.squads.A2], from, to)).toEqual([
      { squadId: org.squads.A2, experimentsPublished: 0, adoptionsReceived: 0 },
    ]);
    expect((await data.sharingCounts(org.organizationId, [org.squads.A1], new Date(Date.now() - 7200_000), from))[0]).toMatchObject({ adoptionsReceived: 0 });
    expect((await audits(e.id)).filter((x) => x.action === 'ADOPTED')).toHaveLength(2);
    // The same counts are catalog metrics, so boards can reward sharing.
    const day = (d: number) => new Date(Date.now() + d * 86400_000).toISOString().slice(0, 10);
    const mv = expectData(
      await t.gql<{ metricValues: { values: { metricKey: string; entityId: string; numerator: number }[] } }>(
        'query($s: [ID!], $a: String!, $b: String!) { metricValues(input: { metricKeys: ["experiments_published", "adoptions_received"], entityType: SQUAD, entityIds: $s, period: { kind: CUSTOM, start: $a, end: $b } }) { values { metricKey entityId numerator } } }',
        { s: [org.squads.A1], a: day(-2), b: day(2) },
        tk.admin,
      ),
    );
    const byKey = Object.fromEntries(mv.metricValues.values.map((v) => [v.metricKey, v.numerator]));
    expect(byKey.adoptions_received).toBe(2);
    expect(byKey.experiments_published).toBe(a1.experimentsPublished);
  });

  it('shares every experiment with the whole organization, published first, and nothing across organizations', async () => {
    type Feed = {
      experimentFeed: { nodes: (Exp & { owner: { name: string }; squad: { name: string } })[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    };
    const feed = (token: string, filter: Record<string, unknown> = {}, first = 100, after: string | null = null, withAnalysis = false) =>
      t.gql<Feed>(
        `query($f: ExperimentFeedFilter, $first: Int, $after: String) { experimentFeed(filter: $f, first: $first, after: $after) {
          nodes { id title status squadId publishedAt owner { name } squad { name } variants { key } adoptions { squadId } ${withAnalysis ? ANALYSIS : ''} }
          pageInfo { hasNextPage endCursor } } }`,
        { f: filter, first, after },
        token,
      );
    const all = expectData(await feed(tk.curB1)).experimentFeed.nodes;
    expect(all.length).toBeGreaterThan(10);
    expect(all.some((x) => x.squadId === org.squads.A1)).toBe(true); // another legion's squad: readable
    const firstNonPublished = all.findIndex((x) => x.status !== 'PUBLISHED');
    expect(all.slice(firstNonPublished).some((x) => x.status === 'PUBLISHED')).toBe(false);
    const published = all.filter((x) => x.status === 'PUBLISHED').map((x) => x.publishedAt!);
    expect([...published].sort().reverse()).toEqual(published);
    expect(all[0]).toMatchObject({ title: 'Adoptable', owner: { name: 'exp rep.a1.1' }, squad: { name: 'A1' } });

    // Pages of 3 walk the same list.
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const page: Feed['experimentFeed'] = expectData(await feed(tk.repA2, {}, 3, after)).experimentFeed;
      seen.push(...page.nodes.map((n) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.map((x) => x.id));
    expectError(await feed(tk.repA2, {}, 3, 'garbage'), 'BAD_USER_INPUT');

    // Filters.
    const byTag = expectData(await feed(tk.repA2, { tags: ['ADOPT-ME'] })).experimentFeed.nodes;
    expect(byTag.map((x) => x.title)).toEqual(['Adoptable']);
    expect(expectData(await feed(tk.repA2, { status: 'ARCHIVED' })).experimentFeed.nodes.every((x) => x.status === 'ARCHIVED')).toBe(true);
    expect(expectData(await feed(tk.repA2, { squadId: org.squads.A2 })).experimentFeed.nodes.every((x) => x.squadId === org.squads.A2)).toBe(true);
    expect(expectData(await feed(tk.repA2, { teamKind: 'COURSE_SERVICE' })).experimentFeed.nodes).toHaveLength(0);
    expect(expectData(await feed(tk.repA2, { metric: 'converted_to_paid' })).experimentFeed.nodes.map((x) => x.title)).toEqual(['Video instead of brochure']);

    // Nested fields are batched: the statement count does not grow with the page size.
    const small = await t.countStatements(async () => {
      expect(expectData(await feed(tk.admin, {}, 2, null, true)).experimentFeed.nodes[0].analysis!.variants).toHaveLength(2);
    });
    const large = await t.countStatements(async () => {
      expect(expectData(await feed(tk.admin, {}, 20, null, true)).experimentFeed.nodes.length).toBe(all.length);
    });
    expect(large).toBe(small);

    // Other organization: nothing.
    expect(expectData(await feed(tk.otherAdmin)).experimentFeed.nodes).toHaveLength(0);
    expectError(await t.gql(`query($id: ID!) { experiment(id: $id) { id } }`, { id: all[0].id }, tk.otherAdmin), 'NOT_FOUND');
    expectError(await publish(all[0].id, tk.otherAdmin), 'NOT_FOUND');
  });

  it('pushes publications live over graphql-ws to subscribers of the same organization only', async () => {
    await t.app.listen(0, '127.0.0.1');
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    const url = `ws://127.0.0.1:${port}/graphql`;
    const clients: Client[] = [];
    const client = (token: string | null) => {
      const c = createClient({
        url,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: true,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      });
      clients.push(c);
      return c;
    };
    const subscribe = (c: Client) => {
      const received: { id: string; title: string; squad: { name: string } }[] = [];
      const errors: unknown[] = [];
      c.subscribe<{ experimentPublished: { id: string; title: string; squad: { name: string } } }>(
        { query: 'subscription { experimentPublished { id title status squad { name } owner { name } } }' },
        { next: (v) => v.data && received.push(v.data.experimentPublished), error: (e) => errors.push(e), complete: () => undefined },
      );
      return { received, errors };
    };
    try {
      const pubsub = t.app.get<InMemoryPubSub>(PUB_SUB);
      const mine = subscribe(client(tk.repA2));
      const theirs = subscribe(client(tk.otherAdmin));
      const anonymous = subscribe(client(null));
      const waitFor = async (cond: () => boolean, what: string) => {
        for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 25));
        if (!cond()) throw new Error(`timed out waiting for ${what}`);
      };
      await waitFor(() => pubsub.subscriberCount(`experimentPublished.${org.organizationId}`) === 1, 'subscription of the organization');
      await waitFor(() => pubsub.subscriberCount(`experimentPublished.${other.organizationId}`) === 1, 'subscription of the other organization');
      await waitFor(() => anonymous.errors.length === 1, 'the anonymous connection to be rejected');
      expect((anonymous.errors[0] as { code?: number }).code).toBe(4403);

      const e = await stoppedWith(tk.repA1, [1000, 100, 1000, 130], { title: 'Live push' });
      expectData(await conclude(e.id, 'WIN', tk.repA1));
      expectData(await publish(e.id, tk.manager));
      await waitFor(() => mine.received.length === 1, 'the publication');
      expect(mine.received[0]).toMatchObject({ id: e.id, title: 'Live push', status: 'PUBLISHED', squad: { name: 'A1' }, owner: { name: 'exp rep.a1.1' } });
      await new Promise((r) => setTimeout(r, 200));
      expect(theirs.received).toHaveLength(0);
      expect(theirs.errors).toHaveLength(0);
    } finally {
      await Promise.all(clients.map((c) => c.dispose()));
    }
  });
  it('seeds a dozen demo experiments with the promised stories', async () => {
    // Its own app on the run's demo database (startDemoTestApp), not this file's.
    const t = await startDemoTestApp();
    const { password } = t.demo;
    try {
      const token = await t.login('lead.falcons@demo.school', password);
      type DemoExp = Exp & { squad: { name: string }; adoptions: { squad: { name: string } }[] };
      const nodes = expectData(
        await t.gql<{ experimentFeed: { nodes: DemoExp[] } }>(
          `{ experimentFeed(first: 20) { nodes { ${FIELDS} squad { name } adoptions { squad { name } } ${ANALYSIS} } } }`,
          {},
          token,
        ),
      ).experimentFeed.nodes;
      expect(nodes).toHaveLength(12);
      expect(new Set(nodes.map((n) => n.squad.name)).size).toBe(5);
      expect(new Set(nodes.map((n) => n.status))).toEqual(new Set(['PUBLISHED', 'CONCLUDED', 'RUNNING', 'STOPPED', 'DRAFT', 'ARCHIVED']));
      const winner = nodes[0];
      expect(winner).toMatchObject({ status: 'PUBLISHED', verdict: 'WIN', conclusionWarnings: [] });
      expect(winner.analysis!.decisionReady).toBe(true);
      expect(winner.analysis!.comparisons[0].pValue).toBeLessThan(0.001);
      expect(winner.adoptions.map((a) => a.squad.name)).toEqual(['Falcons', 'Wolves']);
      const inconclusive = nodes.find((n) => n.verdict === 'INCONCLUSIVE')!;
      expect(inconclusive.analysis!.comparisons[0].ciLow).toBeLessThan(0);
      expect(inconclusive.analysis!.comparisons[0].ciHigh).toBeGreaterThan(0);
      expect(nodes.filter((n) => n.analysis!.srm.flagged).map((n) => n.title)).toEqual(['Referral ask in week 2 instead of week 4']);
      const sequential = nodes.find((n) => n.analysis!.method === 'SEQUENTIAL')!;
      expect(sequential.status).toBe('RUNNING');
      expect(sequential.analysis!.looks).toBeGreaterThanOrEqual(7);
      expect(nodes.find((n) => n.title.startsWith('Second follow-up'))!.conclusionWarnings.length).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  }, 180_000);
});
