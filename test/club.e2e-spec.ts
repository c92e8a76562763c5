import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { RequestContext } from '../src/common/request-context.js';
import { Role } from '../src/organization/entities/team-kind.js';
import { OrganizationService } from '../src/organization/organization.service.js';
import { PeopleService } from '../src/organization/people.service.js';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { expectData, expectError, startTestApp, type TestApp } from './support/harness.js';
import { createLead } from './support/leads.js';

const CLUB = `query($st: ClubMemberStatus, $sq: ID) { clubMembers(status: $st, squadId: $sq) { active expiring lapsed members { leadName status renewalDueDate renewableUntil memberships curatorId } } }`;
type Club = {
  active: number;
  expiring: number;
  lapsed: number;
  members: { leadName: string; status: string; renewalDueDate: string; renewableUntil: string; memberships: number; curatorId: string }[];
};

describe('club members', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let admin: string;
  let curatorB2: string;
  let squadB2: string;
  let n = 0;
  const now = DateTime.utc();
  const ago = (days: number) => now.minus({ days }).toJSDate().toISOString();
  const localDay = (d: DateTime) => d.toUTC().toISODate()!;

  /** A student who completed a course with `curatorId`, then paid the club at each of `paidDaysAgo`. */
  const member = async (name: string, curatorId: string, paidDaysAgo: number[]) => {
    const lead = await createLead(t.app, org.organizationId, {
      name,
      ownerId: org.members.A1[0].id,
      squadId: org.squads.A1,
      at: now.minus({ days: 800 }).toJSDate(),
    });
    const { createEnrollment } = expectData(
      await t.gql<{ createEnrollment: { id: string } }>(
        'mutation($l: ID!, $p: ID!, $c: ID!) { createEnrollment(input: { leadId: $l, productId: $p, curatorId: $c, lessonsTotal: 1 }) { id } }',
        { l: lead, p: course, c: curatorId },
        admin,
      ),
    );
    expectData(
      await t.gql(
        'mutation($e: ID!, $k: String!) { recordProgress(input: { enrollmentId: $e, lessonsCompleted: 1, lessonsTotal: 1, occurredAt: "2025-01-01T00:00:00Z", externalEventId: $k }) { enrollment { status } } }',
        { e: createEnrollment.id, k: `club-done-${name}` },
        admin,
      ),
    );
    for (const d of paidDaysAgo) {
      expectData(
        await t.gql(
          'mutation($l: ID!, $p: DateTime!, $x: String!) { recordOrder(input: { externalId: $x, leadId: $l, productSku: "CLUB", amount: 9000, paidAt: $p }) { order { id } } }',
          {
            l: lead,
            p: ago(d),
            x: `club-${++n}`,
          },
          admin,
        ),
      );
    }
    return lead;
  };
  let course: string;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrg(t.app, 'club', { timeZone: 'UTC' });
    admin = await t.login(org.admin.email, PASSWORD);
    course = expectData(
      await t.gql<{ createProduct: { id: string } }>(
        'mutation { createProduct(input: { sku: "COURSE", name: "Course", kind: REGULAR, listPrice: 90000 }) { id } }',
        {},
        admin,
      ),
    ).createProduct.id;
    expectData(await t.gql('mutation { createProduct(input: { sku: "CLUB", name: "Club", kind: SUBSCRIPTION, listPrice: 9000 }) { id } }', {}, admin));
    const ctx = RequestContext.system(org.organizationId);
    squadB2 = (await t.app.get(OrganizationService).createSquad(ctx, { legionId: org.legionB, name: 'B2' })).id;
    curatorB2 = (
      await t.app.get(PeopleService).createUser(ctx, { email: 'cur.b2@club.test', name: 'Curator B2', password: PASSWORD, role: Role.MEMBER, squadId: squadB2 })
    ).id;
    const b1 = org.members.B1[0].id;
    await member('Active', b1, [100]); // expires in 265 days
    await member('Expiring', b1, [350]); // expires in 15 days
    await member('Lapsed', b1, [400]); // expired 35 days ago
    await member('Renewed', b1, [690, 350]); // renewal starts when the first ends (325 days ago): expires in 40 days
    await member('Other squad', curatorB2, [200]);
  }, 180_000);
  afterAll(async () => t?.close());

  it('lists active, expiring and lapsed members with renewal due dates (ADMIN: all)', async () => {
    const club = expectData(await t.gql<{ clubMembers: Club }>(CLUB, {}, admin)).clubMembers;
    expect({ active: club.active, expiring: club.expiring, lapsed: club.lapsed }).toEqual({ active: 3, expiring: 1, lapsed: 1 });
    const due = (paidDaysAgo: number, years = 1) => now.minus({ days: paidDaysAgo }).plus({ days: 365 * years });
    expect(club.members).toEqual([
      {
        leadName: 'Expiring',
        status: 'EXPIRING',
        renewalDueDate: localDay(due(350)),
        renewableUntil: localDay(due(350).plus({ days: 30 })),
        memberships: 1,
        curatorId: org.members.B1[0].id,
      },
      {
        leadName: 'Lapsed',
        status: 'LAPSED',
        renewalDueDate: localDay(due(400)),
        renewableUntil: localDay(due(400).plus({ days: 30 })),
        memberships: 1,
        curatorId: org.members.B1[0].id,
      },
      {
        leadName: 'Renewed',
        status: 'ACTIVE',
        renewalDueDate: localDay(due(690, 2)),
        renewableUntil: localDay(due(690, 2).plus({ days: 30 })),
        memberships: 2,
        curatorId: org.members.B1[0].id,
      },
      {
        leadName: 'Other squad',
        status: 'ACTIVE',
        renewalDueDate: localDay(due(200)),
        renewableUntil: localDay(due(200).plus({ days: 30 })),
        memberships: 1,
        curatorId: curatorB2,
      },
      {
        leadName: 'Active',
        status: 'ACTIVE',
        renewalDueDate: localDay(due(100)),
        renewableUntil: localDay(due(100).plus({ days: 30 })),
        memberships: 1,
        curatorId: org.members.B1[0].id,
      },
    ]);
    expect(expectData(await t.gql<{ clubMembers: Club }>(CLUB, { st: 'EXPIRING' }, admin)).clubMembers.members.map((m) => m.leadName)).toEqual(['Expiring']);
  });

  it('shows a course-service lead their squad only, a curator their own; refuses other squads and bad ids', async () => {
    const lead = await t.login(org.leads.B1.email, PASSWORD);
    const club = expectData(await t.gql<{ clubMembers: Club }>(CLUB, {}, lead)).clubMembers;
    expect(club.members.map((m) => m.leadName)).toEqual(['Expiring', 'Lapsed', 'Renewed', 'Active']);
    expect({ active: club.active, expiring: club.expiring, lapsed: club.lapsed }).toEqual({ active: 2, expiring: 1, lapsed: 1 });
    expectError(await t.gql(CLUB, { sq: squadB2 }, lead), 'FORBIDDEN');
    expectError(await t.gql(CLUB, { sq: org.squads.A1 }, admin), 'BAD_USER_INPUT');
    expectError(await t.gql(CLUB, { sq: '00000000-0000-4000-8000-000000000000' }, admin), 'NOT_FOUND');
    const cur = await t.login('cur.b2@club.test', PASSWORD);
    expect(expectData(await t.gql<{ clubMembers: Club }>(CLUB, {}, cur)).clubMembers.members.map((m) => m.leadName)).toEqual(['Other squad']);
    const rep = await t.login(org.members.A1[0].email, PASSWORD);
    expect(expectData(await t.gql<{ clubMembers: Club }>(CLUB, {}, rep)).clubMembers).toMatchObject({ active: 0, expiring: 0, lapsed: 0, members: [] });
  });
});
