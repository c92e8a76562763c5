import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { bigintMoney } from '../../common/money.js';
import { Lead } from '../../leads/index.js';
import { PriceTier, Product } from './product.entity.js';

export enum InstallmentCarrier {
  /** A financing partner pays the school in full now; the student pays the partner. */
  PARTNER = 'PARTNER',
  /** The school collects the parts itself on a schedule. */
  SCHOOL = 'SCHOOL',
}

/**
 * A paid order. `amount` is what the customer actually pays for it (after discounts; booked
 * revenue). Credit (rep and squad) is captured at payment time and never rewritten.
 */
@Entity('sales_order')
@Index('uq_sales_order_org_external', ['organizationId', 'externalId'], { unique: true })
@Index('ix_sales_order_lead', ['leadId', 'paidAt'])
@Index('ix_sales_order_org_paid', ['organizationId', 'paidAt'])
@Check('ck_sales_order_amount', '"amount" >= 0 AND "refunded_amount" >= 0 AND "refunded_amount" <= "amount"')
@Check('ck_sales_order_installments', '"installment_count" BETWEEN 1 AND 36')
export class SalesOrder {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('text')
  externalId: string;

  @Column('uuid')
  leadId: string;

  @ManyToOne(() => Lead, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Relation<Lead>;

  @Column('uuid')
  productId: string;

  @ManyToOne(() => Product, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'product_id' })
  product?: Relation<Product>;

  /** The product's price tier when the order was paid (a later re-tiering rewrites nothing). */
  @Column('enum', { enum: PriceTier, enumName: 'price_tier' })
  priceTier: PriceTier;

  @Column('bigint', { transformer: bigintMoney })
  amount: number;

  @Column('bigint', { transformer: bigintMoney, default: 0 })
  refundedAmount: number;

  @Column('timestamptz')
  paidAt: Date;

  /** The rep who owned the lead when it paid (null: pool lead). */
  @Column('uuid', { nullable: true })
  creditedRepId: string | null;

  /** The rep's squad at payment time (or the lead's squad for a pool lead). */
  @Column('uuid', { nullable: true })
  creditedSquadId: string | null;

  @Column('integer', { default: 1 })
  installmentCount: number;

  @Column('enum', { enum: InstallmentCarrier, enumName: 'installment_carrier', default: InstallmentCarrier.PARTNER })
  installmentCarrier: InstallmentCarrier;

  /** First paid REGULAR/ADVANCED order of the lead. */
  @Column('boolean')
  isConversion: boolean;

  /** A later paid order of a lead that already converted. */
  @Column('boolean')
  isRepurchase: boolean;

  /** Conversion of a lead referred by a paying lead. */
  @Column('boolean')
  isReferralConversion: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A part of an order the school collects itself (carrier SCHOOL). */
@Entity('order_installment')
@Index('uq_order_installment_seq', ['orderId', 'seq'], { unique: true })
@Index('ix_order_installment_due', ['organizationId', 'dueDate'])
export class OrderInstallment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('uuid')
  orderId: string;

  @ManyToOne(() => SalesOrder, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id' })
  order?: Relation<SalesOrder>;

  /** 1-based. */
  @Column('integer')
  seq: number;

  /** Local date in the organization's time zone. */
  @Column('date')
  dueDate: string;

  @Column('bigint', { transformer: bigintMoney })
  amount: number;

  @Column('timestamptz', { nullable: true })
  paidAt: Date | null;
}

@Entity('refund')
@Index('uq_refund_org_external', ['organizationId', 'externalId'], { unique: true })
@Index('ix_refund_order', ['orderId'])
@Check('ck_refund_amount', '"amount" > 0')
export class Refund {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('text')
  externalId: string;

  @Column('uuid')
  orderId: string;

  @ManyToOne(() => SalesOrder, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'order_id' })
  order?: Relation<SalesOrder>;

  @Column('bigint', { transformer: bigintMoney })
  amount: number;

  @Column('timestamptz')
  refundedAt: Date;

  @Column('text')
  reason: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
