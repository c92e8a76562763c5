import type { Db } from '../../database/transaction.js';
import type { CommerceService } from '../../commerce/index.js';
import { InstallmentCarrier } from '../../commerce/index.js';
import type { DemoContributor, DemoOrg } from '../demo.service.js';
import { SopEntry, SopJoinMode } from '../../sop/index.js';

/**
 * Demo of the flow of docs/lifecycle.md, after every other seed (the entries set here would make
 * their hand-built cohorts join leads twice), once the camp (sop demo) and the class (course-service
 * class demo) exist: the pre-sales legion's entry is its camp, the course-service legion's a
 * rolling onboarding; today's class teaches the standard course, and one camp lead with a persona
 * pays for it now — through the real order logic, so its pre-sales items settle (the
 * after-purchase ones stay), it is enrolled into the class and its onboarding steps land on the
 * curator's agenda.
 */
export function lifecycleDemo(commerce: CommerceService): DemoContributor {
  return {
    name: 'lifecycle',
    async seed(demo: DemoOrg, db: Db) {
      const m = db.manager; // the demo's one transaction
      const org = demo.organization.id;
      const playbookOf = async (legionId: string): Promise<string | null> =>
        (
          (await m.query(`SELECT id FROM playbook WHERE organization_id = $1 AND legion_id = $2 ORDER BY created_at LIMIT 1`, [org, legionId])) as {
            id: string;
          }[]
        )[0]?.id ?? null;
      const camp = await playbookOf(demo.preSalesLegion.id);
      const onboarding = await playbookOf(demo.courseServiceLegion.id);
      if (!camp || !onboarding) return;
      await m.insert(SopEntry, [
        { organizationId: org, legionId: demo.preSalesLegion.id, squadId: null, playbookId: camp, mode: SopJoinMode.CAMP, updatedById: demo.admin.id },
        {
          organizationId: org,
          legionId: demo.courseServiceLegion.id,
          squadId: null,
          playbookId: onboarding,
          mode: SopJoinMode.ROLLING,
          updatedById: demo.admin.id,
        },
      ]);
      const [product] = (await m.query(`SELECT id, list_price FROM product WHERE organization_id = $1 AND sku = 'COURSE-STD'`, [org])) as {
        id: string;
        list_price: string;
      }[];
      if (!product) return;
      await m.query(
        `UPDATE cohort c SET product_id = $2 FROM playbook_version v
          WHERE v.id = c.playbook_version_id AND v.playbook_id = $3 AND c.organization_id = $1 AND c.rolling_lead_id IS NULL`,
        [org, product.id, onboarding],
      );
      // A camp lead of a rep, with a persona and no purchase yet, with open pre-sales items.
      const [buyer] = (await m.query(
        `SELECT l.id FROM lead l
          WHERE l.organization_id = $1 AND l.stage = 'INTRO' AND l.owner_id IS NOT NULL AND l.persona IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM sales_order o WHERE o.lead_id = l.id AND o.is_conversion)
            AND EXISTS (SELECT 1 FROM agenda_item a WHERE a.lead_id = l.id AND a.status = 'PENDING')
          ORDER BY l.tier NULLS LAST, l.created_at LIMIT 1`,
        [org],
      )) as { id: string }[];
      if (!buyer) return;
      await commerce.recordOrder(demo.ctx, {
        externalId: 'demo-pay-lifecycle-1',
        leadId: buyer.id,
        productId: product.id,
        amount: Number(product.list_price),
        paidAt: new Date(demo.now.getTime() - 30 * 60_000),
        installmentCount: 1,
        installmentCarrier: InstallmentCarrier.PARTNER,
      });
    },
  };
}
