import type { TestApp } from './harness.js';
import { expectData } from './harness.js';

/** A small intake survey with known maths (see the expectations in the e2e tests). */
export const SURVEY_DEFINITION = {
  questions: [
    {
      key: 'goal',
      type: 'SINGLE_CHOICE',
      label: 'Goal',
      required: true,
      weight: 2,
      options: [
        { key: 'career', label: 'Career change', points: 20 },
        { key: 'promotion', points: 15 },
        { key: 'curious', points: 0 },
      ],
    },
    {
      key: 'budget',
      type: 'SINGLE_CHOICE',
      required: false,
      group: 'money',
      options: [
        { key: 'low', points: 0 },
        { key: 'mid', points: 20 },
        { key: 'high', points: 40 },
      ],
    },
    {
      key: 'hours',
      type: 'NUMBER',
      required: true,
      bands: [
        { max: 3, points: 0 },
        { min: 3, max: 10, points: 10 },
        { min: 10, points: 20 },
      ],
    },
    { key: 'ready', type: 'YES_NO', required: false, yesPoints: 10, noPoints: 0 },
    {
      key: 'formats',
      type: 'MULTIPLE_CHOICE',
      required: false,
      options: [
        { key: 'video', points: 2 },
        { key: 'mentor', points: 4 },
      ],
    },
    { key: 'note', type: 'FREE_TEXT', required: false },
  ],
  groupCaps: [{ group: 'money', maxPoints: 30 }],
  rules: [
    {
      key: 'hot',
      label: 'ready with a budget',
      when: [
        { questionKey: 'ready', equals: true },
        { questionKey: 'budget', optionKeys: ['mid', 'high'] },
      ],
      points: 5,
    },
  ],
  tiers: [
    { tier: 'A', minScore: 70 },
    { tier: 'B', minScore: 45 },
    { tier: 'C', minScore: 20 },
  ],
  defaultTier: 'D',
  personas: [{ persona: 'switcher', when: [{ questionKey: 'goal', optionKeys: ['career'] }] }],
  defaultPersona: 'explorer',
};

/** Tier A: 40 + 30 (capped) + 20 + 10 + 5 = 105. */
export const HOT_ANSWERS = [
  { questionKey: 'goal', optionKeys: ['career'] },
  { questionKey: 'budget', optionKeys: ['high'] },
  { questionKey: 'hours', value: '12' },
  { questionKey: 'ready', value: 'yes' },
];
/** Tier B: 30 + 20 + 0 + 0 = 50. */
export const WARM_ANSWERS = [
  { questionKey: 'goal', optionKeys: ['promotion'] },
  { questionKey: 'budget', optionKeys: ['mid'] },
  { questionKey: 'hours', value: '1' },
];
/** Tier D: 0 + 0 + 10 = 10. */
export const COLD_ANSWERS = [
  { questionKey: 'goal', optionKeys: ['curious'] },
  { questionKey: 'budget', optionKeys: ['low'] },
  { questionKey: 'hours', value: '4' },
  { questionKey: 'ready', value: 'no' },
];

export async function createPublishedSurvey(t: TestApp, token: string, definition: object = SURVEY_DEFINITION, name = 'Camp intake'): Promise<string> {
  const created = expectData(
    await t.gql<{ createSurvey: { id: string } }>(
      'mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { id } }',
      { i: { name, kind: 'INTAKE', definition } },
      token,
    ),
  );
  expectData(await t.gql('mutation($id: ID!) { publishSurvey(surveyId: $id) { version { version status } } }', { id: created.createSurvey.id }, token));
  return created.createSurvey.id;
}

export async function setRouting(t: TestApp, token: string, input: Record<string, unknown>) {
  return expectData(await t.gql('mutation($i: RoutingConfigInput!) { setRoutingConfig(input: $i) { id } }', { i: input }, token));
}

export const SUBMIT = `mutation($i: SubmitIntakeInput!) {
  submitIntake(input: $i) {
    duplicate existingLead
    lead { id name phone email score tier persona ownerId squadId stage }
    submission { id externalId surveyVersionId score tier }
    explanation { total tierReason personaReason contributions { questionKey weightedPoints detail } caps { group before after cut } rules { ruleKey points } }
  }
}`;

export interface SubmitResult {
  submitIntake: {
    duplicate: boolean;
    existingLead: boolean;
    lead: {
      id: string;
      name: string;
      phone: string | null;
      email: string | null;
      score: number;
      tier: string;
      persona: string;
      ownerId: string | null;
      squadId: string | null;
      stage: string;
    };
    submission: { id: string; externalId: string; surveyVersionId: string; score: number; tier: string };
    explanation: {
      total: number;
      tierReason: string;
      personaReason: string;
      contributions: { questionKey: string; weightedPoints: number; detail: string }[];
      caps: { group: string; before: number; after: number; cut: number }[];
      rules: { ruleKey: string; points: number }[];
    };
  };
}

export function submission(
  surveyId: string,
  externalId: string,
  contact: Record<string, unknown>,
  answers: unknown[] = HOT_ANSWERS,
  extra: Record<string, unknown> = {},
) {
  return { surveyId, externalId, contact: { name: 'Prospect', ...contact }, source: 'AD', answers, ...extra };
}
