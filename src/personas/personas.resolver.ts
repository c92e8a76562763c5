import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx } from '../common/auth-decorators.js';
import type { RequestContext } from '../common/request-context.js';
import type { Persona } from './persona.entity.js';
import { CreatePersonaInput, UpdatePersonaInput } from './persona.inputs.js';
import { PersonaModel } from './persona.models.js';
import { PersonasService } from './personas.service.js';

const toModel = (p: Persona): PersonaModel => ({
  ...p,
  names: { en: p.names?.en ?? null, ru: p.names?.ru ?? null, zh: p.names?.zh ?? null, vi: p.names?.vi ?? null },
});

@Resolver(() => PersonaModel)
export class PersonasResolver {
  constructor(private readonly service: PersonasService) {}

  @Query(() => [PersonaModel], { description: "The organization's persona catalog, by key. Every signed-in user." })
  async personas(@Ctx() ctx: RequestContext) {
    return (await this.service.list(ctx)).map(toModel);
  }

  @Mutation(() => PersonaModel, { description: 'ADMIN, MANAGER. The key must be snake_case and new in the organization.' })
  async createPersona(@Ctx() ctx: RequestContext, @Args('input') input: CreatePersonaInput) {
    return toModel(await this.service.create(ctx, input));
  }

  @Mutation(() => PersonaModel, { description: 'ADMIN, MANAGER. Name, description and per-language names; the key never changes.' })
  async updatePersona(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdatePersonaInput) {
    return toModel(await this.service.update(ctx, id, input));
  }

  @Mutation(() => PersonaModel, {
    description: 'ADMIN, MANAGER. CONFLICT while a published survey (current version) or a published playbook version names it.',
  })
  async deletePersona(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return toModel(await this.service.delete(ctx, id));
  }
}
