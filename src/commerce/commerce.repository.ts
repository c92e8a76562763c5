import { Injectable } from '@nestjs/common';
import { applyKeyset } from '../common/graphql/keyset.js';
import { Db } from '../database/transaction.js';
import { leadsReadSql, type LeadStage } from '../leads/index.js';
import { orgSql } from '../organization/index.js';
import { OrderInstallment, Refund, SalesOrder } from './entities/order.entity.js';
import { Product } from './entities/product.entity.js';
import { AcquisitionSpend, ConversionCost } from './entities/spend.entity.js';

/** What commerce reads of its organization. */
export interface OrganizationFacts {
  currency: string;
  timeZone: string;
}

/** What commerce reads of a lead: credit, visibility, stage, referrer. */
export interface LeadFacts {
  id: string;
  ownerId: string | null;
  squadId: string | null;
  stage: LeadStage;
  referredByLeadId: string | null;
}

const LEAD_FACTS = `l.id, l.owner_id, l.squad_id, l.stage, l.referred_by_lead_id`;
type LeadFactsRow = { id: string; owner_id: string | null; squad_id: string | null; stage: LeadStage; referred_by_lead_id: string | null };
const toLeadFacts = (r: LeadFactsRow): LeadFacts => ({
  id: r.id,
  ownerId: r.owner_id,
  squadId: r.squad_id,
  stage: r.stage,
  referredByLeadId: r.referred_by_lead_id,
});

/** The filters of an orders page (keyset on paid_at, id, newest first). */
export interface OrdersPageQuery {
  organizationId: string;
  /** null: every order; else the caller's own credited orders or those of these squads. */
  visibleTo: { userId: string | null; squadIds: string[] } | null;
  leadId?: string | null;
  repId?: string | null;
  squadId?: string | null;
  from?: Date | null;
  to?: Date | null;
  after: { paidAt: Date; id: string } | null;
  take: number;
}

/** Every statement of the commerce context (orders, refunds, installments, products, spend). */
@Injectable()
export class CommerceRepository {
  constructor(private readonly db: Db) {}

  /** The organization's currency and time zone. */
  async organizationFacts(organizationId: string): Promise<OrganizationFacts> {
    const [row] = await this.db.query<{ currency: string; time_zone: string }>(
      `SELECT o.currency, o.time_zone FROM ${orgSql.organization.as('o')} WHERE o.id = $1`,
      [organizationId],
    );
    if (!row) throw new Error(`Organization ${organizationId} not found`);
    return { currency: row.currency, timeZone: row.time_zone };
  }

  /** Products of an organization (active ones unless `includeInactive`), cheapest first. */
  products(organizationId: string, includeInactive: boolean): Promise<Product[]> {
    return this.db.repo(Product).find({
      where: { organizationId, ...(includeInactive ? {} : { active: true }) },
      order: { listPrice: 'ASC', name: 'ASC' },
    });
  }

  /** Whether the organization has a product with this SKU. */
  productSkuExists(organizationId: string, sku: string): Promise<boolean> {
    return this.db.repo(Product).exists({ where: { organizationId, sku } });
  }

  /** A product by id or SKU, in the organization. */
  findProduct(organizationId: string, ref: { id?: string | null; sku?: string | null }): Promise<Product | null> {
    return this.db.repo(Product).findOne({ where: ref.id ? { id: ref.id, organizationId } : { sku: ref.sku!, organizationId } });
  }

  /** Inserts or updates a product (TypeORM save). */
  saveProduct(product: Partial<Product>): Promise<Product> {
    const repo = this.db.repo(Product);
    return repo.save(product instanceof Product ? product : repo.create(product));
  }

  /** The lead, locked FOR UPDATE (orders of one lead serialize). */
  async lockLead(organizationId: string, leadId: string): Promise<LeadFacts | null> {
    const [row] = await this.db.query<LeadFactsRow>(
      `SELECT ${LEAD_FACTS} FROM ${leadsReadSql.leads('l')} WHERE l.id = $1 AND l.organization_id = $2 FOR UPDATE`,
      [leadId, organizationId],
    );
    return row ? toLeadFacts(row) : null;
  }

