import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('CohortType', { description: 'A distribution model of the organization (free camp, paid camp, trial class, ...).' })
export class CohortTypeModel {
  @Field(() => ID) id: string;
  @Field() key: string;
  @Field() name: string;
  @Field() createdAt: Date;
}
