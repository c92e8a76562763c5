import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintMoney } from '../../common/money.js';
import { LeadSource } from '../../leads/index.js';

/** Money spent acquiring leads, by channel / campaign / cohort and local date. */
@Entity('acquisition_spend')
@Index('ix_acquisition_spend_org_day', ['organizationId', 'day'])
@Index('uq_acquisition_spend_external', ['organizationId', 'externalId'], { unique: true, where: '"external_id" IS NOT NULL' })
@Check('ck_acquisition_spend_amount', '"amount" >= 0')
export class AcquisitionSpend {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('date')
  day: string;

  @Column('enum', { enum: LeadSource, enumName: 'lead_source' })
  channel: LeadSource;

  @Column('text', { nullable: true })
  campaign: string | null;

  @Column('text', { nullable: true })
  cohortRef: string | null;

  /** The SOP cohort (camp) this spend bought leads for; funnels by cohort and cohort type use it. */
  @Column('uuid', { nullable: true })
  cohortId: string | null;

  @Column('bigint', { transformer: bigintMoney })
  amount: number;

  @Column('text', { nullable: true })
  externalId: string | null;

  @Column('text', { nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** Costs of converting (commissions, camp running costs) by squad and local date. */
@Entity('conversion_cost')
@Index('ix_conversion_cost_org_day', ['organizationId', 'day'])
@Index('uq_conversion_cost_external', ['organizationId', 'externalId'], { unique: true, where: '"external_id" IS NOT NULL' })
@Check('ck_conversion_cost_amount', '"amount" >= 0')
export class ConversionCost {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('date')
  day: string;

  @Column('uuid')
  squadId: string;

  @Column('text')
  category: string;

  @Column('bigint', { transformer: bigintMoney })
  amount: number;

  @Column('text', { nullable: true })
  externalId: string | null;

  @Column('text', { nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
