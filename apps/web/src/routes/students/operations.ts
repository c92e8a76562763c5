import { graphql } from '../../gql';

// The students screens' operations (curators, their leads and managers). Run `npm run web:codegen` after changing one.

export const StudentFields = graphql(`
  fragment StudentFields on Enrollment {
    id
    leadId
    productId
    curatorId
    curatorSquadId
    status
    startDate
    endDate
    lessonsCompleted
    lessonsTotal
    studentName
    lastStudyDay
    installments {
      paid
      unpaid
      overdue
    }
    latestNps
  }
`);

export const StudentsDoc = graphql(`
  query Students($status: EnrollmentStatus, $curatorId: ID, $squadId: ID) {
    enrollments(status: $status, curatorId: $curatorId, squadId: $squadId, first: 100) {
      nodes {
        ...StudentFields
      }
      pageInfo {
        hasNextPage
      }
    }
    products(includeInactive: true) {
      id
      name
    }
  }
`);

// The curators the caller can see (the API filters users by role and organization).
export const CuratorsDoc = graphql(`
  query Curators {
    users(role: MEMBER, active: true, first: 200) {
      nodes {
        id
        name
        squad {
          id
          name
          leadId
          legion {
            id
            kind
            commanderId
          }
        }
      }
    }
  }
`);

export const AtRiskDoc = graphql(`
  query StudentsAtRisk($curatorId: ID, $squadId: ID) {
    studentsAtRisk(curatorId: $curatorId, squadId: $squadId, first: 200) {
      enrollmentId
      leadId
      leadName
      productName
      curatorId
      since
      lastInterventionAt
      reasons {
        code
        detail
        since
      }
    }
  }
`);

export const InterventionsDoc = graphql(`
  query InterventionsOf($enrollmentId: ID!) {
    interventionsOf(enrollmentId: $enrollmentId) {
      id
      occurredAt
      channel
      reason
      outcome
      note
      atRiskReasons
    }
  }
`);

export const LogInterventionDoc = graphql(`
  mutation LogIntervention($input: LogInterventionInput!) {
    logIntervention(input: $input) {
      id
      occurredAt
      channel
      reason
      outcome
      note
      atRiskReasons
    }
  }
`);

export const DropReasonsDoc = graphql(`
  query DropReasons($from: String, $to: String) {
    dropReasons(from: $from, to: $to) {
      productId
      productName
      ended
      unrecorded
      reasons {
        reason
        count
      }
    }
  }
`);

export const CuratorScorecardDoc = graphql(`
  query CuratorScorecard($memberId: ID!, $period: PeriodInputModel!) {
    curatorScorecard(memberId: $memberId, period: $period) {
      entityId
      entityName
      period {
        label
        startDate
        endDate
      }
      previousPeriod {
        label
      }
      lines {
        change
        current {
          metricKey
          value
          numerator
          denominator
        }
        previous {
          value
        }
      }
      students(first: 50) {
        nodes {
          ...StudentFields
        }
      }
    }
    metrics(teamKind: COURSE_SERVICE) {
      key
      label
      unit
      direction
      definition
    }
  }
`);
