import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A distribution model the organization runs cohorts under (free camp, paid camp, trial class,
 * 30-day intro, ...): an organization-defined list that cohorts pick from, so funnels and unit
 * economics can compare the models (`funnelComparison(groupBy: COHORT_TYPE)`).
 */
@Entity('cohort_type')
@Index('uq_cohort_type_org_key', ['organizationId', 'key'], { unique: true })
export class CohortType {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  /** Stable snake_case key, e.g. `paid_camp` (what reports and exports group by). */
  @Column('text')
  key: string;

  @Column('text')
  name: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
