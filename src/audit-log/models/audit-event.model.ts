import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum AuditActorKind {
  USER = 'USER',
  API_KEY = 'API_KEY',
  SYSTEM = 'SYSTEM',
}
registerEnumType(AuditActorKind, { name: 'AuditActorKind', description: 'Who made a change: a person, an API key, or the system (jobs, seeding, CLI).' });

@ObjectType('AuditFieldChange', { description: 'One field of a change. Values are JSON text; null when absent (before a creation, after a deletion).' })
export class AuditFieldChangeModel {
  @Field() field: string;
  @Field(() => String, { nullable: true, description: 'The value before the change, as JSON.' }) before: string | null;
  @Field(() => String, { nullable: true, description: 'The value after the change, as JSON.' }) after: string | null;
}

@ObjectType('AuditEvent', { description: 'One recorded change, written in the same transaction as the change itself.' })
export class AuditEventModel {
  @Field(() => ID) id: string;
  @Field() occurredAt: Date;
  @Field(() => AuditActorKind) actorKind: AuditActorKind;
  @Field(() => ID, { nullable: true }) actorUserId: string | null;
  @Field(() => ID, { nullable: true }) actorApiKeyId: string | null;
  @Field() entityType: string;
  @Field() entityId: string;
  @Field() action: string;
  @Field(() => [AuditFieldChangeModel], { description: 'The before/after diff, one entry per changed field, sorted by field.' })
  changes: AuditFieldChangeModel[];
}
