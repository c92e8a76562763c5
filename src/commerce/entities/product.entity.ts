import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintMoney } from '../../common/money.js';

export enum ProductKind {
  /** Free or low-price intro camp. */
  INTRO = 'INTRO',
  /** The regular (long, high-price) course: buying it is a conversion. */
  REGULAR = 'REGULAR',
  ADVANCED = 'ADVANCED',
  /** Club / subscription after completion. */
  SUBSCRIPTION = 'SUBSCRIPTION',
}

/** Kinds whose first paid order converts a lead. */
export const CONVERTING_KINDS: readonly ProductKind[] = [ProductKind.REGULAR, ProductKind.ADVANCED];

@Entity('product')
@Index('uq_product_org_sku', ['organizationId', 'sku'], { unique: true })
export class Product {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('text')
  sku: string;

  @Column('text')
  name: string;

  @Column('enum', { enum: ProductKind, enumName: 'product_kind' })
  kind: ProductKind;

  /** Minor units of the organization's currency. */
  @Column('bigint', { transformer: bigintMoney })
  listPrice: number;

  @Column('boolean', { default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
