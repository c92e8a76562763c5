import { normalizeAttributionValue } from '../leads/index.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService, diffOf } from '../audit/index.js';
import { badInput, conflict, forbidden, notFound } from '../common/errors.js';
import { decodeCursor, toConnection, type Connection } from '../common/graphql/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { TransactionRunner } from '../database/transaction.js';
import { Lead, LeadStage } from '../leads/index.js';
import { canTransition, LeadStageService } from '../leads/index.js';
import { canSeeLead } from '../leads/index.js';
import { RollupService } from '../metrics/index.js';
import { AccessService } from '../organization/index.js';
import { Organization, Role, Squad } from '../organization/index.js';
import type {
  CreateProductInput,
  OrdersFilterArgs,
  RecordAcquisitionSpendInput,
  RecordConversionCostInput,
  RecordInstallmentPaymentInput,
  RecordOrderInput,
  RecordRefundInput,
  UpdateProductInput,
} from './dto/commerce.inputs.js';
import { InstallmentCarrier, OrderInstallment, Refund, SalesOrder } from './entities/order.entity.js';
import { CONVERTING_KINDS, defaultPriceTier, Product } from './entities/product.entity.js';
import { AcquisitionSpend, ConversionCost } from './entities/spend.entity.js';
import { OrderEvents } from './order-events.js';

/** Splits an amount into `count` whole parts; the remainder goes to the first parts. */
export function splitInstallments(amount: number, count: number): number[] {
  const base = Math.floor(amount / count);
  const remainder = amount - base * count;
  return Array.from({ length: count }, (_, i) => base + (i < remainder ? 1 : 0));
}

/** The rep and squad an order is credited to. */
interface OrderCredit {
  repId: string | null;
  squadId: string | null;
}

/** What an order is for its lead (see classifyOrder). */
interface OrderKind {
  converting: boolean;
  isConversion: boolean;
  isRepurchase: boolean;
  isReferralConversion: boolean;
  demoted: SalesOrder | null;
}

