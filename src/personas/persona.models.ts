import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('PersonaNames')
export class PersonaNamesModel {
  @Field(() => String, { nullable: true }) en: string | null;
  @Field(() => String, { nullable: true }) ru: string | null;
  @Field(() => String, { nullable: true }) zh: string | null;
  @Field(() => String, { nullable: true }) vi: string | null;
}

@ObjectType('Persona', { description: "One persona of the organization's catalog." })
export class PersonaModel {
  @Field(() => ID) id: string;
  @Field({ description: 'What survey persona rules produce and script variants name.' }) key: string;
  @Field() name: string;
  @Field() description: string;
  @Field(() => PersonaNamesModel) names: PersonaNamesModel;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
}
