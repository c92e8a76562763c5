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

// The scripts and objections of the items whose details a sheet sent (docs/sop.md "Agenda sheet").
export const AgendaSheetDetails = graphql(`
  fragment AgendaSheetDetails on AgendaSheet {
    items {
      id
      scriptRef
      objectionSetRef
      detailsSent
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
`);

// The agenda as a sheet: steps once each, referenced by the items; scripts and objections of the
// current items only (the one to do now and the next). Another item's come with AgendaItemDetailsDoc.
export const MyAgendaDoc = graphql(`
  query MyAgenda($from: DateTime!, $to: DateTime!) {
    myAgendaSheet(from: $from, to: $to, details: CURRENT) {
      items {
        ...AgendaItemFields
      }
      steps {
        id
        key
        title
        goal
        channel
      }
      ...AgendaSheetDetails
    }
  }
`);

// One item's script and objections, when the rep opens an item whose details MyAgenda left out.
export const AgendaItemDetailsDoc = graphql(`
  query AgendaItemDetails($from: DateTime!, $to: DateTime!, $id: ID!) {
    myAgendaSheet(from: $from, to: $to, details: NONE, detailsFor: [$id]) {
      ...AgendaSheetDetails
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

// The rep's own line (`mine`) and the band counts (ranked = top + middle + bottom), not the whole
// board: a big board has thousands of lines (docs/rankings.md "The caller's own line").
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
      bands {
        top
        middle
        bottom
      }
      mine {
        rank
        band
        rankDelta
        value
        unrankedReason
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
