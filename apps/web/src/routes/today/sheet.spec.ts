import { describe, expect, it } from '@jest/globals';
import type { MyAgendaQuery } from '../../gql/graphql';
import { sheetDetails, sheetSteps } from './sheet';

type Sheet = MyAgendaQuery['myAgendaSheet'];
type SheetItem = Sheet['items'][number];

const item = (id: string, over: Partial<SheetItem>): SheetItem =>
  ({ id, stepId: 'st1', scriptRef: null, objectionSetRef: null, detailsSent: true, ...over }) as SheetItem;
const answer = { id: 'a1', label: null, persona: null, text: 'Installments' };
const sheet = {
  items: [
    item('i1', { scriptRef: 's1', objectionSetRef: 'o1' }),
    item('i2', { stepId: 'st2', scriptRef: null, objectionSetRef: 'o1' }),
    item('i3', { detailsSent: false }),
    item('i4', { stepId: 'gone', detailsSent: false }),
  ],
  steps: [
    { id: 'st1', key: 'dm', title: 'DM', goal: '', channel: 'PRIVATE_MESSAGE' },
    { id: 'st2', key: 'task', title: 'Task', goal: '', channel: 'TASK' },
  ],
  scripts: [{ id: 's1', text: 'Hi', persona: null, missingVariables: [] }],
  objectionSets: [{ id: 'o1', objectionRefs: ['b2', 'b1'] }],
  objections: [
    { ref: 'b1', id: 'x1', key: 'price', stepKey: null, objection: 'Too expensive', answers: [answer] },
    { ref: 'b2', id: 'x2', key: 'time', stepKey: 'dm', objection: 'No time', answers: [] },
  ],
} as unknown as Sheet;

describe('agenda sheet parts', () => {
  it('gives every item its step', () => {
    const steps = sheetSteps(sheet);
    expect([...steps.keys()]).toEqual(['i1', 'i2', 'i3']);
    expect(steps.get('i3')!.title).toBe('DM');
  });

  it('resolves the refs of the items whose details were sent, and only those', () => {
    const details = sheetDetails(sheet);
    expect([...details.keys()]).toEqual(['i1', 'i2']);
    expect(details.get('i1')).toEqual({
      script: { text: 'Hi', persona: null, missingVariables: [] },
      objections: [
        { id: 'x2', key: 'time', stepKey: 'dm', objection: 'No time', answers: [] },
        { id: 'x1', key: 'price', stepKey: null, objection: 'Too expensive', answers: [answer] },
      ],
    });
    // scriptRef null with details sent: the step has no script.
    expect(details.get('i2')!.script).toBeNull();
  });
});
