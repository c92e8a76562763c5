import { mulberry32 } from '@lib/stats';
import type { Db } from '../../database/transaction.js';
import { AcquisitionSpend } from '../../commerce/index.js';
import type { DemoContributor, DemoOrg } from '../demo.service.js';
import { LeadSource } from '../../leads/index.js';
import { ObjectionLog } from '../../sop/index.js';
import type { ObjectionAnswerData } from '../../sop/index.js';

const DAY = 86_400_000;
/** Minutes from assignment to the logged objection, by pre-sales squad order (Tigers, Falcons, Wolves). */
const SQUAD_DELAY_MINUTES: [number, number][] = [
  [5, 90],
  [60, 8 * 60],
  [10 * 60, 40 * 60],
];

/**
 * Demo objection logs that make the effectiveness report show a real difference: on "It is too
 * expensive." the "installments" answer was mostly used on leads that went on to buy (logged
 * before their conversion payment), "value of a new job" mostly on leads that did not.
 * Runs after commerce (orders) and sop (playbook, cohort, agenda).
 */
export function reportsDemo(): DemoContributor {
  return {
    name: 'reports-sales',
    async seed(demo: DemoOrg, db: Db) {
      const m = db.manager; // the demo's one transaction
      const org = demo.organization.id;
      const now = demo.now.getTime();
      const rnd = mulberry32(1807);
      const squadIndex = new Map(demo.preSalesSquads.map((sq, i) => [sq.id, i]));
      const [price]: { id: string; version_id: string; answers: ObjectionAnswerData[] }[] = await m.query(
        `SELECT po.id, po.version_id, po.answers FROM playbook_objection po JOIN playbook_version pv ON pv.id = po.version_id
          WHERE po.organization_id = $1 AND po.key = 'price' AND pv.status = 'PUBLISHED' ORDER BY pv.number DESC LIMIT 1`,
        [org],
      );
      if (!price) throw new Error("reports demo: the published playbook has no 'price' objection (was the SOP demo changed?)");
      const installments = price.answers.find((a) => a.label === 'installments');
      const newJob = price.answers.find((a) => a.label === 'value of a new job');
      if (!installments || !newJob)
        throw new Error("reports demo: the 'price' objection lacks the 'installments' or 'value of a new job' answer (was the SOP demo changed?)");
      // One private agenda item per lead of the demo cohort, with the lead's conversion payment if
      // any. Only items of that playbook version: an objection is logged on an item of its own
      // playbook (a curator's onboarding item would show a pre-sales objection it does not have).
      const items: { id: string; lead_id: string; rep_id: string; squad_id: string; created_at: Date; conv_at: Date | null }[] = await m.query(
        `SELECT DISTINCT ON (ai.lead_id) ai.id, ai.lead_id, ai.rep_id, ai.squad_id, l.created_at,
                (SELECT min(o.paid_at) FROM sales_order o WHERE o.lead_id = ai.lead_id AND o.is_conversion) AS conv_at
           FROM agenda_item ai JOIN lead l ON l.id = ai.lead_id JOIN playbook_step ps ON ps.id = ai.step_id
          WHERE ai.organization_id = $1 AND ai.lead_id IS NOT NULL AND ps.version_id = $2
          ORDER BY ai.lead_id, ai.due_at`,
        [org, price.version_id],
      );
      const logs = items.map((it) => {
        const converted = it.conv_at !== null;
        // Converted leads mostly heard "installments", the others mostly "value of a new job".
        const answer = rnd() < 0.75 === converted ? installments : newJob;
        // The rep reaches the lead after a delay that depends on the squad (speed to lead differs
        // between squads): the first squad within minutes, the second within hours, the rest within a day or more.
        const [lo, hi] = SQUAD_DELAY_MINUTES[Math.min(squadIndex.get(it.squad_id) ?? 2, 2)]!;
        const delay = (lo + rnd() * (hi - lo)) * 60_000;
        let loggedAt = new Date(Math.min(new Date(it.created_at).getTime() + delay, now - 3_600_000));
        if (converted && loggedAt >= new Date(it.conv_at!)) loggedAt = new Date(new Date(it.conv_at!).getTime() - 3_600_000);
        return {
          organizationId: org,
          agendaItemId: it.id,
          objectionId: price.id,
          answerId: answer.id,
          leadId: it.lead_id,
          repId: it.rep_id,
          loggedById: it.rep_id,
          note: null,
          loggedAt,
        };
      });
      if (logs.length) await m.insert(ObjectionLog, logs);
    },
  };
}

/**
 * Spend of the demo's second ad campaign, "brand video" (leads from intake demo; the commerce demo
 * books "autumn-ads"): dearer per week, so unit economics by CAMPAIGN shows two different CACs.
 */
export function campaignSpendDemo(): DemoContributor {
  return {
    name: 'reports-sales-campaign-spend',
    async seed(demo: DemoOrg, db: Db) {
      const m = db.manager; // the demo's one transaction
      const rows = Array.from({ length: 8 }, (_, k) => ({
        organizationId: demo.organization.id,
        day: new Date(demo.now.getTime() - (8 - k) * 7 * DAY).toISOString().slice(0, 10),
        channel: LeadSource.AD,
        campaign: 'brand video',
        cohortRef: null,
        amount: 1_600_000,
        externalId: null,
        note: 'demo',
      }));
      await m.insert(AcquisitionSpend, rows);
    },
  };
}