/** Orders, refunds, installments and spend: the ground truth every metric is computed from. */
@Injectable()
export class CommerceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly stages: LeadStageService,
    private readonly rollups: RollupService,
    private readonly orderEvents: OrderEvents,
  ) {}

  private async organization(m: EntityManager, ctx: RequestContext): Promise<Organization> {
    return m.findOneOrFail(Organization, { where: { id: ctx.organizationId } });
  }

  private assertCurrency(org: Organization, currency: string | undefined, field = 'currency'): void {
    if (currency !== undefined && currency.toUpperCase() !== org.currency) {
      throw badInput([{ field, message: `must be ${org.currency}, the organization's currency (amounts are minor units of it); got ${currency}` }]);
    }
  }

  private assertCanWrite(ctx: RequestContext): void {
    if (ctx.actor.kind === 'API_KEY' || ctx.actor.kind === 'SYSTEM') return;
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
  }

  /**
   * A person records payments only for leads they may read (a MANAGER with legions: their
   * legions' leads); API keys (the payment system) and ADMINs for the whole organization.
   */
  private async assertCanTouchLead(m: EntityManager, ctx: RequestContext, lead: Pick<Lead, 'ownerId' | 'squadId'>): Promise<void> {
    if (ctx.actor.kind !== 'USER') return;
    if (!canSeeLead(await this.access.scope(ctx), lead)) throw forbidden('You can only record payments of leads you can see (your legions’ as a manager).');
  }

  // ---------------------------------------------------------------- products

  async products(ctx: RequestContext, includeInactive = false): Promise<Product[]> {
    return this.dataSource.manager.find(Product, {
      where: { organizationId: ctx.organizationId, ...(includeInactive ? {} : { active: true }) },
      order: { listPrice: 'ASC', name: 'ASC' },
    });
  }

  async createProduct(ctx: RequestContext, input: CreateProductInput): Promise<Product> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    return this.tx.run(async (m) => {
      this.assertCurrency(await this.organization(m, ctx), input.currency);
      if (await m.exists(Product, { where: { organizationId: ctx.organizationId, sku: input.sku } }))
        throw conflict(`A product with SKU ${input.sku} already exists.`);
      const product = await m.save(
        m.create(Product, {
          organizationId: ctx.organizationId,
          sku: input.sku,
          name: input.name.trim(),
          kind: input.kind,
          priceTier: input.priceTier ?? defaultPriceTier(input.kind),
          completionThresholdPct: input.completionThresholdPct ?? 100,
          listPrice: input.listPrice,
          active: true,
        }),
      );
      await this.audit.record(ctx, {
        entityType: 'Product',
        entityId: product.id,
        action: 'CREATED',
        diff: { sku: product.sku, kind: product.kind, priceTier: product.priceTier, listPrice: product.listPrice },
      });
      return product;
    });
  }

  async updateProduct(ctx: RequestContext, id: string, input: UpdateProductInput): Promise<Product> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    return this.tx.run(async (m) => {
      const product = await m.findOne(Product, { where: { id, organizationId: ctx.organizationId } });
      if (!product) throw notFound('Product', id);
      const diff = diffOf(product, {
        name: input.name?.trim(),
        listPrice: input.listPrice,
        active: input.active,
        priceTier: input.priceTier,
        completionThresholdPct: input.completionThresholdPct,
      });
      if (input.completionThresholdPct !== undefined) product.completionThresholdPct = input.completionThresholdPct;
      if (input.name !== undefined) product.name = input.name.trim();
      // Recorded orders keep the tier they were paid at.
      if (input.priceTier !== undefined) product.priceTier = input.priceTier;
      if (input.listPrice !== undefined) product.listPrice = input.listPrice;
      if (input.active !== undefined) product.active = input.active;
      await m.save(product);
      await this.audit.record(ctx, { entityType: 'Product', entityId: product.id, action: 'UPDATED', diff });
      return product;
    });
  }

  // ---------------------------------------------------------------- orders

  /**
   * Records a payment. Idempotent by externalId: the same payment again returns the recorded
   * order (`duplicate: true`); the same externalId with different facts is a CONFLICT.
   * Credit goes to the lead's owner at payment time and that rep's squad then.
   */
  async recordOrder(ctx: RequestContext, input: RecordOrderInput): Promise<{ order: SalesOrder; duplicate: boolean }> {
    this.assertCanWrite(ctx);
    if (!input.productId && !input.productSku) throw badInput([{ field: 'input.productId', message: 'give productId or productSku' }]);
    if (input.paidAt.getTime() > Date.now() + 5 * 60_000) throw badInput([{ field: 'input.paidAt', message: 'cannot be in the future' }]);
    if (input.installmentCount > 1 && input.amount < input.installmentCount) {
      throw badInput([{ field: 'input.installmentCount', message: 'cannot exceed the amount in minor units' }]);
    }
    return this.tx.run((m) => this.recordOrderIn(m, ctx, input));
  }

  /** recordOrder inside the caller's transaction (demo seeding, imports). */
  async recordOrderIn(m: EntityManager, ctx: RequestContext, input: RecordOrderInput): Promise<{ order: SalesOrder; duplicate: boolean }> {
    const org = await this.organization(m, ctx);
    this.assertCurrency(org, input.currency, 'input.currency');
    const product = await m.findOne(Product, {
      where: input.productId ? { id: input.productId, organizationId: ctx.organizationId } : { sku: input.productSku!, organizationId: ctx.organizationId },
    });
    if (!product) throw badInput([{ field: input.productId ? 'input.productId' : 'input.productSku', message: 'no such product in this organization' }]);
    // Lock the lead: orders of one lead serialize, so "first conversion" is decided once.
    const lead = await m
      .createQueryBuilder(Lead, 'l')
      .setLock('pessimistic_write')
      .where('l.id = :id AND l.organization_id = :org', { id: input.leadId, org: ctx.organizationId })
      .getOne();
    if (!lead) throw badInput([{ field: 'input.leadId', message: 'no such lead in this organization' }]);
    await this.assertCanTouchLead(m, ctx, lead);

    const existing = await m.findOne(SalesOrder, { where: { organizationId: ctx.organizationId, externalId: input.externalId } });
    if (existing) return { order: this.assertSamePayment(existing, input, product), duplicate: true };

    const credit = await this.creditAt(m, lead, input.paidAt);
    const kind = await this.classifyOrder(m, lead, product, input.paidAt);
    const inserted = await this.insertOrder(m, ctx, input, lead, product, credit, kind);
    if ('duplicate' in inserted) return inserted;
    const order = inserted.order;
    if (input.installmentCarrier === InstallmentCarrier.SCHOOL && input.installmentCount > 1) await this.scheduleInstallments(m, ctx, org, order.id, input);
    await this.bumpOrderRollups(m, ctx, input, credit, kind);
    await this.advanceStages(m, ctx, input, lead, product, kind);
    await this.orderEvents.firePaid(ctx, { order, product });
    await this.audit.record(ctx, {
      entityType: 'Order',
      entityId: order.id,
      action: 'RECORDED',
      diff: {
        externalId: input.externalId,
        leadId: lead.id,
        productId: product.id,
        amount: input.amount,
        isConversion: kind.isConversion,
        isRepurchase: kind.isRepurchase,
        creditedRepId: credit.repId,
        creditedSquadId: credit.squadId,
      },
    });
    return { order, duplicate: false };
  }

  /** Who is credited: the lead's owner, in the squad they belonged to when the payment was made. */
  private async creditAt(m: EntityManager, lead: Lead, paidAt: Date): Promise<OrderCredit> {
    const creditedRepId = lead.ownerId;
    let creditedSquadId = lead.squadId;
    if (creditedRepId) {
      const [row] = await m.query(
        `SELECT squad_id FROM squad_membership WHERE user_id = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2) ORDER BY valid_from DESC LIMIT 1`,
        [creditedRepId, paidAt],
      );
      if (row) creditedSquadId = row.squad_id;
    }
    return { repId: creditedRepId, squadId: creditedSquadId };
  }

  /**
   * Conversion, repurchase or neither, and whether it converts a referral. A converting payment
   * recorded late but made earlier than the lead's current conversion takes its place (`demoted`).
   */
  private async classifyOrder(m: EntityManager, lead: Lead, product: Product, paidAt: Date): Promise<OrderKind> {
    const converting = CONVERTING_KINDS.includes(product.kind);
    const conversion = await m.createQueryBuilder(SalesOrder, 'o').where('o.lead_id = :lead AND o.is_conversion', { lead: lead.id }).getOne();
    let isConversion = false;
    let demoted: SalesOrder | null = null;
    if (converting && (!conversion || conversion.paidAt > paidAt)) {
      isConversion = true;
      // A payment recorded late but made earlier than the current conversion takes its place.
      demoted = conversion;
    }
    const isRepurchase = !isConversion && !!conversion && conversion.paidAt <= paidAt;
    let isReferralConversion = false;
    if (isConversion && lead.referredByLeadId) {
      isReferralConversion = await m.exists(SalesOrder, { where: { leadId: lead.referredByLeadId, isConversion: true } });
    }
    return { converting, isConversion, isRepurchase, isReferralConversion, demoted };
  }

  /** Inserts the order; the unique index on (organization, externalId) settles concurrent duplicates. */
  private async insertOrder(
    m: EntityManager,
    ctx: RequestContext,
    input: RecordOrderInput,
    lead: Lead,
    product: Product,
    credit: OrderCredit,
    { isConversion, isRepurchase, isReferralConversion }: OrderKind,
  ): Promise<{ order: SalesOrder } | { order: SalesOrder; duplicate: true }> {
    const order = m.create(SalesOrder, {
      organizationId: ctx.organizationId,
      externalId: input.externalId,
      leadId: lead.id,
      productId: product.id,
      priceTier: product.priceTier,
      amount: input.amount,
      refundedAmount: 0,
      paidAt: input.paidAt,
      creditedRepId: credit.repId,
      creditedSquadId: credit.squadId,
      installmentCount: input.installmentCount,
      installmentCarrier: input.installmentCarrier,
      isConversion,
      isRepurchase,
      isReferralConversion,
    });
    const inserted: { id: string }[] = await m
      .createQueryBuilder()
      .insert()
      .into(SalesOrder)
      .values(order)
      .orIgnore()
      .returning('id')
      .execute()
      .then((r) => r.raw as { id: string }[]);
    if (inserted.length === 0) {
      const winner = await m.findOneOrFail(SalesOrder, { where: { organizationId: ctx.organizationId, externalId: input.externalId } });
      return { order: this.assertSamePayment(winner, input, product), duplicate: true };
    }
    order.id = inserted[0].id;
    return { order };
  }

  /** A school installment plan: one row per month from the payment day (the first one paid). */
  private async scheduleInstallments(m: EntityManager, ctx: RequestContext, org: Organization, orderId: string, input: RecordOrderInput): Promise<void> {
    const firstDay = DateTime.fromJSDate(input.paidAt, { zone: org.timeZone }).startOf('day');
    await m.insert(
      OrderInstallment,
      splitInstallments(input.amount, input.installmentCount).map((amount, i) => ({
        organizationId: ctx.organizationId,
        orderId,
        seq: i + 1,
        dueDate: firstDay.plus({ months: i }).toISODate()!,
        amount,
        paidAt: i === 0 ? input.paidAt : null,
      })),
    );
  }

  /** The order's rollup counters, and the demoted conversion's when this one takes its place. */
  private async bumpOrderRollups(m: EntityManager, ctx: RequestContext, input: RecordOrderInput, credit: OrderCredit, kind: OrderKind): Promise<void> {
    const { isConversion, isRepurchase, isReferralConversion, demoted } = kind;
    if (demoted) {
      await m.update(SalesOrder, { id: demoted.id }, { isConversion: false, isRepurchase: true, isReferralConversion: false });
      await this.rollups.bump(
        m,
        ctx.organizationId,
        demoted.paidAt,
        { memberId: demoted.creditedRepId, squadId: demoted.creditedSquadId },
        {
          conversions: -1,
          repurchases: 1,
          referral_conversions: demoted.isReferralConversion ? -1 : 0,
        },
      );
    }
    await this.rollups.bump(
      m,
      ctx.organizationId,
      input.paidAt,
      { memberId: credit.repId, squadId: credit.squadId },
      {
        paid_orders: 1,
        gross_revenue: input.amount,
        conversions: isConversion ? 1 : 0,
        repurchases: isRepurchase ? 1 : 0,
        referral_conversions: isReferralConversion ? 1 : 0,
      },
    );
  }

  /** CONVERTED, REPURCHASED for the lead, and REFERRING for the referrer of a converted referral (docs/lifecycle.md). */
  private async advanceStages(m: EntityManager, ctx: RequestContext, input: RecordOrderInput, lead: Lead, product: Product, kind: OrderKind): Promise<void> {
    const { converting, isConversion, isRepurchase } = kind;
    if (isConversion && lead.stage !== LeadStage.CONVERTED && canTransition(lead.stage, LeadStage.CONVERTED)) {
      await this.stages.transition(ctx, lead.id, LeadStage.CONVERTED, { at: input.paidAt, reason: `order ${input.externalId}` });
    }
    // docs/lifecycle.md: a later course order of a student (learning or done) is a repurchase.
    if (converting && isRepurchase && lead.stage !== LeadStage.REPURCHASED && canTransition(lead.stage, LeadStage.REPURCHASED)) {
      await this.stages.transition(ctx, lead.id, LeadStage.REPURCHASED, { at: input.paidAt, reason: `repurchase order ${input.externalId}` });
    }
    // A referral who converts marks their referrer (a student who completed or repurchased) REFERRING.
    if (isConversion && lead.referredByLeadId) {
      const referrer = await m
        .createQueryBuilder(Lead, 'l')
        .setLock('pessimistic_write')
        .where('l.id = :id AND l.organization_id = :org', { id: lead.referredByLeadId, org: ctx.organizationId })
        .getOne();
      if (referrer && referrer.stage !== LeadStage.REFERRING && canTransition(referrer.stage, LeadStage.REFERRING)) {
        await this.stages.transition(ctx, referrer.id, LeadStage.REFERRING, { at: input.paidAt, reason: `referral ${lead.id} converted` });
      }
    }
  }

  private assertSamePayment(existing: SalesOrder, input: RecordOrderInput, product: Product): SalesOrder {
    const same =
      existing.leadId === input.leadId &&
      existing.productId === product.id &&
      existing.amount === input.amount &&
      existing.paidAt.getTime() === input.paidAt.getTime() &&
      existing.installmentCount === input.installmentCount;
    if (!same) throw conflict(`externalId ${input.externalId} was already recorded for a different payment.`, { orderId: existing.id });
    return existing;
  }

  /**
   * Records a refund: never more than what remains refundable; a full refund of the converting
   * order moves the lead to REFUNDED. Idempotent by externalId.
   */
  async recordRefund(ctx: RequestContext, input: RecordRefundInput): Promise<{ refund: Refund; order: SalesOrder; duplicate: boolean }> {
    this.assertCanWrite(ctx);
    if (!input.orderId && !input.orderExternalId) throw badInput([{ field: 'input.orderId', message: 'give orderId or orderExternalId' }]);
    if (input.refundedAt.getTime() > Date.now() + 5 * 60_000) throw badInput([{ field: 'input.refundedAt', message: 'cannot be in the future' }]);
    return this.tx.run((m) => this.recordRefundIn(m, ctx, input));
  }

  /** recordRefund inside the caller's transaction. */
  async recordRefundIn(m: EntityManager, ctx: RequestContext, input: RecordRefundInput): Promise<{ refund: Refund; order: SalesOrder; duplicate: boolean }> {
    {
      this.assertCurrency(await this.organization(m, ctx), input.currency, 'input.currency');
      const order = await m
        .createQueryBuilder(SalesOrder, 'o')
        .setLock('pessimistic_write')
        .where('o.organization_id = :org', { org: ctx.organizationId })
        .andWhere(input.orderId ? 'o.id = :ref' : 'o.external_id = :ref', { ref: input.orderId ?? input.orderExternalId })
        .getOne();
      if (!order) throw badInput([{ field: input.orderId ? 'input.orderId' : 'input.orderExternalId', message: 'no such order in this organization' }]);
      await this.assertCanTouchLead(m, ctx, await m.findOneOrFail(Lead, { where: { id: order.leadId, organizationId: ctx.organizationId } }));
      const existing = await m.findOne(Refund, { where: { organizationId: ctx.organizationId, externalId: input.externalId } });
      if (existing) {
        if (existing.orderId !== order.id || existing.amount !== input.amount || existing.refundedAt.getTime() !== input.refundedAt.getTime()) {
          throw conflict(`externalId ${input.externalId} was already recorded for a different refund.`, { refundId: existing.id });
        }
        return { refund: existing, order, duplicate: true };
      }
      const remaining = order.amount - order.refundedAmount;
      if (input.amount > remaining) {
        throw badInput([{ field: 'input.amount', message: `exceeds what can still be refunded on this order (${remaining} of ${order.amount})` }]);
      }
      if (input.refundedAt < order.paidAt) throw badInput([{ field: 'input.refundedAt', message: 'is before the order was paid' }]);
      const [first] = await m.query('SELECT id, refunded_at FROM refund WHERE order_id = $1 ORDER BY refunded_at, id LIMIT 1', [order.id]);
      const refund = await m.save(
        m.create(Refund, {
          organizationId: ctx.organizationId,
          externalId: input.externalId,
          orderId: order.id,
          amount: input.amount,
          refundedAt: input.refundedAt,
          reason: input.reason.trim(),
        }),
      );
      order.refundedAmount += input.amount;
      await m.update(SalesOrder, { id: order.id }, { refundedAmount: order.refundedAmount });
      const credit = { memberId: order.creditedRepId, squadId: order.creditedSquadId };
      // The order counts as refunded on the day of its earliest refund.
      const becomesFirst = !first || new Date(first.refunded_at) > input.refundedAt;
      if (first && becomesFirst) await this.rollups.bump(m, ctx.organizationId, new Date(first.refunded_at), credit, { refunded_orders: -1 });
      await this.rollups.bump(m, ctx.organizationId, input.refundedAt, credit, { refunded_amount: input.amount, refunded_orders: becomesFirst ? 1 : 0 });
      if (order.isConversion && order.refundedAmount === order.amount) {
        const lead = await m.findOneOrFail(Lead, { where: { id: order.leadId } });
        if (canTransition(lead.stage, LeadStage.REFUNDED) && lead.stage !== LeadStage.REFUNDED) {
          await this.stages.transition(ctx, lead.id, LeadStage.REFUNDED, { at: input.refundedAt, reason: `full refund ${input.externalId}` });
        }
      }
      await this.orderEvents.fireRefunded(ctx, { order, refund, fullyRefunded: order.refundedAmount === order.amount });
      await this.audit.record(ctx, {
        entityType: 'Order',
        entityId: order.id,
        action: 'REFUNDED',
        diff: { refundId: refund.id, externalId: input.externalId, amount: input.amount, refundedAmount: order.refundedAmount, reason: refund.reason },
      });
      return { refund, order, duplicate: false };
    }
  }

  async recordInstallmentPayment(ctx: RequestContext, input: RecordInstallmentPaymentInput): Promise<SalesOrder> {
    this.assertCanWrite(ctx);
    return this.tx.run(async (m) => {
      const order = await m.findOne(SalesOrder, { where: { id: input.orderId, organizationId: ctx.organizationId } });
      if (!order) throw notFound('Order', input.orderId);
      await this.assertCanTouchLead(m, ctx, await m.findOneOrFail(Lead, { where: { id: order.leadId, organizationId: ctx.organizationId } }));
      const part = await m.findOne(OrderInstallment, { where: { orderId: order.id, seq: input.seq } });
      if (!part) throw badInput([{ field: 'input.seq', message: `this order has no installment ${input.seq}` }]);
      if (part.paidAt) return order;
      await m.update(OrderInstallment, { id: part.id }, { paidAt: input.paidAt });
      await this.audit.record(ctx, { entityType: 'Order', entityId: order.id, action: 'INSTALLMENT_PAID', diff: { seq: input.seq, amount: part.amount } });
      return order;
    });
  }

  async installments(ctx: RequestContext, orderIds: readonly string[]): Promise<OrderInstallment[]> {
    if (orderIds.length === 0) return [];
    return this.dataSource.manager
      .createQueryBuilder(OrderInstallment, 'i')
      .where('i.organization_id = :org AND i.order_id = ANY(:ids)', { org: ctx.organizationId, ids: [...orderIds] })
      .orderBy('i.seq', 'ASC')
      .getMany();
  }

  async order(ctx: RequestContext, id: string): Promise<SalesOrder> {
    const order = await this.dataSource.manager.findOne(SalesOrder, { where: { id, organizationId: ctx.organizationId } });
    if (!order) throw notFound('Order', id);
    const scope = await this.access.scope(ctx);
    if (!scope.all && order.creditedRepId !== scope.userId && !(order.creditedSquadId && scope.manageSquadIds.includes(order.creditedSquadId))) {
      throw forbidden('You can only see your own orders (or those of the squads you lead or manage).');
    }
    return order;
  }

  /** Orders the caller may see: own credited orders (MEMBER), their squads' (LEAD/MANAGER), all (ADMIN). */
  async orders(ctx: RequestContext, filter: OrdersFilterArgs, first: number, after?: string | null): Promise<Connection<SalesOrder>> {
    const scope = await this.access.scope(ctx);
    const qb = this.dataSource.manager
      .createQueryBuilder(SalesOrder, 'o')
      .where('o.organization_id = :org', { org: ctx.organizationId })
      .orderBy('o.paid_at', 'DESC')
      .addOrderBy('o.id', 'DESC')
      .take(first + 1);
    if (!scope.all) {
      qb.andWhere('(o.credited_rep_id = :self OR o.credited_squad_id = ANY(:squads))', { self: scope.userId, squads: scope.manageSquadIds });
    }
    if (filter.leadId) qb.andWhere('o.lead_id = :leadId', { leadId: filter.leadId });
    if (filter.repId) qb.andWhere('o.credited_rep_id = :repId', { repId: filter.repId });
    if (filter.squadId) qb.andWhere('o.credited_squad_id = :squadId', { squadId: filter.squadId });
    if (filter.from) qb.andWhere('o.paid_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('o.paid_at < :to', { to: filter.to });
    if (after) {
      const [paidAt, id] = decodeCursor(after, 2);
      qb.andWhere('(o.paid_at, o.id) < (:cPaid, :cId)', { cPaid: new Date(String(paidAt)), cId: id });
    }
    const rows = await qb.getMany();
    return toConnection(
      rows,
      first,
      (o) => [o.paidAt.toISOString(), o.id],
      (o) => o,
    );
  }

  // ---------------------------------------------------------------- spend

  async recordAcquisitionSpend(ctx: RequestContext, input: RecordAcquisitionSpendInput): Promise<AcquisitionSpend> {
    this.assertCanWrite(ctx);
    assertDate(input.day, 'input.day');
    // The same normalization as a lead's campaign, so spend and leads meet in unit economics.
    const campaign = normalizeAttributionValue(input.campaign);
    if (!campaign.ok) throw badInput([{ field: 'input.campaign', message: campaign.message }]);
    return this.tx.run(async (m) => {
      this.assertCurrency(await this.organization(m, ctx), input.currency, 'input.currency');
      if (input.cohortId) {
        const [cohort] = await m.query('SELECT 1 FROM cohort WHERE id = $1 AND organization_id = $2', [input.cohortId, ctx.organizationId]);
        if (!cohort) throw notFound('Cohort', input.cohortId);
      }
      if (input.externalId) {
        const existing = await m.findOne(AcquisitionSpend, { where: { organizationId: ctx.organizationId, externalId: input.externalId } });
        if (existing) {
          if (existing.amount !== input.amount || existing.day !== input.day || existing.channel !== input.channel || existing.campaign !== campaign.value)
            throw conflict(`externalId ${input.externalId} was already recorded with different values.`);
          return existing;
        }
      }
      const spend = await m.save(
        m.create(AcquisitionSpend, {
          organizationId: ctx.organizationId,
          day: input.day,
          channel: input.channel,
          campaign: campaign.value,
          cohortRef: input.cohortRef?.trim() || null,
          cohortId: input.cohortId ?? null,
          amount: input.amount,
          externalId: input.externalId ?? null,
          note: input.note ?? null,
        }),
      );
      await this.audit.record(ctx, {
        entityType: 'AcquisitionSpend',
        entityId: spend.id,
        action: 'RECORDED',
        diff: { day: spend.day, channel: spend.channel, campaign: spend.campaign, cohortId: spend.cohortId, amount: spend.amount },
      });
      return spend;
    });
  }

  async recordConversionCost(ctx: RequestContext, input: RecordConversionCostInput): Promise<ConversionCost> {
    this.assertCanWrite(ctx);
    assertDate(input.day, 'input.day');
    return this.tx.run(async (m) => {
      this.assertCurrency(await this.organization(m, ctx), input.currency, 'input.currency');
      const squad = await m.findOne(Squad, { where: { id: input.squadId, organizationId: ctx.organizationId } });
      if (!squad) throw badInput([{ field: 'input.squadId', message: 'no such squad in this organization' }]);
      // A MANAGER with legions records costs of their squads only; keys and ADMINs for any squad.
      if (ctx.actor.kind === 'USER') this.access.assertCanManageSquad(await this.access.scope(ctx), squad.id);
      if (input.externalId) {
        const existing = await m.findOne(ConversionCost, { where: { organizationId: ctx.organizationId, externalId: input.externalId } });
        if (existing) {
          if (existing.amount !== input.amount || existing.day !== input.day || existing.squadId !== input.squadId)
            throw conflict(`externalId ${input.externalId} was already recorded with different values.`);
          return existing;
        }
      }
      const cost = await m.save(
        m.create(ConversionCost, {
          organizationId: ctx.organizationId,
          day: input.day,
          squadId: squad.id,
          category: input.category.trim(),
          amount: input.amount,
          externalId: input.externalId ?? null,
          note: input.note ?? null,
        }),
      );
      await this.audit.record(ctx, {
        entityType: 'ConversionCost',
        entityId: cost.id,
        action: 'RECORDED',
        diff: { day: cost.day, squadId: cost.squadId, category: cost.category, amount: cost.amount },
      });
      return cost;
    });
  }

  async acquisitionSpend(ctx: RequestContext, from: string, to: string): Promise<AcquisitionSpend[]> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    return this.dataSource.manager
      .createQueryBuilder(AcquisitionSpend, 's')
      .where('s.organization_id = :org AND s.day >= :from AND s.day < :to', { org: ctx.organizationId, from, to })
      .orderBy('s.day', 'ASC')
      .getMany();
  }

  async conversionCosts(ctx: RequestContext, from: string, to: string): Promise<ConversionCost[]> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    return this.dataSource.manager
      .createQueryBuilder(ConversionCost, 'c')
      .where('c.organization_id = :org AND c.day >= :from AND c.day < :to', { org: ctx.organizationId, from, to })
      .orderBy('c.day', 'ASC')
      .getMany();
  }
}

function assertDate(day: string, field: string): void {
  if (!DateTime.fromISO(day, { zone: 'UTC' }).isValid) throw badInput([{ field, message: `${day} is not a calendar date` }]);
}
