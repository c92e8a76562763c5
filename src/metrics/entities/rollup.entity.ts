import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { bigintMoney } from '../../common/money.js';

export enum RollupEntityType {
  MEMBER = 'MEMBER',
  SQUAD = 'SQUAD',
}

/** The counters `rollup_daily` keeps per day and `rollup_period` per week, month and quarter. */
export abstract class RollupCounters {
  @Column('integer', { default: 0 })
  leadsAssigned: number;

  @Column('integer', { default: 0 })
  paidOrders: number;

  @Column('integer', { default: 0 })
  conversions: number;

  @Column('integer', { default: 0 })
  repurchases: number;

  @Column('integer', { default: 0 })
  referralConversions: number;

  @Column('bigint', { transformer: bigintMoney, default: 0 })
  grossRevenue: number;

  @Column('bigint', { transformer: bigintMoney, default: 0 })
  refundedAmount: number;

  /** Orders refunded for the first time that day (each order counts once). */
  @Column('integer', { default: 0 })
  refundedOrders: number;
}

/**
 * Per-entity per-local-day aggregates, kept up to date in the same transaction as the order,
 * refund or assignment that changes them, so period metrics read rollups instead of raw events.
 * Squad rows credit the squad at the time of each event (a later move rewrites nothing).
 */
@Entity('rollup_daily')
@Index('ix_rollup_daily_org_day', ['organizationId', 'entityType', 'day'])
export class RollupDaily extends RollupCounters {
  @PrimaryColumn('uuid')
  organizationId: string;

  @PrimaryColumn('text')
  entityType: RollupEntityType;

  @PrimaryColumn('uuid')
  entityId: string;

  /** Local date in the organization's time zone. */
  @PrimaryColumn('date')
  day: string;
}

/** Raw log of lead assignments: the ground truth behind `leads_assigned` rollups. */
@Entity('lead_assignment_event')
@Index('ix_lead_assignment_event_org_time', ['organizationId', 'at'])
@Index('ix_lead_assignment_event_lead', ['leadId', 'at'])
export class LeadAssignmentEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('uuid')
  leadId: string;

  @Column('uuid', { nullable: true })
  fromOwnerId: string | null;

  @Column('uuid', { nullable: true })
  toOwnerId: string | null;

  @Column('uuid', { nullable: true })
  fromSquadId: string | null;

  @Column('uuid', { nullable: true })
  toSquadId: string | null;

  @Column('timestamptz')
  at: Date;
}

/**
 * `rollup_daily` summed per ISO week, month and quarter (periods of the organization's local
 * calendar, like the days they sum), so a board of a whole period reads one row per entity
 * whatever the period's length. Maintained by triggers on `rollup_daily` (statement-level, with
 * transition tables; migration RollupPeriod1797400000401): every insert, update or delete of a day
 * row adds its difference to the three period rows in the same statement, so the two tables can
 * never disagree. `rollups:check` compares both with raw rows.
 */
@Entity('rollup_period')
export class RollupPeriod extends RollupCounters {
  @PrimaryColumn('uuid')
  organizationId: string;

  /** ISO_WEEK, MONTH or QUARTER (the names of PeriodKind). */
  @PrimaryColumn('text')
  periodKind: string;

  /** First local day of the period (a Monday, the 1st of a month or quarter). */
  @PrimaryColumn('date')
  periodStart: string;

  @PrimaryColumn('text')
  entityType: RollupEntityType;

  @PrimaryColumn('uuid')
  entityId: string;
}
