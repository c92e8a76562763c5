import type { Answer, SurveyDefinition } from './types.js';

/**
 * A realistic camp intake survey used by the specs (not exported from the library).
 *
 * Max achievable (see bounds.spec.ts): background 18 + 10 = 28 capped to 20, goal 20,
 * formats (2+4+6)×0.5 = 6, budget 20×1.25 = 25 capped to 15, hours 10, ready 6, rules +5 → 82.
 * Min achievable: background 0 + 2, goal 1×2, hours -5, rules -8 -5 → -14.
 */
export function intakeSurvey(): SurveyDefinition {
  return {
    questions: [
      {
        key: 'experience',
        type: 'SINGLE_CHOICE',
        label: 'Experience in the profession',
        required: true,
        weight: 1.5,
        group: 'background',
        options: [
          { key: 'none', label: 'none yet', points: 0 },
          { key: 'under_1y', label: 'under a year', points: 4 },
          { key: '1_3y', label: '1–3 years', points: 8 },
          { key: 'over_3y', label: 'over 3 years', points: 12 },
        ],
      },
      {
        key: 'goal',
        type: 'SINGLE_CHOICE',
        label: 'Main goal',
        required: true,
        weight: 2,
        options: [
          { key: 'career_change', label: 'career change', points: 10 },
          { key: 'promotion', label: 'promotion', points: 8 },
          { key: 'freelance', label: 'freelance', points: 6 },
          { key: 'curiosity', label: 'just curious', points: 1 },
        ],
      },
      {
        key: 'level',
        type: 'SINGLE_CHOICE',
        label: 'Knowledge level',
        required: true,
        group: 'background',
        options: [
          { key: 'beginner', points: 2 },
          { key: 'intermediate', points: 6 },
          { key: 'advanced', points: 10 },
        ],
      },
      {
        key: 'formats',
        type: 'MULTIPLE_CHOICE',
        label: 'Course formats already tried',
        required: false,
        weight: 0.5,
        options: [
          { key: 'webinars', points: 2 },
          { key: 'video_course', label: 'video course', points: 4 },
          { key: 'mentoring', points: 6 },
          { key: 'none', points: 0 },
        ],
      },
      {
        key: 'budget',
        type: 'SINGLE_CHOICE',
        label: 'Budget for training',
        required: false,
        weight: 1.25,
        group: 'budget',
        options: [
          { key: 'under_300', label: 'under 300', points: 0 },
          { key: '300_1000', label: '300–1000', points: 7 },
          { key: 'over_1000', label: 'over 1000', points: 16 },
          { key: 'employer_pays', label: 'employer pays', points: 20 },
        ],
      },
      {
        key: 'hours',
        type: 'NUMBER',
        label: 'Hours per week available',
        required: true,
        bands: [
          { max: 2, points: -5 },
          { min: 2, max: 5, points: 3 },
          { min: 5, max: 10, points: 8 },
          { min: 10, max: null, points: 10 },
        ],
      },
      {
        key: 'ready',
        type: 'YES_NO',
        label: 'Ready to start this month?',
        required: false,
        yesPoints: 6,
        noPoints: 0,
      },
      { key: 'comment', type: 'FREE_TEXT', label: 'Anything else?', required: false },
    ],
    groupCaps: [
      { group: 'background', maxPoints: 20 },
      { group: 'budget', maxPoints: 15 },
    ],
    rules: [
      {
        key: 'no_time_for_career_change',
        label: 'wants a career change with under 2 h/week',
        when: [
          { questionKey: 'goal', optionKeys: ['career_change'] },
          { questionKey: 'hours', max: 2 },
        ],
        points: -8,
      },
      {
        key: 'hot_and_funded',
        label: 'ready now and has a budget',
        when: [
          { questionKey: 'ready', equals: true },
          { questionKey: 'budget', optionKeys: ['300_1000', 'over_1000', 'employer_pays'] },
        ],
        points: 5,
      },
      {
        key: 'curious_novice',
        when: [
          { questionKey: 'goal', optionKeys: ['curiosity'] },
          { questionKey: 'experience', optionKeys: ['none'] },
        ],
        points: -5,
      },
    ],
    tiers: [
      { tier: 'A', minScore: 70 },
      { tier: 'B', minScore: 45 },
      { tier: 'C', minScore: 20 },
    ],
    defaultTier: 'D',
    personas: [
      {
        persona: 'career_switcher_novice',
        when: [
          { questionKey: 'goal', optionKeys: ['career_change'] },
          { questionKey: 'experience', optionKeys: ['none', 'under_1y'] },
        ],
      },
      { persona: 'advanced', when: [{ questionKey: 'level', optionKeys: ['advanced'] }] },
      { persona: 'upskiller', when: [{ questionKey: 'goal', optionKeys: ['promotion'] }] },
    ],
    defaultPersona: 'explorer',
  };
}

/** Novice career changer with almost no time. */
export const anna: Answer[] = [
  { questionKey: 'experience', optionKeys: ['none'] },
  { questionKey: 'goal', optionKeys: ['career_change'] },
  { questionKey: 'level', optionKeys: ['beginner'] },
  { questionKey: 'formats', optionKeys: ['webinars'] },
  { questionKey: 'budget', optionKeys: ['under_300'] },
  { questionKey: 'hours', value: 1.5 },
  { questionKey: 'ready', value: false },
];

/** Senior specialist whose employer pays: both caps cut. */
export const boris: Answer[] = [
  { questionKey: 'experience', optionKeys: ['over_3y'] },
  { questionKey: 'goal', optionKeys: ['promotion'] },
  { questionKey: 'level', optionKeys: ['advanced'] },
  { questionKey: 'formats', optionKeys: ['video_course', 'mentoring'] },
  { questionKey: 'budget', optionKeys: ['employer_pays'] },
  { questionKey: 'hours', value: 12 },
  { questionKey: 'ready', value: true },
];

/** Mid-level career changer, fractional budget points, caps not hit. */
export const carla: Answer[] = [
  { questionKey: 'experience', optionKeys: ['1_3y'] },
  { questionKey: 'goal', optionKeys: ['career_change'] },
  { questionKey: 'level', optionKeys: ['intermediate'] },
  { questionKey: 'formats', optionKeys: ['none'] },
  { questionKey: 'budget', optionKeys: ['300_1000'] },
  { questionKey: 'hours', value: 5 },
  { questionKey: 'ready', value: 'yes' },
  { questionKey: 'comment', value: 'Looking forward to it' },
];

/** Curious novice who skips every optional question (some blank, some absent). */
export const dmitry: Answer[] = [
  { questionKey: 'experience', optionKeys: ['none'] },
  { questionKey: 'goal', optionKeys: ['curiosity'] },
  { questionKey: 'level', optionKeys: ['beginner'] },
  { questionKey: 'budget', optionKeys: [] },
  { questionKey: 'hours', value: '3' },
  { questionKey: 'ready', value: null },
  { questionKey: 'comment', value: '   ' },
];
