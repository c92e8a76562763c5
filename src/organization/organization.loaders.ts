import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/request-context.js';
import { byKeys } from '../common/request-context.js';
import type { Legion, Squad, SquadMembership, User } from './entities/index.js';
import { OrganizationService } from './organization.service.js';
import { PeopleService } from './people.service.js';

/** Request-scoped batch loaders for nested organization fields (no N+1). Other contexts reuse them. */
@Injectable()
export class OrganizationLoaders {
  constructor(
    private readonly orgs: OrganizationService,
    private readonly people: PeopleService,
  ) {}

  user(ctx: RequestContext, id: string): Promise<User | null> {
    return ctx.loader<string, User | null>('org.user', async (ids) => byKeys(ids, await this.people.usersByIds(ctx, ids), (u) => u.id)).load(id);
  }

  squad(ctx: RequestContext, id: string): Promise<Squad | null> {
    return ctx.loader<string, Squad | null>('org.squad', async (ids) => byKeys(ids, await this.orgs.squadsByIds(ctx, ids), (s) => s.id)).load(id);
  }

  legion(ctx: RequestContext, id: string): Promise<Legion | null> {
    return ctx.loader<string, Legion | null>('org.legion', async (ids) => byKeys(ids, await this.orgs.legionsByIds(ctx, ids), (l) => l.id)).load(id);
  }

  currentMembership(ctx: RequestContext, userId: string): Promise<SquadMembership | null> {
    return ctx
      .loader<string, SquadMembership | null>('org.currentMembership', async (ids) =>
        byKeys(ids, await this.people.currentMemberships(ctx, ids), (m) => m.userId),
      )
      .load(userId);
  }
}
