import { describe, expect, it } from '@jest/globals';
import { GroupScope, StepAudience, StepChannel } from './entities/playbook.entity.js';
import {
  ChangeKind,
  compareContents,
  missingVariantWarnings,
  personaRefs,
  validateContent,
  type PlaybookContent,
  type StepContent,
} from './playbook-content.js';
import { renderAnswers, renderScript, scriptValues } from './render.js';

const step = (over: Partial<StepContent> = {}): StepContent => ({
  key: 'welcome',
  dayOffset: 0,
  localTime: '20:00',
  windowMinutes: 60,
  channel: StepChannel.GROUP_POST,
  audience: StepAudience.GROUP,
  groupScope: GroupScope.PER_REP,
  tiers: [],
  personas: [],
  title: 'Welcome',
  goal: '',
  scripts: [{ persona: null, text: 'Welcome to {{cohort.name}}' }],
  afterPurchase: false,
  ...over,
});

const dm = (over: Partial<StepContent> = {}): StepContent =>
  step({
    key: 'dm',
    channel: StepChannel.PRIVATE_MESSAGE,
    audience: StepAudience.LEADS,
    title: 'Hello',
    scripts: [
      { persona: null, text: 'Hi {{lead.firstName}}' },
      { persona: 'parent', text: 'Dear {{lead.name}}' },
    ],
    ...over,
  });

describe('validateContent', () => {
  it('accepts a valid playbook', () => {
    const content: PlaybookContent = {
      steps: [step(), dm()],
      objections: [
        {
          key: 'price',
          stepKey: 'dm',
          objection: 'Too expensive',
          answers: [{ id: 'a', persona: null, label: null, text: 'Installments, {{lead.firstName}}' }],
        },
      ],
    };
    expect(validateContent(content)).toEqual([]);
  });

  it('names each problem by its path', () => {
    const content: PlaybookContent = {
      steps: [
        step({ localTime: '24:00', windowMinutes: 0, dayOffset: -61 }),
        dm({
          scripts: [
            { persona: null, text: 'Hi {{lead.nickname}} {{ rep name }}' },
            { persona: null, text: 'again' },
          ],
        }),
        step({ key: 'welcome', scripts: [{ persona: null, text: 'Hi {{lead.name}}' }], tiers: ['A'] }),
        dm({ key: 'dm2', channel: StepChannel.GROUP_POST, scripts: [{ persona: 'parent', text: 'x' }] }),
      ],
      objections: [
        { key: 'o', stepKey: 'missing', objection: ' ', answers: [] },
        { key: 'o', stepKey: null, objection: 'Trust', answers: [{ id: 'b', persona: null, label: null, text: '{{deadlin}}' }] },
      ],
    };
    const fields = validateContent(content).map((e) => e.field);
    expect(fields).toEqual([
      'steps[0].dayOffset',
      'steps[0].localTime',
      'steps[0].windowMinutes',
      'steps[1].scripts[0].text',
      'steps[1].scripts[0].text',
      'steps[1].scripts[1].persona',
      'steps[2].key',
      'steps[2].audience',
      'steps[2].scripts[0].text',
      'steps[3].channel',
      'steps[3].scripts',
      'objections[0].objection',
      'objections[0].stepKey',
      'objections[0].answers',
      'objections[1].key',
      'objections[1].answers[0].text',
    ]);
    const unknown = validateContent(content).find((e) => e.field === 'steps[1].scripts[0].text')!;
    expect(unknown.message).toMatch(/^unknown variable \{\{lead\.nickname\}\}; allowed: lead\.name, /);
    expect(validateContent(content).find((e) => e.field === 'steps[2].scripts[0].text')!.message).toBe(
      '{{lead.name}} cannot be used in a group step (it is not addressed to one lead)',
    );
  });

  it('marks only LEADS steps as part of the after-purchase path', () => {
    const ok = validateContent({ steps: [dm({ afterPurchase: true })], objections: [] });
    expect(ok).toEqual([]);
    const bad = validateContent({ steps: [step({ afterPurchase: true })], objections: [] });
    expect(bad).toEqual([{ field: 'steps[0].afterPurchase', message: expect.stringContaining('only LEADS steps') }]);
  });

  it('needs at least one step', () => {
    expect(validateContent({ steps: [], objections: [] })).toEqual([{ field: 'steps', message: 'a playbook needs at least one step' }]);
  });
});

