import { graphql } from '../../gql';

// The admin screens' operations (structure, users, API keys). Run `npm run web:codegen` after changing one.

export const StructureDoc = graphql(`
  query AdminStructure {
    legions {
      id
      name
      kind
      commanderId
      commander {
        id
        name
      }
      squads {
        id
        name
        leadId
        lead {
          id
          name
        }
      }
    }
  }
`);

export const SquadMembersDoc = graphql(`
  query AdminSquadMembers($id: ID!) {
    squad(id: $id) {
      id
      members {
        id
        name
        email
        role
      }
    }
  }
`);

export const MemberHistoryDoc = graphql(`
  query AdminMemberHistory($id: ID!) {
    user(id: $id) {
      id
      name
      memberships {
        id
        squadId
        validFrom
        validTo
      }
    }
  }
`);

export const MoveMemberDoc = graphql(`
  mutation AdminMoveMember($input: MoveMemberInput!) {
    moveMember(input: $input) {
      id
      squad {
        id
        name
      }
      memberships {
        id
        squadId
        validFrom
        validTo
      }
    }
  }
`);

export const AdminUserFields = graphql(`
  fragment AdminUserFields on User {
    id
    name
    email
    role
    active
    deactivatedAt
    createdAt
    squad {
      id
      name
    }
  }
`);

export const UsersDoc = graphql(`
  query AdminUsers($search: String, $role: Role, $active: Boolean, $after: String) {
    users(search: $search, role: $role, active: $active, first: 50, after: $after) {
      nodes {
        ...AdminUserFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const SquadChoicesDoc = graphql(`
  query AdminSquadChoices {
    squads {
      id
      name
      legion {
        id
        name
        commanderId
      }
    }
  }
`);

export const CreateUserDoc = graphql(`
  mutation AdminCreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      ...AdminUserFields
    }
  }
`);

export const UpdateUserRoleDoc = graphql(`
  mutation AdminUpdateUserRole($id: ID!, $role: Role!) {
    updateUser(id: $id, input: { role: $role }) {
      ...AdminUserFields
    }
  }
`);

export const DeactivateUserDoc = graphql(`
  mutation AdminDeactivateUser($id: ID!) {
    deactivateUser(id: $id) {
      ...AdminUserFields
    }
  }
`);

export const ReactivateUserDoc = graphql(`
  mutation AdminReactivateUser($id: ID!) {
    reactivateUser(id: $id) {
      ...AdminUserFields
    }
  }
`);

export const ApiKeysDoc = graphql(`
  query AdminApiKeys {
    apiKeys {
      id
      name
      prefix
      scopes
      createdAt
      lastUsedAt
      revokedAt
    }
  }
`);

export const CreateApiKeyDoc = graphql(`
  mutation AdminCreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey {
        id
        name
        prefix
        scopes
        createdAt
        lastUsedAt
        revokedAt
      }
    }
  }
`);

export const RevokeApiKeyDoc = graphql(`
  mutation AdminRevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
      revokedAt
    }
  }
`);
