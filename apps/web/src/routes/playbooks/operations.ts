import { graphql } from '../../gql';

// Playbooks, their versions, the draft editor, version comparison and cohorts. Run
// `npm run web:codegen` after changing one.

export const PlaybookListDoc = graphql(`
  query PlaybookList {
    playbooks {
      id
      name
      kind
      legionId
      legion {
        id
        name
      }
      description
      updatedAt
      versions {
        id
        number
        status
        changeNote
        publishedAt
        retiredAt
        updatedAt
      }
    }
    legions {
      id
      name
      kind
      commanderId
      squads {
        id
        leadId
      }
    }
  }
`);

export const PlaybookVersionFields = graphql(`
  fragment PlaybookVersionFields on PlaybookVersion {
    id
    number
    status
    changeNote
    publishedAt
    retiredAt
    updatedAt
    issues {
      field
      message
    }
    steps {
      id
      key
      position
      dayOffset
      localTime
      windowMinutes
      channel
      audience
      groupScope
      tiers
      personas
      title
      goal
      afterPurchase
      scripts {
        persona
        text
      }
    }
    objections {
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

export const PlaybookDoc = graphql(`
  query Playbook($id: ID!) {
    playbook(id: $id) {
      id
      name
      kind
      legionId
      productName
      legion {
        id
        name
        commanderId
        squads {
          id
          leadId
        }
      }
      versions {
        ...PlaybookVersionFields
      }
    }
  }
`);

export const EditorSupportDoc = graphql(`
  query PlaybookEditorSupport {
    scriptVariables {
      name
      description
    }
    personas {
      id
      key
      name
      names {
        en
        ru
        zh
        vi
      }
    }
    leads(first: 20) {
      nodes {
        id
        name
        tier
        persona
      }
    }
  }
`);

export const CreateDraftDoc = graphql(`
  mutation CreatePlaybookDraft($playbookId: ID!) {
    createPlaybookDraft(playbookId: $playbookId) {
      ...PlaybookVersionFields
    }
  }
`);

export const UpdateDraftDoc = graphql(`
  mutation UpdatePlaybookDraft($versionId: ID!, $content: PlaybookContentInput!) {
    updatePlaybookDraft(versionId: $versionId, content: $content) {
      ...PlaybookVersionFields
    }
  }
`);

export const PublishVersionDoc = graphql(`
  mutation PublishPlaybookVersion($versionId: ID!) {
    publishPlaybookVersion(versionId: $versionId) {
      ...PlaybookVersionFields
      warnings
    }
  }
`);

export const RetireVersionDoc = graphql(`
  mutation RetirePlaybookVersion($versionId: ID!) {
    retirePlaybookVersion(versionId: $versionId) {
      id
      status
      retiredAt
    }
  }
`);

export const ClonePlaybookDoc = graphql(`
  mutation ClonePlaybook($input: ClonePlaybookInput!) {
    clonePlaybook(input: $input) {
      id
      name
      legionId
    }
  }
`);

export const CompareVersionsDoc = graphql(`
  query ComparePlaybookVersions($a: ID!, $b: ID!) {
    comparePlaybookVersions(a: $a, b: $b) {
      a {
        id
        number
      }
      b {
        id
        number
      }
      steps {
        key
        label
        change
        positionA
        positionB
        fields {
          field
          before
          after
        }
      }
      objections {
        key
        label
        change
        fields {
          field
          before
          after
        }
      }
    }
  }
`);

export const CohortsDoc = graphql(`
  query Cohorts {
    cohorts {
      id
      name
      startDate
      timeZone
      leadCount
      createdAt
      rollingLeadId
      squads {
        id
        name
      }
      playbookVersion {
        id
        number
        steps {
          id
          dayOffset
        }
        playbook {
          id
          name
        }
      }
    }
    playbooks {
      id
      name
      legionId
      publishedVersion {
        id
        number
      }
    }
    squads {
      id
      name
      leadId
      legionId
      legion {
        id
        commanderId
      }
    }
  }
`);

export const CreateCohortDoc = graphql(`
  mutation CreateCohort($input: CreateCohortInput!) {
    createCohort(input: $input) {
      id
      name
    }
  }
`);

export const AddCohortSquadsDoc = graphql(`
  mutation AddCohortSquads($cohortId: ID!, $squadIds: [ID!]!) {
    addCohortSquads(cohortId: $cohortId, squadIds: $squadIds) {
      id
      squads {
        id
        name
      }
    }
  }
`);

export const AddCohortLeadsDoc = graphql(`
  mutation AddCohortLeads($cohortId: ID!, $leadIds: [ID!]!) {
    addCohortLeads(cohortId: $cohortId, leadIds: $leadIds) {
      id
      leadCount
    }
  }
`);

export const CohortLeadSearchDoc = graphql(`
  query CohortLeadSearch($squadId: ID, $search: String) {
    leads(first: 50, squadId: $squadId, search: $search) {
      nodes {
        id
        name
        stage
        squad {
          id
          name
        }
      }
    }
  }
`);

export const CohortAgendaDoc = graphql(`
  query CohortAgenda($squadId: ID!, $from: DateTime!, $to: DateTime!) {
    squadAgenda(squadId: $squadId, from: $from, to: $to) {
      id
      cohortId
      status
      dueAt
      day
      rep {
        id
        name
      }
      lead {
        id
        name
      }
    }
  }
`);
