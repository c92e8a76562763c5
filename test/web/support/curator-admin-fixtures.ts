import type { WebEnv } from './browser.js';

async function q<T>(env: WebEnv, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await env.gql<T>(query, variables, token);
  if (!res.data) throw new Error(`${query.slice(0, 80)}: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

/**
 * A student of `curatorEmail` at risk today: enrolled by the admin 20 days ago on a 40-day course
 * of 10 lessons and never studied (no study for N days, behind the expected progress line). The
 * student is a demo lead the organization already has; returns the student's name.
 */
export async function seedAtRiskStudent(env: WebEnv, adminToken: string, curatorEmail: string): Promise<string> {
  const curator = await q<{ me: { id: string } }>(env, await env.login(curatorEmail), `{ me { id } }`);
  const { products } = await q<{ products: { id: string; kind: string }[] }>(env, adminToken, `{ products { id kind } }`);
  const course = products.find((p) => p.kind === 'REGULAR') ?? products.find((p) => p.kind === 'ADVANCED');
  if (!course) throw new Error('the demo has no REGULAR course');
  const { leads } = await q<{ leads: { nodes: { id: string; name: string }[] } }>(
    env,
    adminToken,
    `{ leads(first: 50, stage: PROSPECT) { nodes { id name } } }`,
  );
  const lead = leads.nodes[leads.nodes.length - 1];
  if (!lead) throw new Error('the demo has no prospect');
  const { organization } = await q<{ organization: { timeZone: string } }>(env, adminToken, `{ organization { timeZone } }`);
  const day = (offset: number) => new Intl.DateTimeFormat('en-CA', { timeZone: organization.timeZone }).format(new Date(Date.now() + offset * 86_400_000));
  await q(env, adminToken, `mutation($i: CreateEnrollmentInput!) { createEnrollment(input: $i) { id } }`, {
    i: { leadId: lead.id, productId: course.id, curatorId: curator.me.id, startDate: day(-20), endDate: day(20), lessonsTotal: 10 },
  });
  return lead.name;
}
