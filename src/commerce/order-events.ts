import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/request-context.js';
import type { Refund, SalesOrder } from './entities/order.entity.js';
import type { Product } from './entities/product.entity.js';

export interface OrderPaidEvent {
  order: SalesOrder;
  product: Product;
}

export interface OrderRefundedEvent {
  order: SalesOrder;
  refund: Refund;
  /** Nothing of the order remains paid. */
  fullyRefunded: boolean;
}

/** Runs inside the transaction of the change: queries through `Db` join it. */
type Handler<E> = (ctx: RequestContext, event: E) => Promise<void>;

/** In-transaction events of orders, for other contexts (course service: enrollments, club). */
@Injectable()
export class OrderEvents {
  private readonly paid: Handler<OrderPaidEvent>[] = [];
  private readonly refunded: Handler<OrderRefundedEvent>[] = [];

  onPaid(handler: Handler<OrderPaidEvent>): void {
    this.paid.push(handler);
  }

  onRefunded(handler: Handler<OrderRefundedEvent>): void {
    this.refunded.push(handler);
  }

  async firePaid(ctx: RequestContext, e: OrderPaidEvent): Promise<void> {
    for (const h of this.paid) await h(ctx, e);
  }

  async fireRefunded(ctx: RequestContext, e: OrderRefundedEvent): Promise<void> {
    for (const h of this.refunded) await h(ctx, e);
  }
}
