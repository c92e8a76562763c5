import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only record of every change: written in the same transaction as the change itself.
 * A trigger (see the migration) rejects UPDATE and DELETE on this table.
 */
@Entity('audit_event')
@Index('ix_audit_event_entity', ['organizationId', 'entityType', 'entityId', 'occurredAt'])
@Index('ix_audit_event_org_time', ['organizationId', 'occurredAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('uuid', { nullable: true })
  actorUserId: string | null;

  @Column('uuid', { nullable: true })
  actorApiKeyId: string | null;

  @Column('text')
  entityType: string;

  @Column('text')
  entityId: string;

  @Column('text')
  action: string;

  /** Compact diff: `{ field: [before, after] }`, or the created/deleted values. */
  @Column('jsonb')
  diff: Record<string, unknown>;

  @Column('timestamptz', { default: () => 'now()' })
  occurredAt: Date;
}
