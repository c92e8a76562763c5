import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AllowApiKey, Ctx } from '../common/auth-decorators.js';
import { ConnectionType, PageArgs } from '../common/graphql/pagination.js';
import { Money } from '../common/graphql/scalars.js';
import { groupByKeys, type RequestContext } from '../common/request-context.js';
import { CommerceService } from './commerce.service.js';
import {
  CreateProductInput,
  OrdersFilterArgs,
  RecordAcquisitionSpendInput,
  RecordConversionCostInput,
  RecordInstallmentPaymentInput,
  RecordOrderInput,
  RecordRefundInput,
  UpdateProductInput,
} from './dto/commerce.inputs.js';
import type { OrderInstallment, SalesOrder } from './entities/order.entity.js';
import { InstallmentCarrier } from './entities/order.entity.js';
import {
  AcquisitionSpendModel,
  ConversionCostModel,
  InstallmentModel,
  InstallmentStatus,
  OrderModel,
  ProductModel,
  RecordOrderResultModel,
  RecordRefundResultModel,
} from './models/commerce.models.js';
import { AGGREGATE_COST } from '../common/graphql/limits.js';

export const OrderConnection = ConnectionType(OrderModel, 'OrderConnection');

@Resolver(() => OrderModel)
export class CommerceResolver {
  constructor(private readonly commerce: CommerceService) {}

  @Query(() => [ProductModel])
  products(@Ctx() ctx: RequestContext, @Args('includeInactive', { defaultValue: false }) includeInactive: boolean) {
    return this.commerce.products(ctx, includeInactive);
  }

  @Mutation(() => ProductModel, { description: 'ADMIN, MANAGER.' })
  createProduct(@Ctx() ctx: RequestContext, @Args('input') input: CreateProductInput) {
    return this.commerce.createProduct(ctx, input);
  }

  @Mutation(() => ProductModel, { description: 'ADMIN, MANAGER.' })
  updateProduct(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateProductInput) {
    return this.commerce.updateProduct(ctx, id, input);
  }

  @AllowApiKey('commerce:write')
  @Mutation(() => RecordOrderResultModel, { description: 'ADMIN, MANAGER or an API key with commerce:write. Idempotent by externalId.' })
  recordOrder(@Ctx() ctx: RequestContext, @Args('input') input: RecordOrderInput) {
    return this.commerce.recordOrder(ctx, input);
  }

  @AllowApiKey('commerce:write')
  @Mutation(() => RecordRefundResultModel, { description: 'ADMIN, MANAGER or an API key with commerce:write. Idempotent by externalId.' })
  recordRefund(@Ctx() ctx: RequestContext, @Args('input') input: RecordRefundInput) {
    return this.commerce.recordRefund(ctx, input);
  }

  @AllowApiKey('commerce:write')
  @Mutation(() => OrderModel)
  recordInstallmentPayment(@Ctx() ctx: RequestContext, @Args('input') input: RecordInstallmentPaymentInput) {
    return this.commerce.recordInstallmentPayment(ctx, input);
  }

  @Query(() => OrderModel)
  order(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.commerce.order(ctx, id);
  }

  @Query(() => OrderConnection, { description: 'Newest first. Reps see their own credited orders; leads and managers their squads’.' })
  orders(@Ctx() ctx: RequestContext, @Args() filter: OrdersFilterArgs, @Args() page: PageArgs) {
    return this.commerce.orders(ctx, filter, page.first, page.after);
  }

  @AllowApiKey('commerce:write')
  @Mutation(() => AcquisitionSpendModel, { description: 'ADMIN, MANAGER (or an API key with commerce:write).' })
  recordAcquisitionSpend(@Ctx() ctx: RequestContext, @Args('input') input: RecordAcquisitionSpendInput) {
    return this.commerce.recordAcquisitionSpend(ctx, input);
  }

  @AllowApiKey('commerce:write')
  @Mutation(() => ConversionCostModel, { description: 'ADMIN, MANAGER (or an API key with commerce:write).' })
  recordConversionCost(@Ctx() ctx: RequestContext, @Args('input') input: RecordConversionCostInput) {
    return this.commerce.recordConversionCost(ctx, input);
  }

  @Query(() => [AcquisitionSpendModel], { complexity: AGGREGATE_COST, description: 'ADMIN, MANAGER. Local dates, to exclusive.' })
  acquisitionSpend(@Ctx() ctx: RequestContext, @Args('from') from: string, @Args('to') to: string) {
    return this.commerce.acquisitionSpend(ctx, from, to);
  }

  @Query(() => [ConversionCostModel], { complexity: AGGREGATE_COST, description: 'ADMIN, MANAGER. Local dates, to exclusive.' })
  conversionCosts(@Ctx() ctx: RequestContext, @Args('from') from: string, @Args('to') to: string) {
    return this.commerce.conversionCosts(ctx, from, to);
  }

  private installmentsOf(ctx: RequestContext, order: SalesOrder): Promise<OrderInstallment[]> {
    return ctx
      .loader<string, OrderInstallment[]>('commerce.installments', async (ids) =>
        groupByKeys(ids, await this.commerce.installments(ctx, ids), (i) => i.orderId),
      )
      .load(order.id);
  }

  @ResolveField(() => [InstallmentModel], { description: 'The schedule for SCHOOL-carried installments (empty otherwise).' })
  async installments(@Ctx() ctx: RequestContext, @Parent() order: SalesOrder): Promise<InstallmentModel[]> {
    const today = new Date().toISOString().slice(0, 10);
    return (await this.installmentsOf(ctx, order)).map((i) => ({
      seq: i.seq,
      dueDate: i.dueDate,
      amount: i.amount,
      paidAt: i.paidAt,
      status: i.paidAt ? InstallmentStatus.PAID : i.dueDate < today ? InstallmentStatus.OVERDUE : InstallmentStatus.DUE,
    }));
  }

  @ResolveField(() => Money, { description: 'Collected so far (minor units).' })
  async collectedAmount(@Ctx() ctx: RequestContext, @Parent() order: SalesOrder): Promise<number> {
    if (order.installmentCarrier !== InstallmentCarrier.SCHOOL || order.installmentCount === 1) return order.amount;
    return (await this.installmentsOf(ctx, order)).filter((i) => i.paidAt).reduce((s, i) => s + i.amount, 0);
  }
}
