import { IsLocalDate } from '../../common/bounds.js';
import { Field, Float, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { Long, NumberList } from '../../common/graphql/scalars.js';
import { ValidatedInService } from '../../common/validated-in-service.js';
import { TeamKind } from '../../organization/index.js';
import { MetricDirection, MetricEntityType, MetricUnit } from '../metric-catalog.js';
import { METRIC_VALUES_LIMITS, PeriodKind } from '../metrics.service.js';

registerEnumType(MetricEntityType, { name: 'MetricEntityType' });
registerEnumType(MetricUnit, { name: 'MetricUnit' });
registerEnumType(MetricDirection, { name: 'MetricDirection' });
registerEnumType(PeriodKind, { name: 'PeriodKind', description: "Periods are in the organization's time zone; ISO weeks start on Monday." });

@ObjectType('Metric')
export class MetricModel {
  @Field() key: string;
  @Field() label: string;
  @Field(() => TeamKind) teamKind: TeamKind;
  @Field(() => MetricUnit) unit: MetricUnit;
  @Field(() => MetricDirection) direction: MetricDirection;
  @Field() definition: string;
  @Field(() => [MetricEntityType]) entityTypes: MetricEntityType[];
  @Field({ description: 'True for rates: value = numerator / denominator.' }) isRate: boolean;
}

@InputType()
export class PeriodInputModel {
  @Field(() => PeriodKind) @IsEnum(PeriodKind) kind: PeriodKind;
  @Field({ description: 'Any local date in the period (YYYY-MM-DD); the first day for CUSTOM.' })
  @IsLocalDate()
  start: string;
  @Field(() => String, { nullable: true, description: 'CUSTOM only: the day after the last (exclusive).' })
  @IsOptional()
  @IsLocalDate()
  end?: string | null;
}

/**
 * Checked by `MetricsService.metricValues` (see `checkMetricValuesInput`), not by the validation
 * pipe: dashboards and boards ask for metric values all day, and building class instances and
 * running class-validator cost a third of a millisecond per request on this small input.
 */
@ValidatedInService()
@InputType()
export class MetricValuesInput {
  @Field(() => [String], { description: `1 to ${METRIC_VALUES_LIMITS.metricKeys} metric keys.` }) metricKeys: string[];
  @Field(() => MetricEntityType) entityType: MetricEntityType;
  @Field(() => [ID], { nullable: true, description: `Default: every entity of the type you can see. At most ${METRIC_VALUES_LIMITS.entityIds}.` })
  entityIds?: string[] | null;
  @Field(() => PeriodInputModel) period: PeriodInputModel;
}

@ObjectType('Period')
export class PeriodModel {
  @Field(() => PeriodKind) kind: PeriodKind;
  @Field() label: string;
  @Field() startDate: string;
  @Field({ description: 'Exclusive.' }) endDate: string;
  @Field() start: Date;
  @Field() end: Date;
  @Field() timeZone: string;
}

@ObjectType('MetricValue')
export class MetricValueModel {
  @Field() metricKey: string;
  @Field(() => MetricEntityType) entityType: MetricEntityType;
  @Field(() => ID) entityId: string;
  @Field() entityName: string;
  @Field(() => Float, { nullable: true, description: 'null when a rate has a zero denominator. Money in minor units.' }) value: number | null;
  @Field(() => Long, { description: 'Exact count or money sum behind the value.' }) numerator: number;
  @Field(() => Long, { nullable: true, description: 'For rates.' }) denominator: number | null;
}

@ObjectType('MetricEntity')
export class MetricEntityModel {
  @Field(() => ID) id: string;
  @Field() name: string;
}

@ObjectType('MetricSeries', { description: 'One metric for every entity, aligned by index with MetricValues.entities (compact form for bulk reads).' })
export class MetricSeriesModel {
  @Field() metricKey: string;
  @Field(() => NumberList, { description: 'Value per entity (null when a rate has no denominator).' }) values: (number | null)[];
  @Field(() => NumberList, { description: 'Exact integer count or money sum per entity.' }) numerators: number[];
  @Field(() => NumberList, { description: 'Denominator per entity (null for non-rates).' }) denominators: (number | null)[];
}

@ObjectType('MetricValues')
export class MetricValuesModel {
  @Field(() => PeriodModel) period: PeriodModel;
  @Field(() => [MetricValueModel], { description: 'One object per metric and entity.' }) values: MetricValueModel[];
  @Field(() => [MetricEntityModel], { description: 'The entities, in the order of every series.' }) entities: MetricEntityModel[];
  @Field(() => [ID], { description: 'The entity ids alone, in the order of every series: the key column of the columnar shape.' }) entityIds: string[];
  @Field(() => [MetricSeriesModel], { description: 'The same numbers in columns: far cheaper to transfer for hundreds of entities.' })
  series: MetricSeriesModel[];
}

@ObjectType('RollupDifference')
export class RollupDifferenceModel {
  @Field() entityType: string;
  @Field(() => ID) entityId: string;
  @Field() day: string;
  @Field() field: string;
  @Field(() => Long) stored: number;
  @Field(() => Long) expected: number;
}
