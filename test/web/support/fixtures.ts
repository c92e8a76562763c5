import type { WebEnv } from './browser.js';

/**
 * Builds, as the demo admin through the API, a one-step camp for the rep's "explorer" leads due in
 * about an hour (the demo camp's own items are not due at a time a browser test can rely on), with
 * an explorer variant and an objection with an explorer answer ("explorer" is in the demo persona
 * catalog, so the playbook publishes). Returns the step key.
 */
export async function seedPersonaCamp(env: WebEnv, repEmail: string): Promise<{ stepKey: string; persona: string }> {
  const admin = await env.login('admin@demo.school');
  const q = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await env.gql<T>(query, variables, admin);
    if (!res.data) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(res.errors)}`);
    return res.data as T;
  };
  const { organization, users } = await q<{
    organization: { timeZone: string };
    users: { edges: { node: { id: string; email: string; squad: { id: string; legionId: string } | null } }[] };
  }>(`query($e: String!) { organization { timeZone } users(search: $e, first: 5) { edges { node { id email squad { id legionId } } } } }`, { e: repEmail });
  const rep = users.edges.map((e) => e.node).find((u) => u.email === repEmail);
  if (!rep?.squad) throw new Error(`no squad for ${repEmail}`);
  const persona = 'explorer';
  const { leads } = await q<{ leads: { edges: { node: { id: string } }[] } }>(
    `query($o: ID!, $p: String!) { leads(ownerId: $o, persona: $p, first: 50) { edges { node { id } } } }`,
    {
      o: rep.id,
      p: persona,
    },
  );
  if (leads.edges.length === 0) throw new Error(`no ${persona} leads for ${repEmail}`);

  // Due in about an hour, in the organization's time zone, on today's local date (the journey
  // works in Today's list). From 23:00 local an hour on is tomorrow, whose items the Today screen
  // lists under Upcoming: then due half an hour ago instead, still in its window.
  const local = (at: Date) => {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: organization.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(at);
    const get = (t: string) => parts.find((p) => p.type === t)!.value;
    return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
  };
  const now = new Date();
  const inAnHour = local(new Date(now.getTime() + 60 * 60_000));
  const { date: startDate, time: localTime } = inAnHour.date === local(now).date ? inAnHour : local(new Date(now.getTime() - 30 * 60_000));

  const stepKey = 'web-checkin';
  const content = {
    changeNote: 'Browser journey camp',
    steps: [
      {
        key: stepKey,
        dayOffset: 0,
        localTime,
        windowMinutes: 240,
        channel: 'PRIVATE_MESSAGE',
        audience: 'LEADS',
        title: 'Check in after the lesson',
        goal: 'Learn what the lead liked and what is in the way.',
        scripts: [
          { text: 'Hi {{lead.firstName}}, {{rep.firstName}} here. How did the lesson go?' },
          { persona, text: 'Hi {{lead.firstName}}! {{rep.firstName}} here. Exploring is the best start: which part of the lesson surprised you most?' },
        ],
      },
    ],
    objections: [
      {
        key: 'web-no-time',
        stepKey,
        objection: 'I am just looking around for now.',
        answers: [
          { text: 'No pressure: the camp is free, keep the lessons that help.' },
          { persona, label: 'explorer', text: 'That is how most of our students started: try lesson 3 and decide after.' },
        ],
      },
    ],
  };
  const { createPlaybook } = await q<{ createPlaybook: { draft: { id: string } } }>(
    `mutation($i: CreatePlaybookInput!) { createPlaybook(input: $i) { draft { id } } }`,
    { i: { name: 'Journey camp', kind: 'PRE_SALES', legionId: rep.squad.legionId, content } },
  );
  await q(`mutation($v: ID!) { publishPlaybookVersion(versionId: $v) { id } }`, { v: createPlaybook.draft.id });
  await q(`mutation($i: CreateCohortInput!) { createCohort(input: $i) { id } }`, {
    i: {
      name: 'Journey cohort',
      playbookVersionId: createPlaybook.draft.id,
      squadIds: [rep.squad.id],
      startDate,
      timeZone: organization.timeZone,
      leadIds: leads.edges.map((e) => e.node.id),
    },
  });
  return { stepKey, persona };
}
