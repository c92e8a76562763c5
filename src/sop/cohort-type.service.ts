import { Injectable } from '@nestjs/common';
import { AuditService, diffOf } from '../audit/index.js';
import { badInput, conflict, notFound } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { TransactionRunner } from '../database/transaction.js';
import { AccessService } from '../organization/index.js';
import { Role } from '../organization/index.js';
import type { CreateCohortTypeInput, UpdateCohortTypeInput } from './dto/cohort-type.inputs.js';
import { CohortRepository } from './cohort.repository.js';
import type { CohortType } from './entities/cohort-type.entity.js';

/** The organization's list of distribution models that cohorts are typed with (ADMIN, MANAGER manage it). */
@Injectable()
export class CohortTypeService {
  constructor(
    private readonly repo: CohortRepository,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /** Everyone in the organization reads the list (it names report groups). */
  async list(ctx: RequestContext): Promise<CohortType[]> {
    return this.repo.cohortTypes(ctx.organizationId);
  }

  async byIds(ctx: RequestContext, ids: readonly string[]): Promise<CohortType[]> {
    if (!ids.length) return [];
    return this.repo.cohortTypesByIds(ctx.organizationId, ids);
  }

  /** The type, checked to be the organization's (BAD_USER_INPUT on `field` otherwise); null passes. */
  async check(ctx: RequestContext, id: string | null | undefined, field: string): Promise<CohortType | null> {
    if (id === null || id === undefined) return null;
    const type = await this.repo.cohortType(ctx.organizationId, id);
    if (!type) throw badInput([{ field, message: 'no such cohort type in this organization' }]);
    return type;
  }

  async create(ctx: RequestContext, input: CreateCohortTypeInput): Promise<CohortType> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    return this.tx.run(async () => {
      const id = await this.repo.insertCohortType({ organizationId: ctx.organizationId, key: input.key, name: input.name.trim() });
      if (!id) throw conflict(`A cohort type with key ${input.key} already exists.`);
      const type = await this.repo.cohortTypeById(id);
      await this.audit.record(ctx, { entityType: 'CohortType', entityId: type.id, action: 'CREATED', diff: { key: type.key, name: type.name } });
      return type;
    });
  }

  async update(ctx: RequestContext, id: string, input: UpdateCohortTypeInput): Promise<CohortType> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    return this.tx.run(async () => {
      const type = await this.repo.cohortType(ctx.organizationId, id);
      if (!type) throw notFound('CohortType', id);
      const diff = diffOf(type, { name: input.name.trim() });
      type.name = input.name.trim();
      await this.repo.saveCohortType(type);
      await this.audit.record(ctx, { entityType: 'CohortType', entityId: type.id, action: 'UPDATED', diff });
      return type;
    });
  }

  /** Only a type no cohort uses can be deleted (CONFLICT otherwise: history keeps its grouping). */
  async delete(ctx: RequestContext, id: string): Promise<boolean> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    return this.tx.run(async () => {
      const type = await this.repo.cohortType(ctx.organizationId, id);
      if (!type) throw notFound('CohortType', id);
      const used = await this.repo.countCohortsOfType(ctx.organizationId, id);
      if (used > 0) throw conflict(`Cohort type ${type.key} is used by ${used} cohort(s); rename it instead.`);
      await this.repo.deleteCohortType(id);
      await this.audit.record(ctx, { entityType: 'CohortType', entityId: type.id, action: 'DELETED', diff: { key: type.key, name: type.name } });
      return true;
    });
  }
}
