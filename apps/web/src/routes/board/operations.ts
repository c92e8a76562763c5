import { graphql } from '../../gql';

// The sales lead's screens (Board, watch list, duels, squad today, experiments). Run
// `npm run web:codegen` after changing one.

export const BoardListDoc = graphql(`
  query BoardList {
    leaderboardDefinitions {
      id
      name
      scope
      teamKind
      periodKind
      populationName
      current {
        metricKey
        topPct
        bottomPct
        shrinkageK
        minDenominator
        watchStreak
      }
    }
    metrics {
      key
      label
      unit
      isRate
      entityTypes
      teamKind
    }
  }
`);

export const BoardPeriodsDoc = graphql(`
  query BoardPeriods($definitionId: ID!) {
    leaderboardSnapshots(definitionId: $definitionId, first: 26) {
      id
      label
      periodStart
    }
  }
`);

export const StandingLineFields = graphql(`
  fragment StandingLineFields on Standing {
    rank
    position
    band
    rankDelta
    previousRank
    value
    adjustedValue
    numerator
    denominator
    unrankedReason
    bottomStreak
    entity {
      id
      name
    }
  }
`);

// The same header fields on a whole board (Leaderboard) and on a live change (LeaderboardHeader);
// a whole board's lines come as columns (thousands of lines: far smaller and faster to parse).
export const StandingsFields = graphql(`
  fragment StandingsFields on Leaderboard {
    revision
    definitionId
    name
    status
    closedAt
    direction
    populationRate
    period {
      label
      kind
      startDate
    }
    rules {
      metricKey
      shrinkageK
    }
    bands {
      top
      middle
      bottom
      unranked
    }
    columns {
      ...StandingColumnsFields
    }
  }
`);

// A whole board's lines as columns (Leaderboard.columns, docs/rankings.md "Columns"): the fields of
// StandingLineFields, one array each. standings.ts boardFromColumns turns them into those lines as
// soon as a board arrives, so everything after works on lines.
export const StandingColumnsFields = graphql(`
  fragment StandingColumnsFields on StandingColumns {
    entityIds
    entityNames
    ranks
    positions
    bands
    rankDeltas
    previousRanks
    values
    adjustedValues
    numerators
    denominators
    unrankedReasons
    bottomStreaks
  }
`);

export const StandingsHeaderFields = graphql(`
  fragment StandingsHeaderFields on LeaderboardHeader {
    definitionId
    name
    status
    closedAt
    direction
    populationRate
    period {
      label
      kind
      startDate
    }
    rules {
      metricKey
      shrinkageK
    }
    bands {
      top
      middle
      bottom
      unranked
    }
  }
`);

export const StandingsDoc = graphql(`
  query Standings($input: LeaderboardInput!) {
    leaderboard(input: $input) {
      ...StandingsFields
    }
  }
`);

// The first message is the whole board; later ones the change from the previous revision
// (applied in standings.ts applyStandingsMessage; a gap refetches StandingsDoc).
export const StandingsChangedDoc = graphql(`
  subscription StandingsChanged($leaderboardId: ID!) {
    standingsChanged(leaderboardId: $leaderboardId) {
      revision
      baseRevision
      board {
        ...StandingsFields
      }
      header {
        ...StandingsHeaderFields
      }
      changed {
        ...StandingLineFields
      }
      removed
    }
  }
`);

export const BoardHistoryDoc = graphql(`
  query BoardHistory($definitionId: ID!) {
    leaderboardHistory(definitionId: $definitionId, periods: 8) {
      definitionId
      periods {
        label
        periodStart
      }
      entities {
        entity {
          id
        }
        values
        bands
      }
    }
  }
`);

export const WatchListDoc = graphql(`
  query WatchList($definitionId: ID!) {
    watchList(definitionId: $definitionId) {
      definitionId
      asOf
      watchStreak
      entries {
        bottomStreak
        lastRank
        lastValue
        openCoachingPlanId
        entity {
          id
          name
        }
      }
    }
  }
`);

