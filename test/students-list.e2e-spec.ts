import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, startTestApp, type TestApp } from './support/harness.js';
import { createLead } from './support/leads.js';

// The students list of the console: Enrollment.studentName, lastStudyDay and installments.
const LIST = `query($c: ID) { enrollments(curatorId: $c, first: 50) { nodes { id studentName lastStudyDay latestNps installments { paid unpaid overdue } } } }`;

type Row = {
  id: string;
  studentName: string;
  lastStudyDay: string | null;
  latestNps: number | null;
  installments: { paid: number; unpaid: number; overdue: number };
};

describe('students list facts', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let admin: string;
  let curator: string;
  let outsider: string;
  let studied: string;
  let paying: string;
  const today = DateTime.utc().startOf('day');
  const day = (n: number) => today.plus({ days: n }).toISODate()!;
  const at = (n: number, hour = 10) => today.plus({ days: n, hours: hour }).toJSDate().toISOString();

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'sl', { timeZone: 'UTC' });
    admin = await t.login(org.admin.email, PASSWORD);
    curator = await t.login(org.members.B1[0].email, PASSWORD);
    outsider = await t.login(org.members.A1[0].email, PASSWORD);
    expectData(await t.gql(`mutation { createProduct(input: { sku: "COURSE", name: "Course", kind: REGULAR, listPrice: 90000 }) { id } }`, {}, admin));
    expectData(await t.gql('mutation($s: [ID!]) { updateCourseServiceSettings(input: { squadIds: $s }) { curatorCapacity } }', { s: [org.squads.B1] }, admin));
    const lead = (name: string) =>
      createLead(t.app, org.organizationId, { name, ownerId: org.members.A1[0].id, squadId: org.squads.A1, at: today.minus({ days: 60 }).toJSDate() });

    const l1 = await lead('Studied Student');
    const productId = expectData(await t.gql<{ products: { id: string }[] }>(`{ products { id } }`, {}, admin)).products[0].id;
    studied = expectData(
      await t.gql<{ createEnrollment: { id: string } }>(
        `mutation($i: CreateEnrollmentInput!) { createEnrollment(input: $i) { id } }`,
        { i: { leadId: l1, productId, curatorId: org.members.B1[0].id, startDate: day(-20), endDate: day(20), lessonsTotal: 10 } },
        admin,
      ),
    ).createEnrollment.id;
    expectData(
      await t.gql(
        `mutation($i: RecordProgressInput!) { recordProgress(input: $i) { duplicate } }`,
        { i: { enrollmentId: studied, lessonsCompleted: 3, lessonsTotal: 10, occurredAt: at(-3), externalEventId: 'sl-1' } },
        admin,
      ),
    );

    // Two NPS answers: the latest (6) is shown.
    for (const [round, score, when] of [
      ['w1', 9, at(-10)],
      ['w2', 6, at(-2)],
    ] as const) {
      expectData(
        await t.gql(
          `mutation($e: ID!, $r: String!, $s: Int!, $a: DateTime!) { recordNps(input: { enrollmentId: $e, round: $r, score: $s, answeredAt: $a }) { duplicate } }`,
          { e: studied, r: round, s: score, a: when },
          admin,
        ),
      );
    }

    // Paid in 3 school-carried parts 40 days ago: the first part paid, the second overdue, the third due later.
    const l2 = await lead('Paying Student');
    expectData(
      await t.gql(
        `mutation($l: ID!, $p: DateTime!) { recordOrder(input: { externalId: "sl-2", leadId: $l, productSku: "COURSE", amount: 90000, paidAt: $p, installmentCount: 3, installmentCarrier: SCHOOL }) { order { id } } }`,
        { l: l2, p: at(-40) },
        admin,
      ),
    );
    const all = expectData(await t.gql<{ enrollments: { nodes: Row[] } }>(LIST, {}, admin)).enrollments.nodes;
    paying = all.find((r) => r.studentName === 'Paying Student')!.id;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('shows the student name, the last study day and the installment state', async () => {
    const rows = expectData(await t.gql<{ enrollments: { nodes: Row[] } }>(LIST, { c: org.members.B1[0].id }, curator)).enrollments.nodes;
    const a = rows.find((r) => r.id === studied)!;
    expect(a).toMatchObject({ studentName: 'Studied Student', lastStudyDay: day(-3), latestNps: 6, installments: { paid: 0, unpaid: 0, overdue: 0 } });
    const b = rows.find((r) => r.id === paying)!;
    expect(b.studentName).toBe('Paying Student');
    expect(b.lastStudyDay).toBeNull();
    expect(b.latestNps).toBeNull();
    expect(b.installments.paid).toBe(1);
    expect(b.installments.unpaid).toBe(2);
    expect(b.installments.overdue).toBeGreaterThanOrEqual(1);
    expect(b.installments.overdue).toBeLessThanOrEqual(2);
  });

  it('shows nothing of other squads’ students to a pre-sales rep', async () => {
    const res = await t.gql<{ enrollments: { nodes: Row[] } }>(LIST, {}, outsider);
    const names = res.data?.enrollments.nodes.map((r) => r.studentName) ?? [];
    expect(names).not.toContain('Studied Student');
  });
});
