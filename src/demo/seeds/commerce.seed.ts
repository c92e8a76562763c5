import { mulberry32 } from '@lib/stats';
import type { Db } from '../../database/transaction.js';
import type { DemoContributor, DemoOrg } from '../demo.service.js';
import { LeadSource, LeadStage } from '../../leads/index.js';
import type { CommerceService } from '../../commerce/index.js';
import { InstallmentCarrier } from '../../commerce/index.js';
import { defaultPriceTier, PriceTier, Product, ProductKind } from '../../commerce/index.js';
import { AcquisitionSpend, ConversionCost } from '../../commerce/index.js';

const DAY = 86400_000;
const CONVERSION_BY_TIER: Record<string, number> = { A: 0.45, B: 0.25, C: 0.1, D: 0.03 };

/**
 * Demo commerce: products at three price tiers, orders and refunds over the last 8 weeks for
 * the demo leads (through the real recording logic, so rollups and stages are right), and
 * weekly acquisition spend and conversion costs.
 */
export function commerceDemo(commerce: CommerceService): DemoContributor {
  return {
    name: 'commerce',
    async seed(demo: DemoOrg, db: Db) {
      const m = db.manager; // the demo's one transaction
      const rnd = mulberry32(499);
      const org = demo.organization.id;
      const mk = (sku: string, name: string, kind: ProductKind, listPrice: number, priceTier = defaultPriceTier(kind)) =>
        m.save(m.create(Product, { organizationId: org, sku, name, kind, priceTier, listPrice, active: true }));
      const intro = await mk('CAMP-5D', '5-day intro camp', ProductKind.INTRO, 990);
      // The 499 / 999 / 2999 ladder: LOW, REGULAR and ADVANCED tiers of the converting courses.
      const basic = await mk('COURSE-STD', 'Regular course — standard', ProductKind.REGULAR, 49900, PriceTier.LOW);
      const plus = await mk('COURSE-PLUS', 'Regular course — plus', ProductKind.REGULAR, 99900);
      const advanced = await mk('ADV-PRO', 'Advanced programme', ProductKind.ADVANCED, 299900);
      const club = await mk('CLUB-Y', 'Alumni club (yearly)', ProductKind.SUBSCRIPTION, 19900);

      const leads: { id: string; tier: string | null; created_at: Date; owner_id: string | null; stage: string }[] = await m.query(
        `SELECT id, tier, created_at, owner_id, stage FROM lead WHERE organization_id = $1 ORDER BY created_at, id`,
        [org],
      );
      const now = demo.now.getTime();
      const clamp = (t: number) => new Date(Math.min(t, now - 60_000));
      let n = 0;
      const record = async (leadId: string, product: Product, amount: number, paidAt: Date, installments = 1) => {
        const { order } = await commerce.recordOrder(demo.ctx, {
          externalId: `demo-pay-${++n}`,
          leadId,
          productId: product.id,
          amount,
          paidAt,
          installmentCount: installments,
          installmentCarrier: installments > 1 ? InstallmentCarrier.SCHOOL : InstallmentCarrier.PARTNER,
        });
        return order;
      };
      for (const lead of leads) {
        const created = new Date(lead.created_at).getTime();
        if (rnd() < 0.6) await record(lead.id, intro, 990, clamp(created + 3600_000));
        // Conversions: owned leads that were not lost, by tier (their first regular order converts them).
        if (!lead.owner_id || lead.stage === LeadStage.LOST || rnd() >= (CONVERSION_BY_TIER[lead.tier ?? 'D'] ?? 0.03)) continue;
        const pick = rnd();
        const product = pick < 0.5 ? basic : pick < 0.85 ? plus : advanced;
        const discount = rnd() < 0.3 ? 0.9 : 1;
        const paidAt = clamp(created + (2 + Math.floor(rnd() * 8)) * DAY);
        const order = await record(lead.id, product, Math.round(product.listPrice * discount), paidAt, product === advanced && rnd() < 0.5 ? 6 : 1);
        if (rnd() < 0.1) {
          const full = rnd() < 0.5;
          await commerce.recordRefund(demo.ctx, {
            externalId: `demo-refund-${n}`,
            orderId: order.id,
            amount: full ? order.amount : Math.round(order.amount * 0.3),
            refundedAt: clamp(paidAt.getTime() + 3 * DAY),
            reason: full ? 'Course did not fit the schedule' : 'Goodwill discount',
          });
        } else if (rnd() < 0.2) {
          await record(lead.id, club, 19900, clamp(paidAt.getTime() + 14 * DAY));
        }
      }

      const channels = [LeadSource.AD, LeadSource.REFERRAL, LeadSource.ORGANIC, LeadSource.OFFLINE_EVENT];
      const spend: Partial<AcquisitionSpend>[] = [];
      const costs: Partial<ConversionCost>[] = [];
      for (let week = 8; week >= 1; week--) {
        const day = new Date(now - week * 7 * DAY).toISOString().slice(0, 10);
        for (const channel of channels) {
          const base = channel === LeadSource.AD ? 800000 : channel === LeadSource.OFFLINE_EVENT ? 300000 : channel === LeadSource.REFERRAL ? 100000 : 20000;
          spend.push({
            organizationId: org,
            day,
            channel,
            campaign: channel === LeadSource.AD ? 'autumn-ads' : null,
            cohortRef: null,
            amount: Math.round(base * (0.8 + rnd() * 0.4)),
            externalId: null,
            note: 'demo',
          });
        }
        for (const squad of demo.preSalesSquads) {
          costs.push({
            organizationId: org,
            day,
            squadId: squad.id,
            category: 'commission',
            amount: Math.round(150000 * (0.8 + rnd() * 0.4)),
            externalId: null,
            note: 'demo',
          });
        }
      }
      await m.insert(AcquisitionSpend, spend);
      await m.insert(ConversionCost, costs);
    },
  };
}