export const CoachingPlanFields = graphql(`
  fragment CoachingPlanFields on CoachingPlan {
    id
    status
    goals
    notes
    reviewDate
    outcome
    outcomeNotes
    bottomStreakAtOpen
    createdAt
    closedAt
    definitionId
    subject {
      id
      name
    }
  }
`);

export const CoachingPlansDoc = graphql(`
  query CoachingPlans($status: CoachingStatus) {
    coachingPlans(status: $status) {
      ...CoachingPlanFields
    }
  }
`);

export const OpenCoachingPlanDoc = graphql(`
  mutation OpenCoachingPlan($input: OpenCoachingPlanInput!) {
    openCoachingPlan(input: $input) {
      ...CoachingPlanFields
    }
  }
`);

export const UpdateCoachingPlanDoc = graphql(`
  mutation UpdateCoachingPlan($id: ID!, $input: UpdateCoachingPlanInput!) {
    updateCoachingPlan(id: $id, input: $input) {
      ...CoachingPlanFields
    }
  }
`);

export const RecordCoachingOutcomeDoc = graphql(`
  mutation RecordCoachingOutcome($id: ID!, $input: RecordCoachingOutcomeInput!) {
    recordCoachingOutcome(id: $id, input: $input) {
      ...CoachingPlanFields
    }
  }
`);

export const DuelFields = graphql(`
  fragment DuelFields on PkDuel {
    id
    status
    entityType
    metricKey
    direction
    season
    winner
    margin
    closedAt
    period {
      label
      startDate
    }
    a {
      id
      name
      value
      numerator
      denominator
    }
    b {
      id
      name
      value
      numerator
      denominator
    }
  }
`);

export const DuelsDoc = graphql(`
  query Duels {
    duels {
      ...DuelFields
    }
  }
`);

export const DuelSeasonDoc = graphql(`
  query DuelSeason($season: String!, $entityType: RankingScope!) {
    duelSeason(season: $season, entityType: $entityType) {
      points
      wins
      draws
      losses
      entity {
        id
        name
      }
    }
  }
`);

export const DuelCandidatesDoc = graphql(`
  query DuelCandidates {
    squads(kind: PRE_SALES) {
      id
      name
    }
    users(role: MEMBER, active: true, first: 200) {
      nodes {
        id
        name
        squad {
          id
          name
        }
      }
    }
    metrics(teamKind: PRE_SALES) {
      key
      label
      unit
      entityTypes
    }
  }
`);

export const CreateDuelDoc = graphql(`
  mutation CreateDuel($input: CreateDuelInput!) {
    createDuel(input: $input) {
      ...DuelFields
    }
  }
`);

export const MySquadsDoc = graphql(`
  query MySquads {
    me {
      id
      role
      squad {
        id
        name
      }
    }
    squads {
      id
      name
      leadId
      legion {
        id
        name
        kind
        commanderId
      }
    }
  }
`);

export const SquadAgendaDoc = graphql(`
  query SquadAgenda($squadId: ID!, $from: DateTime!, $to: DateTime!) {
    squadAgenda(squadId: $squadId, from: $from, to: $to) {
      id
      status
      dueAt
      onTimeDeadline
      windowEnd
      onTime
      completedAt
      skippedAt
      missedAt
      repId
      rep {
        id
        name
      }
      lead {
        id
        name
      }
      step {
        id
        title
      }
    }
  }
`);

export const ExperimentFeedDoc = graphql(`
  query ExperimentFeed($after: String, $filter: ExperimentFeedFilter) {
    experimentFeed(first: 20, after: $after, filter: $filter) {
      nodes {
        id
        title
        hypothesis
        status
        verdict
        summary
        publicationNote
        publishedAt
        metricKey
        winnerVariantKey
        tags
        squad {
          id
          name
        }
        owner {
          id
          name
        }
        adoptions {
          id
          squadId
          adoptedAt
          squad {
            id
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const AdoptExperimentDoc = graphql(`
  mutation AdoptExperiment($id: ID!, $squadId: ID!) {
    adoptExperiment(id: $id, squadId: $squadId) {
      id
      adoptions {
        id
        squadId
        adoptedAt
        squad {
          id
          name
        }
      }
    }
  }
`);
