import { describe, expect, it } from '@jest/globals';
import {
  contentInput,
  draftOf,
  gridOrder,
  insertVariable,
  issuesByPath,
  newStep,
  normalizePath,
  pickScript,
  progressByRep,
  renderPreview,
  variableQuery,
} from './content';

describe('normalizePath', () => {
  it('gives publish issues and input validation paths one form', () => {
    expect(normalizePath('steps[3].scripts[1].text')).toBe('steps[3].scripts[1].text');
    expect(normalizePath('content.steps.3.scripts.1.text')).toBe('steps[3].scripts[1].text');
    expect(normalizePath('content.steps.0.windowMinutes')).toBe('steps[0].windowMinutes');
    expect(normalizePath('objections[2].answers')).toBe('objections[2].answers');
    expect(normalizePath('steps')).toBe('steps');
  });
  it('joins several messages of one field', () => {
    const m = issuesByPath([
      { field: 'steps[0].title', message: 'must not be empty' },
      { field: 'content.steps.0.title', message: 'too long' },
    ]);
    expect(m.get('steps[0].title')).toBe('must not be empty too long');
  });
});

describe('contentInput', () => {
  const version = {
    changeNote: 'v2',
    steps: [
      {
        key: 'd0_hello',
        dayOffset: 0,
        localTime: '10:00',
        windowMinutes: null,
        channel: 'PRIVATE_MESSAGE' as const,
        audience: 'LEADS' as const,
        groupScope: 'PER_REP' as const,
        tiers: ['A'],
        personas: [],
        title: 'Hello',
        goal: '',
        afterPurchase: false,
        scripts: [{ persona: null, text: 'Hi {{lead.firstName}}' }],
      },
    ],
    objections: [{ key: 'price', stepKey: null, objection: 'Too expensive', answers: [{ id: 'a1', label: null, persona: 'upskiller', text: 'Installments' }] }],
  };
  it('round-trips a version and keeps keys and answer ids', () => {
    const { input, local } = contentInput(draftOf(version));
    expect(local).toEqual([]);
    expect(input.steps[0]).toMatchObject({ key: 'd0_hello', dayOffset: 0, windowMinutes: null, groupScope: null, tiers: ['A'] });
    expect(input.objections[0]!.answers[0]).toEqual({ id: 'a1', label: null, persona: 'upskiller', text: 'Installments' });
  });
  it('reports numbers that are not whole numbers on their fields and leaves new keys out', () => {
    const d = draftOf(version);
    d.steps.push({ ...newStep(d.steps[0]), dayOffset: '1.5', windowMinutes: 'abc' });
    const { input, local } = contentInput(d);
    expect(local.map((l) => l.field)).toEqual(['steps[1].dayOffset', 'steps[1].windowMinutes']);
    expect('key' in input.steps[1]!).toBe(false);
  });
  it('drops tiers and personas of group steps', () => {
    const d = draftOf(version);
    d.steps[0]!.audience = 'GROUP';
    expect(contentInput(d).input.steps[0]).toMatchObject({ tiers: [], personas: [], groupScope: 'PER_REP' });
  });
});

describe('scripts', () => {
  const scripts = [
    { persona: null, text: 'default' },
    { persona: 'upskiller', text: 'up' },
  ];
  it('picks the persona variant, else the default', () => {
    expect(pickScript(scripts, 'upskiller')!.text).toBe('up');
    expect(pickScript(scripts, 'explorer')!.text).toBe('default');
    expect(pickScript(scripts, null)!.text).toBe('default');
    expect(pickScript([{ persona: 'x', text: 'x' }], null)).toBeNull();
  });
  it('fills variables and lists the missing ones', () => {
    expect(renderPreview('Hi {{lead.firstName}}, {{ rep.name }} here. {{deadline}} {{deadline}}', { 'lead.firstName': 'Anna', 'rep.name': 'Bo' })).toEqual({
      text: 'Hi Anna, Bo here. {{deadline}} {{deadline}}',
      missing: ['deadline'],
    });
  });
  it('finds the placeholder being typed and inserts a variable', () => {
    expect(variableQuery('Hi {{lead.fi', 12)).toEqual({ start: 3, prefix: 'lead.fi' });
    expect(variableQuery('Hi {{', 5)).toEqual({ start: 3, prefix: '' });
    expect(variableQuery('Hi {{lead}} x', 13)).toBeNull();
    expect(insertVariable('Hi {{lead.fi!', 3, 12, 'lead.firstName')).toEqual({ text: 'Hi {{lead.firstName}}!', caret: 21 });
    expect(insertVariable('Hi {{le}}', 3, 7, 'lead.name')).toEqual({ text: 'Hi {{lead.name}}', caret: 16 });
  });
});

describe('gridOrder', () => {
  it('orders by day, then time, then list position', () => {
    expect(
      gridOrder([
        { dayOffset: '1', localTime: '09:00' },
        { dayOffset: '0', localTime: '18:00' },
        { dayOffset: '0', localTime: '09:30' },
        { dayOffset: 'x', localTime: '00:00' },
        { dayOffset: '-1', localTime: '20:00' },
      ]),
    ).toEqual([4, 2, 1, 0, 3]);
  });
});

describe('progressByRep', () => {
  it('counts a cohort items per rep; pending items past due are late', () => {
    const now = new Date('2026-01-02T12:00:00Z');
    const rep = { id: 'r1', name: 'Rita' };
    const items = [
      { cohortId: 'c', status: 'DONE', dueAt: '2026-01-01T10:00:00Z', rep, lead: { id: 'l1' } },
      { cohortId: 'c', status: 'PENDING', dueAt: '2026-01-02T10:00:00Z', rep, lead: { id: 'l1' } },
      { cohortId: 'c', status: 'PENDING', dueAt: '2026-01-03T10:00:00Z', rep, lead: { id: 'l2' } },
      { cohortId: 'c', status: 'MISSED', dueAt: '2026-01-01T10:00:00Z', rep, lead: null },
      { cohortId: 'other', status: 'DONE', dueAt: '2026-01-01T10:00:00Z', rep, lead: null },
    ];
    expect(progressByRep(items, 'c', now)).toEqual([
      { repId: 'r1', repName: 'Rita', total: 4, done: 1, late: 1, pending: 1, skipped: 0, missed: 1, cancelled: 0, leads: 2 },
    ]);
  });
});
