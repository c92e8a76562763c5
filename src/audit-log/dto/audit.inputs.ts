import { Field, ID, InputType } from '@nestjs/graphql';
import { IsDate, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const NAME_MESSAGE = 'must be a name as recorded: letters, digits and _ (e.g. Lead, UPDATED)';

/** Filters of `auditEvents`; every field is optional and they combine with AND. */
@InputType()
export class AuditEventFilter {
  @Field(() => ID, { nullable: true, description: 'Only changes made by this user.' })
  @IsOptional()
  @IsUUID()
  actorUserId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only changes made through this API key.' })
  @IsOptional()
  @IsUUID()
  actorApiKeyId?: string | null;

  @Field(() => String, { nullable: true, description: 'Entity type as recorded, e.g. Lead, User, Order, PlaybookVersion (at most 64 characters).' })
  @IsOptional()
  @MaxLength(64)
  @Matches(NAME, { message: NAME_MESSAGE })
  entityType?: string | null;

  @Field(() => String, { nullable: true, description: 'Id of the changed entity (at most 200 characters); usually given with entityType.' })
  @IsOptional()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9_:.-]+$/, { message: 'must be an id as recorded (letters, digits, - _ : .)' })
  entityId?: string | null;

  @Field(() => String, { nullable: true, description: 'Action as recorded, e.g. CREATED, UPDATED, PUBLISHED (at most 64 characters).' })
  @IsOptional()
  @MaxLength(64)
  @Matches(NAME, { message: NAME_MESSAGE })
  action?: string | null;

  @Field(() => Date, { nullable: true, description: 'Events at or after this instant.' })
  @IsOptional()
  @IsDate()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Events before this instant.' })
  @IsOptional()
  @IsDate()
  to?: Date | null;
}