  /** A lead that must exist (in the organization when given). */
  async leadOrFail(leadId: string, organizationId?: string): Promise<LeadFacts> {
    const [row] = await this.db.query<LeadFactsRow>(
      `SELECT ${LEAD_FACTS} FROM ${leadsReadSql.leads('l')} WHERE l.id = $1 AND ($2::uuid IS NULL OR l.organization_id = $2::uuid)`,
      [leadId, organizationId ?? null],
    );
    if (!row) throw new Error(`Lead ${leadId} not found`);
    return toLeadFacts(row);
  }

  /** An order by its external id. */
  orderByExternalId(organizationId: string, externalId: string): Promise<SalesOrder | null> {
    return this.db.repo(SalesOrder).findOne({ where: { organizationId, externalId } });
  }

  /** An order by id, in the organization. */
  order(organizationId: string, id: string): Promise<SalesOrder | null> {
    return this.db.repo(SalesOrder).findOne({ where: { id, organizationId } });
  }

  /** The order by id or external id, locked FOR UPDATE. */
  lockOrder(organizationId: string, ref: { id?: string | null; externalId?: string | null }): Promise<SalesOrder | null> {
    return this.db.manager
      .createQueryBuilder(SalesOrder, 'o')
      .setLock('pessimistic_write')
      .where('o.organization_id = :org', { org: organizationId })
      .andWhere(ref.id ? 'o.id = :ref' : 'o.external_id = :ref', { ref: ref.id ?? ref.externalId })
      .getOne();
  }

  /** The squad `userId` belonged to at `at` (null when none). */
  async squadOfAt(userId: string, at: Date): Promise<string | null> {
    const [row] = await this.db.query<{ squad_id: string | null }>(`SELECT ${orgSql.membership.squadAt('$1', '$2')} AS squad_id`, [userId, at]);
    return row?.squad_id ?? null;
  }

  /** The lead's current conversion order (at most one). */
  conversionOf(leadId: string): Promise<SalesOrder | null> {
    return this.db.manager.createQueryBuilder(SalesOrder, 'o').where('o.lead_id = :lead AND o.is_conversion', { lead: leadId }).getOne();
  }

  /** Whether the lead has converted. */
  hasConverted(leadId: string): Promise<boolean> {
    return this.db.repo(SalesOrder).exists({ where: { leadId, isConversion: true } });
  }

  /** Inserts the order unless its (organization, externalId) exists; its id, or null when another insert won. */
  async insertOrderIfNew(order: SalesOrder): Promise<string | null> {
    const inserted = await this.db.manager
      .createQueryBuilder()
      .insert()
      .into(SalesOrder)
      .values(order)
      .orIgnore()
      .returning('id')
      .execute()
      .then((r) => r.raw as { id: string }[]);
    return inserted[0]?.id ?? null;
  }

  /** An order by external id that must exist. */
  orderByExternalIdOrFail(organizationId: string, externalId: string): Promise<SalesOrder> {
    return this.db.repo(SalesOrder).findOneOrFail({ where: { organizationId, externalId } });
  }

  /** A new (unsaved) order entity. */
  newOrder(fields: Partial<SalesOrder>): SalesOrder {
    return this.db.repo(SalesOrder).create(fields);
  }

  /** Inserts the installment rows of an order. */
  async insertInstallments(rows: Partial<OrderInstallment>[]): Promise<void> {
    await this.db.repo(OrderInstallment).insert(rows);
  }

  /** Turns a conversion into a repurchase (a payment made earlier took its place). */
  async demoteConversion(orderId: string): Promise<void> {
    await this.db.repo(SalesOrder).update({ id: orderId }, { isConversion: false, isRepurchase: true, isReferralConversion: false });
  }

  /** Sets an order's refunded amount. */
  async setRefundedAmount(orderId: string, refundedAmount: number): Promise<void> {
    await this.db.repo(SalesOrder).update({ id: orderId }, { refundedAmount });
  }

  /** A refund by external id. */
  refundByExternalId(organizationId: string, externalId: string): Promise<Refund | null> {
    return this.db.repo(Refund).findOne({ where: { organizationId, externalId } });
  }

  /** The earliest refund of an order (null when none). */
  async firstRefund(orderId: string): Promise<{ id: string; refundedAt: Date } | null> {
    const [row] = await this.db.query<{ id: string; refunded_at: string | Date }>(
      'SELECT id, refunded_at FROM refund WHERE order_id = $1 ORDER BY refunded_at, id LIMIT 1',
      [orderId],
    );
    return row ? { id: row.id, refundedAt: new Date(row.refunded_at) } : null;
  }