describe('compareContents', () => {
  it('matches steps by key and lists changed fields', () => {
    const a: PlaybookContent = { steps: [step(), dm(), step({ key: 'gone', title: 'Gone' })], objections: [] };
    const b: PlaybookContent = {
      steps: [dm({ localTime: '21:30' }), step(), step({ key: 'new', title: 'New', dayOffset: 2 })],
      objections: [{ key: 'p', stepKey: null, objection: 'Price', answers: [] }],
    };
    const diff = compareContents(a, b);
    expect(diff.steps.map((s) => [s.key, s.change, s.positionA, s.positionB])).toEqual([
      ['dm', ChangeKind.CHANGED, 1, 0],
      ['welcome', ChangeKind.UNCHANGED, 0, 1],
      ['new', ChangeKind.ADDED, null, 2],
      ['gone', ChangeKind.REMOVED, 2, null],
    ]);
    expect(diff.steps[0]!.fields).toEqual([{ field: 'localTime', before: '20:00', after: '21:30' }]);
    expect(diff.steps[2]!.fields.find((f) => f.field === 'dayOffset')).toEqual({ field: 'dayOffset', before: null, after: '2' });
    expect(diff.objections.map((o) => o.change)).toEqual([ChangeKind.ADDED]);
  });
});

describe('rendering', () => {
  const values = scriptValues({
    lead: { name: 'Li Na', persona: 'parent', tier: 'A' },
    rep: { name: 'Anna K.' },
    squadName: 'Tigers',
    cohort: { name: 'Camp 12', startDate: '2026-11-20', timeZone: 'Asia/Shanghai', offerDeadline: new Date('2026-11-24T15:59:00Z') },
    productName: null,
    day: 2,
  });

  it('picks the persona variant, else the default, and leaves missing variables visible', () => {
    const scripts = [
      { persona: null, text: 'Hi {{lead.firstName}}, {{rep.firstName}} here (day {{day}}, {{product.name}})' },
      { persona: 'parent', text: 'Dear {{lead.name}}, offer ends {{deadline}}' },
    ];
    expect(renderScript(scripts, 'parent', values)).toEqual({ text: 'Dear Li Na, offer ends Tue 24 Nov 2026 23:59', persona: 'parent', missingVariables: [] });
    expect(renderScript(scripts, 'student', values)).toEqual({
      text: 'Hi Li, Anna here (day 2, {{product.name}})',
      persona: null,
      missingVariables: ['product.name'],
    });
    expect(renderScript([], 'parent', values)).toBeNull();
  });

  it("orders answers for the lead's persona first, then general ones", () => {
    const answers = [
      { id: '1', persona: 'student', label: null, text: 's' },
      { id: '2', persona: null, label: null, text: 'g {{lead.firstName}}' },
      { id: '3', persona: 'parent', label: null, text: 'p' },
    ];
    expect(renderAnswers(answers, 'parent', values).map((a) => [a.id, a.text])).toEqual([
      ['3', 'p'],
      ['2', 'g Li'],
      ['1', 's'],
    ]);
  });
});

describe('persona references and warnings', () => {
  const content: PlaybookContent = {
    steps: [step(), dm({ personas: ['parent', 'student'] })],
    objections: [
      {
        key: 'price',
        stepKey: null,
        objection: 'Too expensive',
        answers: [
          { id: 'a1', persona: null, label: null, text: 'Installments' },
          { id: 'a2', persona: 'pro', label: null, text: 'Employer pays' },
        ],
      },
    ],
  };

  it('lists every persona named, with its path, in content order', () => {
    expect(personaRefs(content)).toEqual([
      { field: 'steps[1].personas[0]', key: 'parent' },
      { field: 'steps[1].personas[1]', key: 'student' },
      { field: 'steps[1].scripts[1].persona', key: 'parent' },
      { field: 'objections[0].answers[1].persona', key: 'pro' },
    ]);
    expect(personaRefs({ steps: [step()], objections: [] })).toEqual([]);
  });

  it('warns once per produced persona without a script variant, sorted by key, sources merged', () => {
    const produced = [
      { key: 'parent', source: 'survey "A"' },
      { key: 'zeta', source: 'survey "B"' },
      { key: 'explorer', source: 'survey "B"' },
      { key: 'explorer', source: 'survey "A"' },
      { key: 'explorer', source: 'survey "A"' },
    ];
    expect(missingVariantWarnings(content, produced)).toEqual([
      'no script variant for persona "explorer" (produced by survey "A", survey "B"): its leads see the default texts',
      'no script variant for persona "zeta" (produced by survey "B"): its leads see the default texts',
    ]);
    expect(missingVariantWarnings(content, [])).toEqual([]);
    // No scripts at all: nothing to warn about.
    expect(missingVariantWarnings({ steps: [step({ scripts: [] })], objections: [] }, produced)).toEqual([]);
  });
});
