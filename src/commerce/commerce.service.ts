import { normalizeAttributionValue } from '../leads/index.js';
import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { AuditService, diffOf } from '../audit/index.js';
import { badInput, conflict, forbidden, notFound } from '../common/errors.js';
import { decodeCursor, toConnection, type Connection } from '../common/graphql/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { Db, TransactionRunner } from '../database/transaction.js';
import { LeadStage } from '../leads/index.js';
import { canTransition, LeadStageService } from '../leads/index.js';
import { canSeeLead } from '../leads/index.js';
import { RollupService } from '../metrics/index.js';
import { AccessService } from '../organization/index.js';
import { Role } from '../organization/index.js';
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
import { CommerceRepository, type LeadFacts, type OrganizationFacts } from './commerce.repository.js';
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
  /**
   * Whether an SOP cohort exists in the organization (acquisition spend may name one). Cohorts are
   * the sop context's, which depends on commerce (class cohorts of a product), so sop provides
   * the check at init (`useCohortLookup`) instead of commerce reading its table.
   */
  private cohortExists: (organizationId: string, cohortId: string) => Promise<boolean> = async () => false;

  constructor(
    private readonly db: Db,
    private readonly repo: CommerceRepository,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly stages: LeadStageService,
    private readonly rollups: RollupService,
    private readonly orderEvents: OrderEvents,
  ) {}

  private organization(ctx: RequestContext): Promise<OrganizationFacts> {
    return this.repo.organizationFacts(ctx.organizationId);
  }
  /** Called once by the sop module: how to check that a cohort exists. */
  useCohortLookup(exists: (organizationId: string, cohortId: string) => Promise<boolean>): void {
    this.cohortExists = exists;
  }

  private assertCurrency(org: OrganizationFacts, currency: string | undefined, field = 'currency'): void {
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
  private async assertCanTouchLead(ctx: RequestContext, lead: Pick<LeadFacts, 'ownerId' | 'squadId'>): Promise<void> {
    if (ctx.actor.kind !== 'USER') return;
    // AccessService still takes a manager (bridge until organization moves to Db).
    if (!canSeeLead(await this.access.scope(ctx), lead)) throw forbidden('You can only record payments of leads you can see (your legions’ as a manager).');
  }

  // ---------------------------------------------------------------- products

  async products(ctx: RequestContext, includeInactive = false): Promise<Product[]> {
    return this.repo.products(ctx.organizationId, includeInactive);
  }

  async createProduct(ctx: RequestContext, input: CreateProductInput): Promise<Product> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    return this.tx.run(async () => {
      this.assertCurrency(await this.organization(ctx), input.currency);
      if (await this.repo.productSkuExists(ctx.organizationId, input.sku)) throw conflict(`A product with SKU ${input.sku} already exists.`);
      const product = await this.repo.saveProduct({
        organizationId: ctx.organizationId,
        sku: input.sku,
        name: input.name.trim(),
        kind: input.kind,
        priceTier: input.priceTier ?? defaultPriceTier(input.kind),
        completionThresholdPct: input.completionThresholdPct ?? 100,
        listPrice: input.listPrice,
        active: true,
      });
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
    return this.tx.run(async () => {
      const product = await this.repo.findProduct(ctx.organizationId, { id });
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
      await this.repo.saveProduct(product);
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
    return this.tx.run(() => this.recordCheckedOrder(ctx, input));
  }

  /** recordOrder after the input checks, in the current transaction. */
  private async recordCheckedOrder(ctx: RequestContext, input: RecordOrderInput): Promise<{ order: SalesOrder; duplicate: boolean }> {
    const org = await this.organization(ctx);
    this.assertCurrency(org, input.currency, 'input.currency');
    const product = await this.repo.findProduct(ctx.organizationId, { id: input.productId, sku: input.productSku });
    if (!product) throw badInput([{ field: input.productId ? 'input.productId' : 'input.productSku', message: 'no such product in this organization' }]);
    // Lock the lead: orders of one lead serialize, so "first conversion" is decided once.
    const lead = await this.repo.lockLead(ctx.organizationId, input.leadId);
    if (!lead) throw badInput([{ field: 'input.leadId', message: 'no such lead in this organization' }]);
    await this.assertCanTouchLead(ctx, lead);

    const existing = await this.repo.orderByExternalId(ctx.organizationId, input.externalId);
    if (existing) return { order: this.assertSamePayment(existing, input, product), duplicate: true };

    const credit = await this.creditAt(lead, input.paidAt);
    const kind = await this.classifyOrder(lead, product, input.paidAt);
    const inserted = await this.insertOrder(ctx, input, lead, product, credit, kind);
    if ('duplicate' in inserted) return inserted;
    const order = inserted.order;
    if (input.installmentCarrier === InstallmentCarrier.SCHOOL && input.installmentCount > 1) await this.scheduleInstallments(ctx, org, order.id, input);
    await this.bumpOrderRollups(ctx, input, credit, kind);
    await this.advanceStages(ctx, input, lead, product, kind);
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
  private async creditAt(lead: LeadFacts, paidAt: Date): Promise<OrderCredit> {
    const creditedRepId = lead.ownerId;
    let creditedSquadId = lead.squadId;
    if (creditedRepId) {
      // A rep without a membership then keeps the lead's squad.
      const squadThen = await this.repo.squadOfAt(creditedRepId, paidAt);
      if (squadThen) creditedSquadId = squadThen;
    }
    return { repId: creditedRepId, squadId: creditedSquadId };
  }

  /**
   * Conversion, repurchase or neither, and whether it converts a referral. A converting payment
   * recorded late but made earlier than the lead's current conversion takes its place (`demoted`).
   */
  private async classifyOrder(lead: LeadFacts, product: Product, paidAt: Date): Promise<OrderKind> {
    const converting = CONVERTING_KINDS.includes(product.kind);
    const conversion = await this.repo.conversionOf(lead.id);
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
      isReferralConversion = await this.repo.hasConverted(lead.referredByLeadId);
    }
    return { converting, isConversion, isRepurchase, isReferralConversion, demoted };
  }

  /** Inserts the order; the unique index on (organization, externalId) settles concurrent duplicates. */
  private async insertOrder(
    ctx: RequestContext,
    input: RecordOrderInput,
    lead: LeadFacts,
    product: Product,
    credit: OrderCredit,
    { isConversion, isRepurchase, isReferralConversion }: OrderKind,
  ): Promise<{ order: SalesOrder } | { order: SalesOrder; duplicate: true }> {
    const order = this.repo.newOrder({
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
    const id = await this.repo.insertOrderIfNew(order);
    if (id === null) {
      const winner = await this.repo.orderByExternalIdOrFail(ctx.organizationId, input.externalId);
      return { order: this.assertSamePayment(winner, input, product), duplicate: true };
    }
    order.id = id;
    return { order };
  }

  /** A school installment plan: one row per month from the payment day (the first one paid). */
  private async scheduleInstallments(ctx: RequestContext, org: OrganizationFacts, orderId: string, input: RecordOrderInput): Promise<void> {
    const firstDay = DateTime.fromJSDate(input.paidAt, { zone: org.timeZone }).startOf('day');
    await this.repo.insertInstallments(
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
  private async bumpOrderRollups(ctx: RequestContext, input: RecordOrderInput, credit: OrderCredit, kind: OrderKind): Promise<void> {
    const { isConversion, isRepurchase, isReferralConversion, demoted } = kind;
    if (demoted) {
      await this.repo.demoteConversion(demoted.id);
      await this.rollups.bump(
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
  private async advanceStages(ctx: RequestContext, input: RecordOrderInput, lead: LeadFacts, product: Product, kind: OrderKind): Promise<void> {
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
      const referrer = await this.repo.lockLead(ctx.organizationId, lead.referredByLeadId);
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
    return this.tx.run(() => this.recordCheckedRefund(ctx, input));
  }

  /** recordRefund after the input checks, in the current transaction. */
  private async recordCheckedRefund(ctx: RequestContext, input: RecordRefundInput): Promise<{ refund: Refund; order: SalesOrder; duplicate: boolean }> {
    this.assertCurrency(await this.organization(ctx), input.currency, 'input.currency');
    const order = await this.repo.lockOrder(ctx.organizationId, { id: input.orderId, externalId: input.orderExternalId });
    if (!order) throw badInput([{ field: input.orderId ? 'input.orderId' : 'input.orderExternalId', message: 'no such order in this organization' }]);
    await this.assertCanTouchLead(ctx, await this.repo.leadOrFail(order.leadId, ctx.organizationId));
    const existing = await this.repo.refundByExternalId(ctx.organizationId, input.externalId);
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
    const first = await this.repo.firstRefund(order.id);
    const refund = await this.repo.insertRefund({
      organizationId: ctx.organizationId,
      externalId: input.externalId,
      orderId: order.id,
      amount: input.amount,
      refundedAt: input.refundedAt,
      reason: input.reason.trim(),
    });
    order.refundedAmount += input.amount;
    await this.repo.setRefundedAmount(order.id, order.refundedAmount);
    await this.bumpRefundRollups(ctx, input, order, first);
    if (order.isConversion && order.refundedAmount === order.amount) await this.markLeadRefunded(ctx, input, order);
    await this.orderEvents.fireRefunded(ctx, { order, refund, fullyRefunded: order.refundedAmount === order.amount });
    await this.audit.record(ctx, {
      entityType: 'Order',
      entityId: order.id,
      action: 'REFUNDED',
      diff: { refundId: refund.id, externalId: input.externalId, amount: input.amount, refundedAmount: order.refundedAmount, reason: refund.reason },
    });
    return { refund, order, duplicate: false };
  }

  /** The refund's rollup counters: the order counts as refunded on the day of its earliest refund. */
  private async bumpRefundRollups(ctx: RequestContext, input: RecordRefundInput, order: SalesOrder, first: { refundedAt: Date } | null): Promise<void> {
    const credit = { memberId: order.creditedRepId, squadId: order.creditedSquadId };
    const becomesFirst = !first || first.refundedAt > input.refundedAt;
    if (first && becomesFirst) await this.rollups.bump(ctx.organizationId, first.refundedAt, credit, { refunded_orders: -1 });
    await this.rollups.bump(ctx.organizationId, input.refundedAt, credit, { refunded_amount: input.amount, refunded_orders: becomesFirst ? 1 : 0 });
  }

  /** A full refund of the converting order moves the lead to REFUNDED. */
  private async markLeadRefunded(ctx: RequestContext, input: RecordRefundInput, order: SalesOrder): Promise<void> {
    const lead = await this.repo.leadOrFail(order.leadId);
    if (canTransition(lead.stage, LeadStage.REFUNDED) && lead.stage !== LeadStage.REFUNDED) {
      await this.stages.transition(ctx, lead.id, LeadStage.REFUNDED, { at: input.refundedAt, reason: `full refund ${input.externalId}` });
    }
  }

  async recordInstallmentPayment(ctx: RequestContext, input: RecordInstallmentPaymentInput): Promise<SalesOrder> {
    this.assertCanWrite(ctx);
    return this.tx.run(async () => {
      const order = await this.repo.order(ctx.organizationId, input.orderId);
      if (!order) throw notFound('Order', input.orderId);
      await this.assertCanTouchLead(ctx, await this.repo.leadOrFail(order.leadId, ctx.organizationId));
      const part = await this.repo.installment(order.id, input.seq);
      if (!part) throw badInput([{ field: 'input.seq', message: `this order has no installment ${input.seq}` }]);
      if (part.paidAt) return order;
      await this.repo.payInstallment(part.id, input.paidAt);
      await this.audit.record(ctx, { entityType: 'Order', entityId: order.id, action: 'INSTALLMENT_PAID', diff: { seq: input.seq, amount: part.amount } });
      return order;
    });
  }

  async installments(ctx: RequestContext, orderIds: readonly string[]): Promise<OrderInstallment[]> {
    if (orderIds.length === 0) return [];
    return this.repo.installments(ctx.organizationId, [...orderIds]);
  }

  async order(ctx: RequestContext, id: string): Promise<SalesOrder> {
    const order = await this.repo.order(ctx.organizationId, id);
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
    let cursor: { paidAt: Date; id: string } | null = null;
    if (after) {
      const [paidAt, id] = decodeCursor(after, 2);
      cursor = { paidAt: new Date(String(paidAt)), id: String(id) };
    }
    const rows = await this.repo.ordersPage({
      organizationId: ctx.organizationId,
      visibleTo: scope.all ? null : { userId: scope.userId, squadIds: scope.manageSquadIds },
      leadId: filter.leadId,
      repId: filter.repId,
      squadId: filter.squadId,
      from: filter.from,
      to: filter.to,
      after: cursor,
      take: first + 1,
    });
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
    return this.tx.run(async () => {
      this.assertCurrency(await this.organization(ctx), input.currency, 'input.currency');
      if (input.cohortId && !(await this.cohortExists(ctx.organizationId, input.cohortId))) throw notFound('Cohort', input.cohortId);
      if (input.externalId) {
        const existing = await this.repo.spendByExternalId(ctx.organizationId, input.externalId);
        if (existing) {
          if (existing.amount !== input.amount || existing.day !== input.day || existing.channel !== input.channel || existing.campaign !== campaign.value)
            throw conflict(`externalId ${input.externalId} was already recorded with different values.`);
          return existing;
        }
      }
      const spend = await this.repo.insertSpend({
        organizationId: ctx.organizationId,
        day: input.day,
        channel: input.channel,
        campaign: campaign.value,
        cohortRef: input.cohortRef?.trim() || null,
        cohortId: input.cohortId ?? null,
        amount: input.amount,
        externalId: input.externalId ?? null,
        note: input.note ?? null,
      });
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
    return this.tx.run(async () => {
      this.assertCurrency(await this.organization(ctx), input.currency, 'input.currency');
      const squadId = await this.repo.squadId(ctx.organizationId, input.squadId);
      if (!squadId) throw badInput([{ field: 'input.squadId', message: 'no such squad in this organization' }]);
      // A MANAGER with legions records costs of their squads only; keys and ADMINs for any squad.
      if (ctx.actor.kind === 'USER') this.access.assertCanManageSquad(await this.access.scope(ctx), squadId);
      if (input.externalId) {
        const existing = await this.repo.conversionCostByExternalId(ctx.organizationId, input.externalId);
        if (existing) {
          if (existing.amount !== input.amount || existing.day !== input.day || existing.squadId !== input.squadId)
            throw conflict(`externalId ${input.externalId} was already recorded with different values.`);
          return existing;
        }
      }
      const cost = await this.repo.insertConversionCost({
        organizationId: ctx.organizationId,
        day: input.day,
        squadId,
        category: input.category.trim(),
        amount: input.amount,
        externalId: input.externalId ?? null,
        note: input.note ?? null,
      });
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
    return this.repo.acquisitionSpend(ctx.organizationId, from, to);
  }

  async conversionCosts(ctx: RequestContext, from: string, to: string): Promise<ConversionCost[]> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    return this.repo.conversionCosts(ctx.organizationId, from, to);
  }
}

function assertDate(day: string, field: string): void {
  if (!DateTime.fromISO(day, { zone: 'UTC' }).isValid) throw badInput([{ field, message: `${day} is not a calendar date` }]);
}