  /** Inserts a refund. */
  insertRefund(fields: Partial<Refund>): Promise<Refund> {
    const repo = this.db.repo(Refund);
    return repo.save(repo.create(fields));
  }

  /** One installment of an order. */
  installment(orderId: string, seq: number): Promise<OrderInstallment | null> {
    return this.db.repo(OrderInstallment).findOne({ where: { orderId, seq } });
  }

  /** Marks an installment paid. */
  async payInstallment(id: string, paidAt: Date): Promise<void> {
    await this.db.repo(OrderInstallment).update({ id }, { paidAt });
  }

  /** The installments of these orders, by sequence. */
  installments(organizationId: string, orderIds: string[]): Promise<OrderInstallment[]> {
    return this.db.manager
      .createQueryBuilder(OrderInstallment, 'i')
      .where('i.organization_id = :org AND i.order_id = ANY(:ids)', { org: organizationId, ids: orderIds })
      .orderBy('i.seq', 'ASC')
      .getMany();
  }

  /** A page of orders, newest first (`take` rows). */
  ordersPage(q: OrdersPageQuery): Promise<SalesOrder[]> {
    const qb = this.db.manager.createQueryBuilder(SalesOrder, 'o').where('o.organization_id = :org', { org: q.organizationId });
    if (q.visibleTo) {
      qb.andWhere('(o.credited_rep_id = :self OR o.credited_squad_id = ANY(:squads))', { self: q.visibleTo.userId, squads: q.visibleTo.squadIds });
    }
    if (q.leadId) qb.andWhere('o.lead_id = :leadId', { leadId: q.leadId });
    if (q.repId) qb.andWhere('o.credited_rep_id = :repId', { repId: q.repId });
    if (q.squadId) qb.andWhere('o.credited_squad_id = :squadId', { squadId: q.squadId });
    if (q.from) qb.andWhere('o.paid_at >= :from', { from: q.from });
    if (q.to) qb.andWhere('o.paid_at < :to', { to: q.to });
    const after = q.after && ([q.after.paidAt, q.after.id] as const);
    return applyKeyset(qb, { sort: 'o.paid_at', id: 'o.id', direction: 'DESC', limit: q.take, after }).getMany();
  }

  /** Acquisition spend by external id. */
  spendByExternalId(organizationId: string, externalId: string): Promise<AcquisitionSpend | null> {
    return this.db.repo(AcquisitionSpend).findOne({ where: { organizationId, externalId } });
  }

  /** Inserts acquisition spend. */
  insertSpend(fields: Partial<AcquisitionSpend>): Promise<AcquisitionSpend> {
    const repo = this.db.repo(AcquisitionSpend);
    return repo.save(repo.create(fields));
  }

  /** The squad's id as stored, when it belongs to the organization (null otherwise). */
  async squadId(organizationId: string, id: string): Promise<string | null> {
    const [row] = await this.db.query<{ id: string }>(`SELECT s.id FROM ${orgSql.squad.as('s')} WHERE s.id = $1 AND s.organization_id = $2`, [
      id,
      organizationId,
    ]);
    return row?.id ?? null;
  }

  /** A conversion cost by external id. */
  conversionCostByExternalId(organizationId: string, externalId: string): Promise<ConversionCost | null> {
    return this.db.repo(ConversionCost).findOne({ where: { organizationId, externalId } });
  }

  /** Inserts a conversion cost. */
  insertConversionCost(fields: Partial<ConversionCost>): Promise<ConversionCost> {
    const repo = this.db.repo(ConversionCost);
    return repo.save(repo.create(fields));
  }

  /** Acquisition spend of local days [from, to), by day. */
  acquisitionSpend(organizationId: string, from: string, to: string): Promise<AcquisitionSpend[]> {
    return this.db.manager
      .createQueryBuilder(AcquisitionSpend, 's')
      .where('s.organization_id = :org AND s.day >= :from AND s.day < :to', { org: organizationId, from, to })
      .orderBy('s.day', 'ASC')
      .getMany();
  }

  /** Conversion costs of local days [from, to), by day. */
  conversionCosts(organizationId: string, from: string, to: string): Promise<ConversionCost[]> {
    return this.db.manager
      .createQueryBuilder(ConversionCost, 'c')
      .where('c.organization_id = :org AND c.day >= :from AND c.day < :to', { org: organizationId, from, to })
      .orderBy('c.day', 'ASC')
      .getMany();
  }
}
