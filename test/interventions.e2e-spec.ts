import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { RequestContext } from '../src/common/request-context.js';
import { Role } from '../src/organization/entities/team-kind.js';
import { OrganizationService } from '../src/organization/organization.service.js';
import { PeopleService } from '../src/organization/people.service.js';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, expectError, startTestApp, type TestApp } from './support/harness.js';
import { createLead } from './support/leads.js';

const AT_RISK = `query($c: ID, $s: ID) { studentsAtRisk(curatorId: $c, squadId: $s) { leadName since reasons { code since detail } lastInterventionAt } }`;
const LOG = `mutation($i: LogInterventionInput!) { logIntervention(input: $i) { id channel reason outcome note atRiskReasons curatorId } }`;
const ENROLL = `mutation($i: CreateEnrollmentInput!) { createEnrollment(input: $i) { id } }`;
const PROGRESS = `mutation($i: RecordProgressInput!) { recordProgress(input: $i) { enrollment { id } } }`;
const VALUES = `query($i: MetricValuesInput!) { metricValues(input: $i) { values { metricKey entityId value numerator denominator } } }`;

type Risky = { leadName: string; since: string; reasons: { code: string; since: string; detail: string }[]; lastInterventionAt: string | null };

describe('curator interventions', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let admin: string;
  let curB1: string;
  let curB2: string;
  let leadB1: string;
  let curatorB2: string;
  let squadB2: string;
  let course: string;
  let club: string;
  let otherOrgUser: string;
  let otherOrgEnrollment: string;
  const today = DateTime.utc().startOf('day');
  const day = (n: number) => today.plus({ days: n }).toISODate()!;
  const at = (n: number, hour = 10) => today.plus({ days: n, hours: hour }).toJSDate().toISOString();
  const s: Record<string, { lead: string; enrollment: string }> = {};

  const enroll = async (name: string, curatorId: string, lessonsTotal: number) => {
    const lead = await createLead(t.app, org.organizationId, {
      name,
      ownerId: org.members.A1[0].id,
      squadId: org.squads.A1,
      at: today.minus({ days: 30 }).toJSDate(),
    });
    const res = expectData(
      await t.gql<{ createEnrollment: { id: string } }>(
        ENROLL,
        { i: { leadId: lead, productId: course, curatorId, startDate: day(-20), endDate: day(20), lessonsTotal } },
        admin,
      ),
    );
    s[name] = { lead, enrollment: res.createEnrollment.id };
  };
  const progress = async (name: string, done: number, when: string, id: string) =>
    expectData(
      await t.gql(
        PROGRESS,
        { i: { enrollmentId: s[name].enrollment, lessonsCompleted: done, lessonsTotal: 10, occurredAt: when, externalEventId: id } },
        admin,
      ),
    );
  const atRisk = async (token: string, vars: { c?: string; s?: string } = {}) =>
    expectData(await t.gql<{ studentsAtRisk: Risky[] }>(AT_RISK, vars, token)).studentsAtRisk;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'iv', { timeZone: 'UTC' });
    admin = await t.login(org.admin.email, PASSWORD);
    course = expectData(
      await t.gql<{ createProduct: { id: string } }>(
        `mutation { createProduct(input: { sku: "COURSE", name: "Course", kind: REGULAR, listPrice: 90000 }) { id } }`,
        {},
        admin,
      ),
    ).createProduct.id;
    club = expectData(
      await t.gql<{ createProduct: { id: string } }>(
        `mutation { createProduct(input: { sku: "CLUB", name: "Club", kind: SUBSCRIPTION, listPrice: 9000 }) { id } }`,
        {},
        admin,
      ),
    ).createProduct.id;
    const ctx = RequestContext.system(org.organizationId);
    squadB2 = (await t.app.get(OrganizationService).createSquad(ctx, { legionId: org.legionB, name: 'B2' })).id;
    const u = await t.app
      .get(PeopleService)
      .createUser(ctx, { email: 'cur.b2@iv.test', name: 'Curator B2', password: PASSWORD, role: Role.MEMBER, squadId: squadB2 });
    curatorB2 = u.id;
    await t.db.dataSource.query(`UPDATE squad_membership SET valid_from = now() - interval '90 days' WHERE organization_id = $1`, [org.organizationId]);
    curB1 = await t.login(org.members.B1[0].email, PASSWORD);
    curB2 = await t.login('cur.b2@iv.test', PASSWORD);
    leadB1 = await t.login(org.leads.B1.email, PASSWORD);

    const curatorB1 = org.members.B1[0].id;
    // S1: 2 of 10 lessons 12 days ago → no study since day −11; behind the line (2/10 < d/40 − 0.2 from day 17 = day −3).
    await enroll('S1', curatorB1, 10);
    await progress('S1', 2, at(-12), 's1-a');
    // S2: on the line, studied yesterday, NPS 5 two days ago → detractor.
    await enroll('S2', curatorB1, 10);
    await progress('S2', 5, at(-1), 's2-a');
    expectData(
      await t.gql(
        `mutation($e: ID!, $a: DateTime!) { recordNps(input: { enrollmentId: $e, round: "w1", score: 5, answeredAt: $a }) { duplicate } }`,
        { e: s.S2.enrollment, a: at(-2) },
        admin,
      ),
    );
    // S3: on track, a promoter.
    await enroll('S3', curatorB1, 10);
    await progress('S3', 6, at(-1), 's3-a');
    expectData(
      await t.gql(
        `mutation($e: ID!, $a: DateTime!) { recordNps(input: { enrollmentId: $e, round: "w1", score: 9, answeredAt: $a }) { duplicate } }`,
        { e: s.S3.enrollment, a: at(-2) },
        admin,
      ),
    );
    // S4: paid in 3 school-collected parts 40 days ago (the second part unpaid), never studied; curator B2 (the only squad taking students).
    expectData(await t.gql('mutation($s: [ID!]) { updateCourseServiceSettings(input: { squadIds: $s }) { curatorCapacity } }', { s: [squadB2] }, admin));
    const s4 = await createLead(t.app, org.organizationId, {
      name: 'S4',
      ownerId: org.members.A1[0].id,
      squadId: org.squads.A1,
      at: today.minus({ days: 60 }).toJSDate(),
    });
    const order = expectData(
      await t.gql<{ recordOrder: { order: { id: string } } }>(
        `mutation($l: ID!, $p: DateTime!) { recordOrder(input: { externalId: "iv-s4", leadId: $l, productSku: "COURSE", amount: 90000, paidAt: $p, installmentCount: 3, installmentCarrier: SCHOOL }) { order { id } } }`,
        { l: s4, p: at(-40) },
        admin,
      ),
    ).recordOrder.order.id;
    const [e4] = await t.db.dataSource.query(`SELECT id, curator_id FROM enrollment WHERE order_id = $1`, [order]);
    expect(e4.curator_id).toBe(curatorB2);
    s.S4 = { lead: s4, enrollment: e4.id };
    (s as Record<string, unknown>).S4order = order;

    const other = await buildOrg(t.app, 'iv2', { timeZone: 'UTC' });
    otherOrgUser = other.members.B1[0].id;
    const otherAdmin = await t.login(other.admin.email, PASSWORD);
    const op = expectData(
      await t.gql<{ createProduct: { id: string } }>(
        `mutation { createProduct(input: { sku: "C", name: "C", kind: REGULAR, listPrice: 100 }) { id } }`,
        {},
        otherAdmin,
      ),
    ).createProduct.id;
    const ol = await createLead(t.app, other.organizationId, { name: 'Other', ownerId: other.members.A1[0].id, squadId: other.squads.A1, at: new Date() });
    otherOrgEnrollment = expectData(
      await t.gql<{ createEnrollment: { id: string } }>(ENROLL, { i: { leadId: ol, productId: op, curatorId: otherOrgUser, lessonsTotal: 10 } }, otherAdmin),
    ).createEnrollment.id;
  }, 180_000);
  afterAll(async () => t?.close());

  it('lists each curator’s own students at risk with every reason and since when', async () => {
    const due = DateTime.fromISO(day(-40), { zone: 'UTC' }).plus({ months: 1 }).toISODate()!;
    const overdueSince = DateTime.fromISO(due, { zone: 'UTC' }).plus({ days: 1 }).toISODate()!;
    expect(await atRisk(curB1)).toEqual([
      {
        leadName: 'S1',
        since: day(-11),
        reasons: [
          { code: 'NO_STUDY', since: day(-11), detail: `no study day for 11 days (last ${day(-12)})` },
          { code: 'BEHIND_PROGRESS', since: day(-3), detail: '2 of 10 lessons; expected 5 by day 20 of 40' },
        ],
        lastInterventionAt: null,
      },
      { leadName: 'S2', since: day(-2), reasons: [{ code: 'NPS_DETRACTOR', since: day(-2), detail: 'NPS 5' }], lastInterventionAt: null },
    ]);
    expect(await atRisk(curB2)).toEqual([
      {
        leadName: 'S4',
        since: day(-40),
        reasons: [
          { code: 'NO_STUDY', since: day(-40), detail: 'no study day since the start (40 days)' },
          { code: 'INSTALLMENT_OVERDUE', since: overdueSince, detail: `1 installment overdue (due ${due})` },
        ],
        lastInterventionAt: null,
      },
    ]);
    // The squad's lead sees the squad; ADMIN all (the longest at risk first); a pre-sales rep none.
    expect((await atRisk(leadB1)).map((r) => r.leadName)).toEqual(['S1', 'S2']);
    expect((await atRisk(admin)).map((r) => r.leadName)).toEqual(['S4', 'S1', 'S2']);
    expect((await atRisk(admin, { s: squadB2 })).map((r) => r.leadName)).toEqual(['S4']);
    expect(await atRisk(await t.login(org.members.A1[0].email, PASSWORD))).toEqual([]);
  });

  it('refuses another curator’s list and another organization’s ids', async () => {
    expectError(await t.gql(AT_RISK, { c: curatorB2 }, curB1), 'FORBIDDEN');
    expectError(await t.gql(AT_RISK, { s: squadB2 }, leadB1), 'FORBIDDEN');
    expectError(await t.gql(AT_RISK, { c: otherOrgUser }, admin), 'NOT_FOUND');
    expectError(await t.gql(AT_RISK, { c: 'not-a-uuid' }, admin), 'BAD_USER_INPUT');
  });

  it('takes the inactivity days from the course, else the organization, else 7; validated', async () => {
    const RULES = `mutation($i: UpdateAtRiskRulesInput!) { updateAtRiskRules(input: $i) { productId inactivityDays progressLagPct ownInactivityDays } }`;
    expect(expectData(await t.gql<{ updateAtRiskRules: unknown }>(RULES, { i: { inactivityDays: 12 } }, admin)).updateAtRiskRules).toEqual({
      productId: null,
      inactivityDays: 12,
      progressLagPct: 20,
      ownInactivityDays: 12,
    });
    expect((await atRisk(curB1))[0].reasons.map((r) => r.code)).toEqual(['BEHIND_PROGRESS']);
    expect(expectData(await t.gql<{ updateAtRiskRules: unknown }>(RULES, { i: { productId: course, inactivityDays: 5 } }, admin)).updateAtRiskRules).toEqual({
      productId: course,
      inactivityDays: 5,
      progressLagPct: 20,
      ownInactivityDays: 5,
    });
    expect((await atRisk(curB1))[0].reasons.map((r) => r.code)).toEqual(['NO_STUDY', 'BEHIND_PROGRESS']);
    expectError(await t.gql(RULES, { i: { inactivityDays: 0 } }, admin), 'BAD_USER_INPUT');
    expectError(await t.gql(RULES, { i: { productId: club, inactivityDays: 3 } }, admin), 'BAD_USER_INPUT');
    expectError(await t.gql(RULES, { i: { inactivityDays: 3 } }, curB1), 'FORBIDDEN');
    // A manager of the pre-sales legion only: FORBIDDEN; a manager of no legion (the whole organization): allowed.
    expectError(await t.gql(RULES, { i: { inactivityDays: 3 } }, await t.login(org.manager.email, PASSWORD)), 'FORBIDDEN');
    expectData(await t.gql(RULES, { i: { progressLagPct: 20 } }, await t.login(org.freeManager.email, PASSWORD)));
    // Clearing both values falls back to the default 7.
    expectData(await t.gql(RULES, { i: { productId: course, inactivityDays: null } }, admin));
    expect(
      expectData(await t.gql<{ updateAtRiskRules: { inactivityDays: number } }>(RULES, { i: { inactivityDays: null } }, admin)).updateAtRiskRules
        .inactivityDays,
    ).toBe(7);
    expect((await atRisk(curB1))[0].reasons.map((r) => r.code)).toEqual(['NO_STUDY', 'BEHIND_PROGRESS']);
  });

  it('logs interventions with validation, access and audit; the list shows them', async () => {
    const count = async () =>
      (await t.db.dataSource.query(`SELECT count(*)::int AS n FROM intervention WHERE organization_id = $1`, [org.organizationId]))[0].n;
    const base = { channel: 'CALL', reason: 'NO_STUDY', outcome: 'PROMISED_TO_STUDY', note: 'Busy week, back on Monday' };
    expectError(await t.gql(LOG, { i: { ...base, enrollmentId: s.S4.enrollment } }, curB1), 'FORBIDDEN');
    expectError(await t.gql(LOG, { i: { ...base, enrollmentId: s.S1.enrollment, leadId: s.S1.lead } }, curB1), 'BAD_USER_INPUT');
    expectError(await t.gql(LOG, { i: { ...base, enrollmentId: s.S1.enrollment, occurredAt: at(2) } }, curB1), 'BAD_USER_INPUT');
    expectError(await t.gql(LOG, { i: { ...base, reason: 'OTHER', note: '  ', enrollmentId: s.S1.enrollment } }, curB1), 'BAD_USER_INPUT');
    expectError(await t.gql(LOG, { i: { ...base, channel: 'PIGEON', enrollmentId: s.S1.enrollment } }, curB1), 'BAD_USER_INPUT');
    expectError(await t.gql(LOG, { i: { ...base, enrollmentId: otherOrgEnrollment } }, admin), 'NOT_FOUND');
    expect(await count()).toBe(0);

    const first = expectData(
      await t.gql<{ logIntervention: Record<string, unknown> }>(LOG, { i: { ...base, enrollmentId: s.S1.enrollment, occurredAt: at(0, 0) } }, curB1),
    ).logIntervention;
    expect(first).toMatchObject({ ...base, atRiskReasons: ['NO_STUDY', 'BEHIND_PROGRESS'], curatorId: org.members.B1[0].id });
    expect(
      expectData(
        await t.gql<{ logIntervention: Record<string, unknown> }>(
          LOG,
          { i: { ...base, reason: 'NPS_DETRACTOR', outcome: 'NO_ANSWER', leadId: s.S2.lead, occurredAt: at(0, 0) } },
          curB1,
        ),
      ).logIntervention.atRiskReasons,
    ).toEqual(['NPS_DETRACTOR']);
    expect(
      expectData(
        await t.gql<{ logIntervention: Record<string, unknown> }>(
          LOG,
          { i: { ...base, reason: 'OTHER', outcome: 'REACHED', note: 'Check-in', leadId: s.S3.lead } },
          leadB1,
        ),
      ).logIntervention.atRiskReasons,
    ).toEqual([]);
    expect(await count()).toBe(3);
    const [audit] = await t.db.dataSource.query(`SELECT action, diff FROM audit_event WHERE entity_id = $1 AND action = 'INTERVENTION_LOGGED'`, [
      s.S1.enrollment,
    ]);
    expect(audit.diff).toMatchObject({ channel: 'CALL', reason: 'NO_STUDY', outcome: 'PROMISED_TO_STUDY' });

    const LIST = `query($e: ID, $l: ID) { interventionsOf(enrollmentId: $e, leadId: $l) { id reason outcome note } }`;
    expect(expectData(await t.gql<{ interventionsOf: { id: string }[] }>(LIST, { l: s.S1.lead }, curB1)).interventionsOf).toEqual([
      { id: first.id, reason: 'NO_STUDY', outcome: 'PROMISED_TO_STUDY', note: 'Busy week, back on Monday' },
    ]);
    expectError(await t.gql(LIST, { e: s.S1.enrollment }, curB2), 'FORBIDDEN');
    expectError(await t.gql(LIST, { e: otherOrgEnrollment }, admin), 'NOT_FOUND');
    expect((await atRisk(curB1))[0].lastInterventionAt).toBe(at(0, 0));
  });

  it('counts interventions, students at risk and the saved rate, rankable per curator and squad', async () => {
    // S1 studies again after the call (saved); S2 does not.
    await progress('S1', 3, new Date().toISOString(), 's1-b');
    const catalog = expectData(
      await t.gql<{ metrics: { key: string; unit: string; direction: string }[] }>('{ metrics(teamKind: COURSE_SERVICE) { key unit direction } }', {}, admin),
    );
    expect(catalog.metrics.filter((m) => ['interventions', 'at_risk_students', 'saved_rate'].includes(m.key))).toEqual([
      { key: 'at_risk_students', unit: 'COUNT', direction: 'LOWER_IS_BETTER' },
      { key: 'interventions', unit: 'COUNT', direction: 'HIGHER_IS_BETTER' },
      { key: 'saved_rate', unit: 'RATIO', direction: 'HIGHER_IS_BETTER' },
    ]);
    const values = async (entityType: string, entityIds: string[]) =>
      expectData(
        await t.gql<{
          metricValues: { values: { metricKey: string; entityId: string; value: number | null; numerator: number; denominator: number | null }[] };
        }>(
          VALUES,
          {
            i: {
              metricKeys: ['interventions', 'at_risk_students', 'saved_rate'],
              entityType,
              entityIds,
              period: { kind: 'CUSTOM', start: day(-1), end: day(1) },
            },
          },
          admin,
        ),
      ).metricValues.values.map((v) => [v.metricKey, v.entityId, v.numerator, v.denominator]);
    expect(await values('MEMBER', [org.members.B1[0].id, curatorB2])).toEqual(
      expect.arrayContaining([
        ['interventions', org.members.B1[0].id, 3, null],
        ['at_risk_students', org.members.B1[0].id, 1, null],
        ['saved_rate', org.members.B1[0].id, 1, 2],
        ['interventions', curatorB2, 0, 0], // no activity: zeros
        ['at_risk_students', curatorB2, 1, null],
      ]),
    );
    expect(await values('SQUAD', [org.squads.B1])).toEqual(
      expect.arrayContaining([
        ['interventions', org.squads.B1, 3, null],
        ['at_risk_students', org.squads.B1, 1, null],
        ['saved_rate', org.squads.B1, 1, 2],
      ]),
    );
    expect((await atRisk(curB1)).map((r) => r.leadName)).toEqual(['S2']);
  });

  it('records drop reasons when enrollments end incomplete and breaks them down per course', async () => {
    const DROP = `mutation($id: ID!, $r: String!, $d: DropReason) { dropEnrollment(id: $id, reason: $r, dropReason: $d) { status } }`;
    expectError(await t.gql(DROP, { id: s.S3.enrollment, r: 'moved', d: 'NO_TIME' }, curB2), 'FORBIDDEN');
    expect(
      expectData(await t.gql<{ dropEnrollment: { status: string } }>(DROP, { id: s.S3.enrollment, r: 'new job, no evenings', d: 'NO_TIME' }, curB1))
        .dropEnrollment.status,
    ).toBe('DROPPED');
    // The old form (no category) records OTHER with the note.
    expectData(await t.gql(`mutation($id: ID!) { dropEnrollment(id: $id, reason: "stopped answering") { status } }`, { id: s.S2.enrollment }, curB1));
    expectData(
      await t.gql(
        'mutation($o: ID!, $at: DateTime!) { recordRefund(input: { externalId: "iv-rf", orderId: $o, amount: 90000, refundedAt: $at, reason: "could not pay" }) { refund { id } } }',
        { o: (s as Record<string, unknown>).S4order, at: new Date().toISOString() },
        admin,
      ),
    );
    const REASON = `mutation($i: RecordDropReasonInput!) { recordDropReason(input: $i) { status } }`;
    expectError(await t.gql(REASON, { i: { enrollmentId: s.S1.enrollment, reason: 'TOO_HARD' } }, curB1), 'CONFLICT'); // still running
    expectError(await t.gql(REASON, { i: { enrollmentId: s.S2.enrollment, reason: 'OTHER' } }, curB1), 'BAD_USER_INPUT'); // OTHER needs a note
    expectError(await t.gql(REASON, { i: { enrollmentId: otherOrgEnrollment, reason: 'TOO_HARD' } }, admin), 'NOT_FOUND');
    expectData(await t.gql(REASON, { i: { enrollmentId: s.S2.enrollment, reason: 'UNRESPONSIVE', note: 'three calls, no answer' } }, curB1));
    const REASONS = `{ dropReasons { productName ended unrecorded reasons { reason count } } }`;
    expect(expectData(await t.gql<{ dropReasons: unknown }>(REASONS, {}, admin)).dropReasons).toEqual([
      {
        productName: 'Course',
        ended: 3,
        unrecorded: 0,
        reasons: [
          { reason: 'NO_TIME', count: 1 },
          { reason: 'REFUNDED', count: 1 },
          { reason: 'UNRESPONSIVE', count: 1 },
        ],
      },
    ]);
    // The curator sees their own students only.
    expect(expectData(await t.gql<{ dropReasons: { ended: number }[] }>(REASONS, {}, curB2)).dropReasons).toEqual([
      { productName: 'Course', ended: 1, unrecorded: 0, reasons: [{ reason: 'REFUNDED', count: 1 }] },
    ]);
    const [row] = await t.db.dataSource.query(`SELECT note FROM enrollment_drop WHERE enrollment_id = $1`, [s.S4.enrollment]);
    expect(row.note).toBe('could not pay');
  });
});
