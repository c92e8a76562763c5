import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Lead } from '../../leads/index.js';
import { Organization } from '../../organization/index.js';
import { Squad } from '../../organization/index.js';
import { CohortType } from './cohort-type.entity.js';
import { PlaybookVersion } from './playbook.entity.js';

/** A camp (pre-sales) or course class (course service) running one published playbook version. */
@Entity('cohort')
@Index('uq_cohort_org_name', ['organizationId', 'name'], { unique: true })
@Index('uq_cohort_rolling', ['rollingLeadId', 'playbookVersionId'], { unique: true, where: '"rolling_lead_id" IS NOT NULL' })
@Index('ix_cohort_product', ['organizationId', 'productId', 'startDate'], { where: '"product_id" IS NOT NULL' })
export class Cohort {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column('text')
  name: string;

  /** Day 0, 'YYYY-MM-DD' in the cohort's time zone. */
  @Column('date')
  startDate: string;

  /** IANA time zone every step time is read in. */
  @Column('text')
  timeZone: string;

  @Column('uuid')
  playbookVersionId: string;

  @ManyToOne(() => PlaybookVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'playbook_version_id' })
  playbookVersion?: Relation<PlaybookVersion>;

  /** The distribution model (organization's `cohort_type` list); null = untyped. */
  @Column('uuid', { nullable: true })
  cohortTypeId: string | null;

  @ManyToOne(() => CohortType, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cohort_type_id' })
  cohortType?: Relation<CohortType>;

  /** Value of `{{product.name}}` (falls back to the playbook's). */
  @Column('text', { nullable: true })
  productName: string | null;

  /** Offer deadline; `{{deadline}}` shows it in the cohort's time zone. */
  @Column('timestamptz', { nullable: true })
  offerDeadline: Date | null;

  /** The course (product) of a course-service class: a paid order of it joins its next class. */
  @Column('uuid', { nullable: true })
  productId: string | null;

  /** A personal rolling cohort (1:1 SOP) of this lead: day 0 is its assignment or purchase day; no group steps. */
  @Column('uuid', { nullable: true })
  rollingLeadId: string | null;

  @ManyToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'rolling_lead_id' })
  rollingLead?: Relation<Lead>;

  @Column('uuid', { nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

@Entity('cohort_squad')
@Index('ix_cohort_squad_squad', ['squadId'])
export class CohortSquad {
  @PrimaryColumn('uuid')
  cohortId: string;

  @PrimaryColumn('uuid')
  squadId: string;

  @ManyToOne(() => Cohort, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cohort_id' })
  cohort?: Relation<Cohort>;

  @ManyToOne(() => Squad, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'squad_id' })
  squad?: Relation<Squad>;

  @CreateDateColumn({ type: 'timestamptz' })
  addedAt: Date;
}

@Entity('cohort_lead')
@Index('ix_cohort_lead_lead', ['leadId'])
export class CohortLead {
  @PrimaryColumn('uuid')
  cohortId: string;

  @PrimaryColumn('uuid')
  leadId: string;

  @ManyToOne(() => Cohort, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cohort_id' })
  cohort?: Relation<Cohort>;

  @ManyToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Relation<Lead>;

  @CreateDateColumn({ type: 'timestamptz' })
  addedAt: Date;
}
