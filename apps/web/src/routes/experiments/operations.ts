import { graphql } from '../../gql';

// The managers' experiment screens (feed, create, data, analysis, conclude, publish). Run
// `npm run web:codegen` after changing one. The feed cards reuse the Board's ExperimentFeedDoc.

export const ExperimentSetupDoc = graphql(`
  query ExperimentSetup {
    legions {
      id
      name
      kind
    }
    personas {
      key
      name
    }
  }
`);

export const PlaybooksForExperimentDoc = graphql(`
  query PlaybooksForExperiment($kind: TeamKind) {
    playbooks(kind: $kind) {
      id
      name
      legionId
      draft {
        id
        steps {
          key
          title
          dayOffset
          localTime
        }
      }
      publishedVersion {
        id
        steps {
          key
          title
          dayOffset
          localTime
        }
      }
    }
  }
`);

export const CreateExperimentDoc = graphql(`
  mutation CreateExperiment($input: CreateExperimentInput!) {
    createExperiment(input: $input) {
      id
    }
  }
`);

export const ExperimentDetailDoc = graphql(`
  query ExperimentDetail($id: ID!) {
    experiment(id: $id) {
      id
      title
      hypothesis
      status
      verdict
      summary
      winnerVariantKey
      conclusionWarnings
      publicationNote
      metricKey
      metricKind
      analysisMode
      minDetectableEffect
      plannedSamplePerArm
      sequentialTau
      playbookId
      playbookStepKey
      teamKind
      tags
      createdAt
      startedAt
      stoppedAt
      concludedAt
      publishedAt
      updatedAt
      owner {
        id
        name
      }
      concludedBy {
        id
        name
      }
      publishedBy {
        id
        name
      }
      squad {
        id
        name
        legionId
      }
      variants {
        key
        description
        script
        isControl
        weight
      }
      analysis {
        method
        decisionReady
        requiredSamplePerArm
        warnings
        looks
        srm {
          chiSquare
          pValue
          flagged
        }
        variants {
          key
          exposures
          conversions
          rate
          ciLow
          ciHigh
        }
        comparisons {
          variantKey
          upliftAbs
          upliftRel
          ciLow
          ciHigh
          pValue
          probabilityToBeatControl
          significant
          test
        }
        sequentialLooks {
          variantKey
          day
          pValue
        }
      }
      adoptions {
        id
        adoptedAt
        adoptedBy {
          id
          name
        }
        squad {
          id
          name
        }
      }
      promotion {
        versionId
        stepKey
        unchangedVariants
        variants {
          variant
          change
          before
          after
        }
      }
    }
  }
`);

export const ExperimentEntriesDoc = graphql(`
  query ExperimentEntries($id: ID!, $after: String) {
    experiment(id: $id) {
      id
      dataEntries(first: 200, after: $after) {
        nodes {
          id
          day
          variantKey
          exposures
          conversions
          note
          recordedAt
          recordedById
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export const StartExperimentDoc = graphql(`
  mutation StartExperiment($id: ID!) {
    startExperiment(id: $id) {
      id
      status
      startedAt
    }
  }
`);

export const StopExperimentDoc = graphql(`
  mutation StopExperiment($id: ID!) {
    stopExperiment(id: $id) {
      id
      status
      stoppedAt
    }
  }
`);

export const LogExperimentDataDoc = graphql(`
  mutation LogExperimentData($experimentId: ID!, $entries: [ExperimentDataEntryInput!]!, $note: String) {
    logExperimentData(experimentId: $experimentId, entries: $entries, note: $note) {
      id
      updatedAt
    }
  }
`);

export const ConcludeExperimentDoc = graphql(`
  mutation ConcludeExperiment($id: ID!, $verdict: ExperimentVerdict!, $summary: String!, $winnerVariantKey: String) {
    concludeExperiment(id: $id, verdict: $verdict, summary: $summary, winnerVariantKey: $winnerVariantKey) {
      id
      status
      verdict
      summary
      winnerVariantKey
      conclusionWarnings
    }
  }
`);

export const PublishExperimentDoc = graphql(`
  mutation PublishExperiment($id: ID!, $note: String, $promoteToPlaybook: Boolean!, $promoteToVariants: [String!]) {
    publishExperiment(id: $id, note: $note, promoteToPlaybook: $promoteToPlaybook, promoteToVariants: $promoteToVariants) {
      id
      status
      publishedAt
    }
  }
`);

export const PlaybookStepScriptsDoc = graphql(`
  query PlaybookStepScripts($id: ID!) {
    playbook(id: $id) {
      id
      name
      draft {
        id
        number
        steps {
          key
          title
          scripts {
            persona
            text
          }
        }
      }
      publishedVersion {
        id
        number
        steps {
          key
          title
          scripts {
            persona
            text
          }
        }
      }
    }
  }
`);
