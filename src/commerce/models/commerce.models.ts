import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Money } from '../../common/graphql/scalars.js';
import { LeadSource } from '../../leads/index.js';
import { InstallmentCarrier } from '../entities/order.entity.js';
import { PriceTier, ProductKind } from '../entities/product.entity.js';

registerEnumType(ProductKind, { name: 'ProductKind', description: 'INTRO camp, REGULAR course (a conversion), ADVANCED course, SUBSCRIPTION club.' });
registerEnumType(PriceTier, {
  name: 'PriceTier',
  description: 'Price level of an offer: TRIAL (free or token-price camp/trial), LOW, REGULAR, ADVANCED (e.g. the 99 / 499 / 999 ladder).',
});
registerEnumType(InstallmentCarrier, {
  name: 'InstallmentCarrier',
  description: 'PARTNER pays the school in full now; SCHOOL collects the parts on a schedule.',
});

export enum InstallmentStatus {
  PAID = 'PAID',
  DUE = 'DUE',
  OVERDUE = 'OVERDUE',
}
registerEnumType(InstallmentStatus, { name: 'InstallmentStatus' });

@ObjectType('Product')
export class ProductModel {
  @Field(() => ID) id: string;
  @Field() sku: string;
  @Field() name: string;
  @Field(() => ProductKind) kind: ProductKind;
  @Field(() => PriceTier) priceTier: PriceTier;
  @Field(() => Int, { description: 'Percent of lessons that counts as completing the class.' }) completionThresholdPct: number;
  @Field(() => Money) listPrice: number;
  @Field() active: boolean;
}

@ObjectType('Installment')
export class InstallmentModel {
  @Field(() => Int) seq: number;
  @Field() dueDate: string;
  @Field(() => Money) amount: number;
  @Field(() => Date, { nullable: true }) paidAt: Date | null;
  @Field(() => InstallmentStatus) status: InstallmentStatus;
}

@ObjectType('Order')
export class OrderModel {
  @Field(() => ID) id: string;
  @Field() externalId: string;
  @Field(() => ID) leadId: string;
  @Field(() => ID) productId: string;
  @Field(() => PriceTier, { description: "The product's price tier at payment time." }) priceTier: PriceTier;
  @Field(() => Money, { description: 'Booked revenue: what the customer pays for this order.' }) amount: number;
  @Field(() => Money) refundedAmount: number;
  @Field() paidAt: Date;
  @Field(() => ID, { nullable: true }) creditedRepId: string | null;
  @Field(() => ID, { nullable: true }) creditedSquadId: string | null;
  @Field(() => Int) installmentCount: number;
  @Field(() => InstallmentCarrier) installmentCarrier: InstallmentCarrier;
  @Field() isConversion: boolean;
  @Field() isRepurchase: boolean;
  @Field() isReferralConversion: boolean;
}

@ObjectType('RecordOrderResult')
export class RecordOrderResultModel {
  @Field(() => OrderModel) order: OrderModel;
  @Field({ description: 'True when this payment had already been recorded (nothing changed).' }) duplicate: boolean;
}

@ObjectType('Refund')
export class RefundModel {
  @Field(() => ID) id: string;
  @Field() externalId: string;
  @Field(() => ID) orderId: string;
  @Field(() => Money) amount: number;
  @Field() refundedAt: Date;
  @Field() reason: string;
}

@ObjectType('RecordRefundResult')
export class RecordRefundResultModel {
  @Field(() => RefundModel) refund: RefundModel;
  @Field(() => OrderModel) order: OrderModel;
  @Field() duplicate: boolean;
}

@ObjectType('AcquisitionSpend')
export class AcquisitionSpendModel {
  @Field(() => ID) id: string;
  @Field() day: string;
  @Field(() => LeadSource) channel: LeadSource;
  @Field(() => String, { nullable: true }) campaign: string | null;
  @Field(() => String, { nullable: true }) cohortRef: string | null;
  @Field(() => ID, { nullable: true }) cohortId: string | null;
  @Field(() => Money) amount: number;
  @Field(() => String, { nullable: true }) note: string | null;
}

@ObjectType('ConversionCost')
export class ConversionCostModel {
  @Field(() => ID) id: string;
  @Field() day: string;
  @Field(() => ID) squadId: string;
  @Field() category: string;
  @Field(() => Money) amount: number;
  @Field(() => String, { nullable: true }) note: string | null;
}
