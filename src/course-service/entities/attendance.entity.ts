import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Live-class attendance reported by the learning platform: one event per report, idempotent by
 * `externalEventId`. For each (enrollment, session) the newest report (by `occurredAt`, then
 * arrival) decides whether the student attended.
 */
@Entity('attendance_event')
@Index('uq_attendance_event_external', ['organizationId', 'externalEventId'], { unique: true })
@Index('ix_attendance_event_enrollment', ['enrollmentId', 'sessionKey', 'occurredAt'])
@Index('ix_attendance_event_org_session', ['organizationId', 'sessionAt'])
export class AttendanceEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('uuid')
  enrollmentId: string;

  @Column('text')
  externalEventId: string;

  /** The platform's id of the live session (e.g. "week-3-qa"). */
  @Column('text')
  sessionKey: string;

  /** When the live session started. */
  @Column('timestamptz')
  sessionAt: Date;

  @Column('boolean')
  attended: boolean;

  @Column('integer', { nullable: true })
  minutesAttended: number | null;

  @Column('timestamptz')
  occurredAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt: Date;
}
