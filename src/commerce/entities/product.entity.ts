import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
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

/**
 * The price level of an offer, orthogonal to the kind: a 9.90 camp is an INTRO product at the
 * TRIAL tier; the sources' 99 / 499 / 999 ladder is three converting products at LOW, REGULAR
 * and ADVANCED. Orders copy the tier of their product at payment time.
 */
export enum PriceTier {
  TRIAL = 'TRIAL',
  LOW = 'LOW',
  REGULAR = 'REGULAR',
  ADVANCED = 'ADVANCED',
}

/** The tier a product gets when none is given: INTRO → TRIAL, ADVANCED → ADVANCED, else REGULAR. */
export function defaultPriceTier(kind: ProductKind): PriceTier {
  if (kind === ProductKind.INTRO) return PriceTier.TRIAL;
  if (kind === ProductKind.ADVANCED) return PriceTier.ADVANCED;
  return PriceTier.REGULAR;
}

/** Kinds whose first paid order converts a lead. */
export const CONVERTING_KINDS: readonly ProductKind[] = [ProductKind.REGULAR, ProductKind.ADVANCED];

@Entity('product')
@Index('uq_product_org_sku', ['organizationId', 'sku'], { unique: true })
@Check('ck_product_completion_threshold', '"completion_threshold_pct" BETWEEN 1 AND 100')
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

  @Column('enum', { enum: PriceTier, enumName: 'price_tier' })
  priceTier: PriceTier;

  /**
   * Courses: the share of lessons (percent, 1–100) a student must complete for the class to
   * count them as completed (class completion rate); 100 = every lesson.
   */
  @Column('smallint', { default: 100 })
  completionThresholdPct: number;

  /** Minor units of the organization's currency. */
  @Column('bigint', { transformer: bigintMoney })
  listPrice: number;

  @Column('boolean', { default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
