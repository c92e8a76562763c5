import { graphql } from '../../../gql';

export const SurveyListDoc = graphql(`
  query AdminSurveyList {
    surveys {
      id
      name
      kind
      updatedAt
      currentVersion {
        id
        version
      }
      draft {
        id
        version
      }
      versions {
        id
        version
        status
        createdAt
        publishedAt
      }
    }
  }
`);

export const SurveyDetailDoc = graphql(`
  query AdminSurveyDetail($id: ID!) {
    survey(id: $id) {
      id
      name
      kind
      currentVersion {
        id
        version
        definition {
          ...AdminSurveyDefinition
        }
      }
      draft {
        id
        version
        updatedAt
        issues {
          path
          message
        }
        definition {
          ...AdminSurveyDefinition
        }
      }
    }
  }

  fragment AdminSurveyDefinition on SurveyDefinition {
    defaultPersona
    defaultTier
    groupCaps {
      group
      maxPoints
      minPoints
    }
    personas {
      persona
      when {
        questionKey
        optionKeys
        min
        max
        equals
      }
    }
    questions {
      key
      type
      label
      required
      weight
      group
      yesPoints
      noPoints
      options {
        key
        label
        points
      }
      bands {
        min
        max
        points
      }
    }
    rules {
      key
      label
      points
      when {
        questionKey
        optionKeys
        min
        max
        equals
      }
    }
    tiers {
      tier
      minScore
    }
  }
`);

export const SaveSurveyDraftDoc = graphql(`
  mutation AdminSaveSurveyDraft($input: SaveSurveyDraftInput!) {
    saveSurveyDraft(input: $input) {
      id
      version
      status
      issues {
        path
        message
      }
    }
  }
`);

export const PublishSurveyDoc = graphql(`
  mutation AdminPublishSurvey($surveyId: ID!, $rescore: Boolean!) {
    publishSurvey(surveyId: $surveyId, rescore: $rescore) {
      version {
        id
        version
      }
      rescore {
        rescored
        tierChanged
        skipped
      }
    }
  }
`);

export const RescoreSurveyDoc = graphql(`
  mutation AdminRescoreSurvey($surveyId: ID!) {
    rescoreSurveyLeads(surveyId: $surveyId) {
      rescored
      tierChanged
      skipped
    }
  }
`);

export const SurveyCalibrationDoc = graphql(`
  query AdminSurveyCalibration($surveyId: ID!, $from: DateTime!, $to: DateTime!) {
    surveyCalibration(surveyId: $surveyId, from: $from, to: $to) {
      leads
      converted
      conversionRate
      options {
        questionKey
        questionLabel
        optionKey
        optionLabel
        leads
        converted
        conversionRate
        lift
      }
      tiers {
        tier
        minScore
        leads
        converted
        conversionRate
        lift
      }
    }
  }
`);
