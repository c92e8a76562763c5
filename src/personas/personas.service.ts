import { Injectable } from '@nestjs/common';
import { AuditService, diffOf } from '../audit/index.js';
import { badInput, conflict, notFound, type FieldError } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { isUuid } from '../common/formats.js';
import { TransactionRunner } from '../database/transaction.js';
import { AccessService } from '../organization/index.js';
import { Role } from '../organization/index.js';
import type { CreatePersonaInput, PersonaNamesInput, UpdatePersonaInput } from './persona.inputs.js';
import type { Persona, PersonaNames } from './persona.entity.js';
import { PersonasRepository } from './personas.repository.js';

const LANGS = ['en', 'ru', 'zh', 'vi'] as const;

function cleanNames(input: PersonaNamesInput | null | undefined): PersonaNames {
  const out: PersonaNames = {};
  for (const l of LANGS) {
    const v = input?.[l]?.trim();
    if (v) out[l] = v;
  }
  return out;
}

/** A place that names a persona, checked against the catalog: `field` is the input path. */
export interface PersonaRef {
  field: string;
  key: string;
}

/** The organization's persona catalog; surveys and playbooks check the personas they name here. */
@Injectable()
export class PersonasService {
  constructor(
    private readonly repo: PersonasRepository,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /**
   * SQL texts yielding rows (organization_id, key, place) of where live surveys and playbooks name
   * a persona; the contexts naming personas register them (deleting a persona checks them).
   */
  private readonly usageSources: string[] = [];

  /** Registers one source of persona usage (see `usageSources`). */
  registerUsage(sql: string): void {
    this.usageSources.push(sql);
  }

  /** Every signed-in user of the organization reads the catalog (it labels leads and scripts). */
  async list(ctx: RequestContext): Promise<Persona[]> {
    return this.repo.list(ctx.organizationId);
  }

  /** The catalog's keys (one statement), inside the current transaction if any. */
  async keys(organizationId: string): Promise<Set<string>> {
    return this.repo.keys(organizationId);
  }

  /** A BAD_USER_INPUT error per reference to a persona that is not in the catalog (empty = all known). */
  async unknownPersonaErrors(organizationId: string, refs: PersonaRef[]): Promise<FieldError[]> {
    if (refs.length === 0) return [];
    const known = await this.keys(organizationId);
    return refs
      .filter((r) => !known.has(r.key))
      .map((r) => ({ field: r.field, message: `unknown persona "${r.key}": add it to the persona catalog first (createPersona)` }));
  }

  async create(ctx: RequestContext, input: CreatePersonaInput): Promise<Persona> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    return this.tx.run(async () => {
      const taken = await this.repo.findByKey(ctx.organizationId, input.key);
      if (taken) throw badInput([{ field: 'input.key', message: `the catalog already has a persona "${input.key}"` }]);
      const persona = await this.repo.insert({
        organizationId: ctx.organizationId,
        key: input.key,
        name: input.name.trim(),
        description: input.description?.trim() ?? '',
        names: cleanNames(input.names),
      });
      await this.audit.record(ctx, { entityType: 'Persona', entityId: persona.id, action: 'CREATED', diff: { key: persona.key, name: persona.name } });
      return persona;
    });
  }

  async update(ctx: RequestContext, id: string, input: UpdatePersonaInput): Promise<Persona> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    return this.tx.run(async () => {
      const persona = await this.find(ctx, id, true);
      const before = { ...persona };
      if (input.name !== undefined && input.name !== null) persona.name = input.name.trim();
      if (input.description !== undefined) persona.description = input.description?.trim() ?? '';
      if (input.names !== undefined) persona.names = cleanNames(input.names);
      await this.repo.save(persona);
      const diff = diffOf(before, persona, ['name', 'description', 'names']);
      if (Object.keys(diff).length) await this.audit.record(ctx, { entityType: 'Persona', entityId: persona.id, action: 'UPDATED', diff });
      return persona;
    });
  }

  /** Deletes a persona no live survey or playbook names (CONFLICT listing where it is used otherwise). */
  async delete(ctx: RequestContext, id: string): Promise<Persona> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    return this.tx.run(async () => {
      const persona = await this.find(ctx, id, true);
      const used = await this.repo.usagePlaces(ctx.organizationId, persona.key, this.usageSources);
      if (used.length) {
        throw conflict(`Persona "${persona.key}" is in use by ${used.join(', ')}; remove it from them (publish new versions) first.`);
      }
      await this.repo.delete(persona.id);
      await this.audit.record(ctx, { entityType: 'Persona', entityId: persona.id, action: 'DELETED', diff: { key: persona.key, name: persona.name } });
      return { ...persona, id };
    });
  }

  private async find(ctx: RequestContext, id: string, lock = false): Promise<Persona> {
    if (!isUuid(id)) throw notFound('Persona', id);
    const persona = await this.repo.find(ctx.organizationId, id, lock);
    if (!persona) throw notFound('Persona', id);
    return persona;
  }
}
