import { graphql } from '../../../gql';

export const AuditEventsDoc = graphql(`
  query AdminAuditEvents($filter: AuditEventFilter, $first: Int!, $after: String) {
    auditEvents(filter: $filter, first: $first, after: $after) {
      nodes {
        id
        occurredAt
        actorKind
        actorUserId
        actorApiKeyId
        entityType
        entityId
        action
        changes {
          field
          before
          after
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const AuditActorsDoc = graphql(`
  query AdminAuditActors {
    users(first: 200) {
      nodes {
        id
        name
        email
      }
    }
  }
`);
