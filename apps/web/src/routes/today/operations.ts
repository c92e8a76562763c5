import { graphql } from '../../gql';

// The Today screen's operations. Run `npm run web:codegen` after changing one.

export const AgendaItemFields = graphql(`
  fragment AgendaItemFields on AgendaItem {
    id
    stepId
    status
    dueAt
    onTimeDeadline
    windowEnd
    localDate
    localTime
    timeZone
    onTime
    completedAt
    skippedAt
    skipReason
    missedAt
    cancelledAt
    cancelReason
    note
    lead {
      id
      name
      persona
      tier
    }
    objectionLogs {
      id
      objectionId
      answerId
      note
      loggedAt
    }
  }
`);

// The agenda as a sheet: steps, scripts and objections once each, referenced by the items (docs/sop.md).
export const MyAgendaDoc = graphql(`
  query MyAgenda($from: DateTime!, $to: DateTime!) {
    myAgendaSheet(from: $from, to: $to) {
      items {
        ...AgendaItemFields
        scriptRef
        objectionSetRef
      }
      steps {
        id
        key
        title
        goal
        channel
      }
      scripts {
        id
        text
        persona
        missingVariables
      }
      objectionSets {
        id
        objectionRefs
      }
      objections {
        ref
        id
        key
        stepKey
        objection
        answers {
          id
          label
          persona
          text
        }
      }
    }
  }
`);

export const CompleteStepDoc = graphql(`
  mutation CompleteStep($id: ID!, $note: String) {
    completeStep(id: $id, note: $note) {
      ...AgendaItemFields
    }
  }
`);

export const SkipStepDoc = graphql(`
  mutation SkipStep($id: ID!, $reason: String!) {
    skipStep(id: $id, reason: $reason) {
      ...AgendaItemFields
    }
  }
`);

export const LogObjectionDoc = graphql(`
  mutation LogObjection($itemId: ID!, $objectionId: ID!, $answerUsed: ID, $note: String) {
    logObjection(itemId: $itemId, objectionId: $objectionId, answerUsed: $answerUsed, note: $note) {
      id
      agendaItemId
      objectionId
      answerId
      note
      loggedAt
    }
  }
`);

export const LeadDetailsDoc = graphql(`
  query LeadDetails($id: ID!) {
    lead(id: $id) {
      id
      name
      tier
      persona
      score
      stage
      latestSubmission {
        id
        createdAt
        explanation {
          total
          tierReason
          personaReason
          contributions {
            questionKey
            group
            detail
            weightedPoints
          }
          caps {
            group
            limit
            before
            after
            cut
          }
          rules {
            ruleKey
            label
            points
          }
        }
      }
    }
  }
`);

export const MyBoardsDoc = graphql(`
  query MyBoards {
    leaderboardDefinitions {
      id
      name
      scope
    }
    metrics {
      key
      unit
    }
  }
`);

export const MyStandingDoc = graphql(`
  query MyStanding($definitionId: ID!) {
    leaderboard(input: { definitionId: $definitionId }) {
      name
      status
      period {
        label
      }
      rules {
        metricKey
      }
      entries {
        rank
        band
        rankDelta
        previousRank
        value
        unrankedReason
        entity {
          id
        }
      }
    }
  }
`);

export const MyOnTimeDoc = graphql(`
  query MyOnTime($from: DateTime!, $to: DateTime!, $memberId: ID!) {
    sopCompliance(input: { from: $from, to: $to, memberId: $memberId }) {
      total {
        counted
        doneOnTime
        doneLate
        missed
        onTimeRate
      }
    }
  }
`);
