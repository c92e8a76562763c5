import { graphql } from '../../gql';

export const NumbersCatalogDoc = graphql(`
  query NumbersCatalog {
    metrics {
      key
      label
      definition
      unit
      isRate
      direction
      teamKind
      entityTypes
    }
  }
`);

export const BoardSetupDoc = graphql(`
  query BoardSetup {
    legions {
      id
      name
      kind
      commanderId
    }
    squads {
      id
      name
      legion {
        id
        name
        kind
        commanderId
      }
    }
  }
`);

export const BoardDefinitionFields = graphql(`
  fragment BoardDefinitionFields on LeaderboardDefinition {
    id
    name
    scope
    teamKind
    populationType
    populationId
    populationName
    periodKind
    archivedAt
    current {
      version
      metricKey
      components {
        metricKey
        weight
      }
      windowPeriods
      minDenominator
      shrinkageK
      topPct
      bottomPct
      watchStreak
    }
  }
`);

export const BoardDefinitionsDoc = graphql(`
  query BoardDefinitions {
    leaderboardDefinitions {
      ...BoardDefinitionFields
    }
  }
`);

export const PreviewLeaderboardDoc = graphql(`
  query PreviewLeaderboard($input: PreviewLeaderboardInput!) {
    previewLeaderboard(input: $input) {
      name
      direction
      populationRate
      period {
        label
      }
      bands {
        top
        middle
        bottom
        unranked
      }
      entries {
        entity {
          id
          name
        }
        rank
        band
        value
        numerator
        denominator
        adjustedValue
        unrankedReason
      }
    }
  }
`);

export const CreateBoardDoc = graphql(`
  mutation CreateBoard($input: CreateLeaderboardInput!) {
    createLeaderboard(input: $input) {
      ...BoardDefinitionFields
    }
  }
`);

export const UpdateBoardDoc = graphql(`
  mutation UpdateBoard($id: ID!, $input: UpdateLeaderboardInput!) {
    updateLeaderboard(id: $id, input: $input) {
      ...BoardDefinitionFields
    }
  }
`);

export const MetricSeriesDoc = graphql(`
  query MetricSeries($input: MetricValuesInput!) {
    metricValues(input: $input) {
      period {
        label
        startDate
      }
      entities {
        id
        name
      }
      series {
        metricKey
        values
        numerators
        denominators
      }
    }
  }
`);

export const UnitEconomicsDoc = graphql(`
  query NumbersUnitEconomics($input: UnitEconomicsInput!) {
    unitEconomics(input: $input) {
      group
      groupKey
      leads
      payingCustomers
      conversionRate
      spend
      cac
      firstOrderRevenue
      unitEconomics
      ltv
      ltvToCac
      paybackDays
    }
  }
`);
