import { BOUNDS, IsLocalDate, IsMoneyAmount, IsName, IsRequiredText, NotBlank } from '../../common/bounds.js';
import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsBoolean, IsDate, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { Money } from '../../common/graphql/scalars.js';
import { LeadSource } from '../../leads/index.js';
import { InstallmentCarrier } from '../entities/order.entity.js';
import { PriceTier, ProductKind } from '../entities/product.entity.js';

@InputType()
export class CreateProductInput {
  @Field() @IsString() @Length(1, 64) @Matches(/^[A-Za-z0-9._-]+$/, { message: 'may contain letters, digits, dot, dash and underscore' }) sku: string;
  @Field() @IsName(200) name: string;
  @Field(() => ProductKind) @IsEnum(ProductKind) kind: ProductKind;
  @Field(() => PriceTier, { nullable: true, description: 'Default: INTRO → TRIAL, ADVANCED → ADVANCED, other kinds → REGULAR.' })
  @IsOptional()
  @IsEnum(PriceTier)
  priceTier?: PriceTier;
  @Field(() => Money, { description: 'Minor units of the organization currency.' }) @IsMoneyAmount() listPrice: number;
  @Field(() => Int, { nullable: true, description: 'Courses: percent of lessons that counts as completing the class (1–100, default 100).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  completionThresholdPct?: number;
  @Field({ nullable: true, description: 'ISO 4217; must be the organization currency when given.' }) @IsOptional() @IsString() @Length(3, 3) currency?: string;
}

@InputType()
export class UpdateProductInput {
  @Field({ nullable: true }) @IsOptional() @IsName(200) name?: string;
  @Field(() => Money, { nullable: true }) @IsOptional() @IsMoneyAmount() listPrice?: number;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() active?: boolean;
  @Field(() => Int, { nullable: true, description: 'Percent of lessons that counts as completing the class (1–100).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  completionThresholdPct?: number;
  @Field(() => PriceTier, { nullable: true, description: 'Orders already recorded keep the tier they were paid at.' })
  @IsOptional()
  @IsEnum(PriceTier)
  priceTier?: PriceTier;
}

@InputType()
export class RecordOrderInput {
  @Field({ description: 'Id of the payment in the payment system; recording the same payment twice is idempotent.' })
  @IsRequiredText(200)
  externalId: string;
  @Field(() => ID) @IsUUID() leadId: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() productId?: string;
  @Field({ nullable: true, description: 'Alternative to productId.' }) @IsOptional() @IsString() @MaxLength(64) productSku?: string;
  @Field(() => Money, { description: 'What the customer actually paid (after discounts), minor units.' }) @IsMoneyAmount() amount: number;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(3, 3) currency?: string;
  @Field(() => Date) @IsDate() paidAt: Date;
  @Field(() => Int, { defaultValue: 1, description: '1 = paid in full; up to 36 parts.' }) @IsInt() @Min(1) @Max(36) installmentCount: number = 1;
  @Field(() => InstallmentCarrier, { defaultValue: InstallmentCarrier.PARTNER }) @IsEnum(InstallmentCarrier) installmentCarrier: InstallmentCarrier =
    InstallmentCarrier.PARTNER;
}

@InputType()
export class RecordRefundInput {
  @Field({ description: 'Id of the refund in the payment system (idempotency key).' }) @IsRequiredText(200) externalId: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() orderId?: string;
  @Field({ nullable: true, description: 'Alternative to orderId: the order externalId.' })
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(200)
  orderExternalId?: string;
  @Field(() => Money) @IsMoneyAmount(1) amount: number;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(3, 3) currency?: string;
  @Field(() => Date) @IsDate() refundedAt: Date;
  @Field() @IsRequiredText(BOUNDS.shortText) reason: string;
}

@InputType()
export class RecordInstallmentPaymentInput {
  @Field(() => ID) @IsUUID() orderId: string;
  @Field(() => Int) @IsInt() @Min(1) @Max(36) seq: number;
  @Field(() => Date) @IsDate() paidAt: Date;
}

@InputType()
export class RecordAcquisitionSpendInput {
  @Field({ description: 'Local date YYYY-MM-DD.' }) @IsLocalDate() day: string;
  @Field(() => LeadSource) @IsEnum(LeadSource) channel: LeadSource;
  @Field({
    nullable: true,
    description:
      'Normalized like a lead’s campaign (trimmed, lower-case, single spaces; at most 120 characters), so unit economics by CAMPAIGN matches spend to leads.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(480)
  campaign?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) cohortRef?: string;
  @Field(() => ID, { nullable: true, description: 'The SOP cohort (camp) this spend bought leads for.' }) @IsOptional() @IsUUID() cohortId?: string;
  @Field(() => Money) @IsMoneyAmount() amount: number;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(3, 3) currency?: string;
  @Field({ nullable: true, description: 'Idempotency key for imports.' }) @IsOptional() @IsString() @NotBlank() @MaxLength(200) externalId?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) note?: string;
}

@InputType()
export class RecordConversionCostInput {
  @Field() @IsLocalDate() day: string;
  @Field(() => ID) @IsUUID() squadId: string;
  @Field({ description: 'e.g. commission, camp running cost.' }) @IsName(100) category: string;
  @Field(() => Money) @IsMoneyAmount() amount: number;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(3, 3) currency?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @NotBlank() @MaxLength(200) externalId?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) note?: string;
}

@ArgsType()
export class OrdersFilterArgs {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() leadId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() repId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() squadId?: string;
  @Field(() => Date, { nullable: true }) @IsOptional() @IsDate() from?: Date;
  @Field(() => Date, { nullable: true }) @IsOptional() @IsDate() to?: Date;
}
