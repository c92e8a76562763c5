import { Args, Query, Resolver } from '@nestjs/graphql';
import { Ctx } from '../common/auth-decorators.js';
import { ConnectionType, PageArgs } from '../common/graphql/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { AuditLogService } from './audit-log.service.js';
import { AuditEventFilter } from './dto/audit.inputs.js';
import { AuditEventModel } from './models/audit-event.model.js';

export const AuditEventConnection = ConnectionType(AuditEventModel, 'AuditEventConnection');

@Resolver(() => AuditEventModel)
export class AuditResolver {
  constructor(private readonly log: AuditLogService) {}

  @Query(() => AuditEventConnection, {
    description: 'The audit log, newest first. ADMIN: the organization; MANAGER: the people, squads and legions they command.',
  })
  auditEvents(@Ctx() ctx: RequestContext, @Args('filter', { type: () => AuditEventFilter, nullable: true }) filter: AuditEventFilter, @Args() page: PageArgs) {
    return this.log.events(ctx, filter, page.first, page.after);
  }
}
