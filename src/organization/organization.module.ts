import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/index.js';
import { PrincipalCache } from './principal-cache.js';
import { PrincipalInvalidation } from './principal-invalidation.js';
import { AccessService } from './access.service.js';
import { OrganizationLoaders } from './organization.loaders.js';
import { LegionResolver, OrganizationResolver, SquadResolver } from './organization.resolver.js';
import { OrganizationRepository } from './organization.repository.js';
import { OrganizationService } from './organization.service.js';
import { PeopleRepository } from './people.repository.js';
import { PeopleResolver } from './people.resolver.js';
import { PeopleService } from './people.service.js';

@Module({
  imports: [AuditModule],
  providers: [
    OrganizationRepository,
    PeopleRepository,
    PrincipalCache,
    PrincipalInvalidation,
    AccessService,
    OrganizationService,
    PeopleService,
    OrganizationLoaders,
    OrganizationResolver,
    LegionResolver,
    SquadResolver,
    PeopleResolver,
  ],
  exports: [OrganizationRepository, PeopleRepository, PrincipalCache, AccessService, OrganizationService, PeopleService, OrganizationLoaders],
})
export class OrganizationModule {}
