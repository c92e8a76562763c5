import { describe, expect, it } from '@jest/globals';
import { draftOf, draftProblems, EMPTY_DRAFT, populationInput, rulesInput, type Draft } from './boardDraft';

const rates = new Set(['conversion_rate']);
const isRate = (k: string) => rates.has(k);
const ok: Draft = { ...EMPTY_DRAFT, name: 'Weekly revenue', population: 'LEGION:l1', metricKey: 'net_revenue' };

describe('draftProblems', () => {
  it('accepts a complete draft; the name is needed only to save', () => {
    expect(draftProblems(ok, isRate, true)).toEqual({});
    expect(draftProblems({ ...ok, name: ' ' }, isRate, false)).toEqual({});
    expect(draftProblems({ ...ok, name: ' ' }, isRate, true).name?.key).toBe('nameRequired');
  });
  it('checks band percentages on their fields', () => {
    expect(draftProblems({ ...ok, topPct: '120' }, isRate, false).topPct).toEqual({ key: 'between', values: { min: 0, max: 100 } });
    expect(draftProblems({ ...ok, bottomPct: '1.5' }, isRate, false).bottomPct?.key).toBe('wholeNumber');
    expect(draftProblems({ ...ok, topPct: '60', bottomPct: '50' }, isRate, false).bottomPct?.key).toBe('bandsOver');
  });
  it('needs a rate metric for a minimum sample or shrinkage', () => {
    expect(draftProblems({ ...ok, minDenominator: '5' }, isRate, false).minDenominator?.key).toBe('needsRate');
    expect(draftProblems({ ...ok, shrinkageK: '10' }, isRate, false).shrinkageK?.key).toBe('needsRate');
    expect(draftProblems({ ...ok, metricKey: 'conversion_rate', minDenominator: '5', shrinkageK: '10' }, isRate, false)).toEqual({});
  });
  it('checks composites: 2 to 8 distinct metrics with weights summing to more than 0', () => {
    const comp = (components: Draft['components']) => draftProblems({ ...ok, mode: 'composite', components }, isRate, false).components?.key;
    expect(comp([{ metricKey: 'a', weight: '1' }])).toBe('componentCount');
    expect(
      comp([
        { metricKey: 'a', weight: '1' },
        { metricKey: 'a', weight: '2' },
      ]),
    ).toBe('componentTwice');
    expect(
      comp([
        { metricKey: 'a', weight: '0' },
        { metricKey: 'b', weight: '0' },
      ]),
    ).toBe('weightSum');
    expect(
      comp([
        { metricKey: 'a', weight: '2' },
        { metricKey: 'b', weight: '0.5' },
      ]),
    ).toBeUndefined();
  });
});

describe('API input', () => {
  it('turns a draft into rules and a population', () => {
    expect(rulesInput({ ...ok, shrinkageK: '2,5', minDenominator: '' })).toMatchObject({
      metricKey: 'net_revenue',
      components: null,
      shrinkageK: 2.5,
      minDenominator: null,
      topPct: 20,
    });
    expect(populationInput('SQUAD:s1')).toEqual({ populationType: 'SQUAD', populationId: 's1' });
    expect(populationInput('ORG')).toEqual({ populationType: 'ORG', populationId: null });
  });
  it('round-trips a saved definition', () => {
    const d = draftOf({
      name: 'Mix',
      scope: 'SQUAD',
      teamKind: 'PRE_SALES',
      populationType: 'LEGION',
      populationId: 'l1',
      periodKind: 'MONTH',
      current: {
        metricKey: null,
        components: [
          { metricKey: 'a', weight: 2 },
          { metricKey: 'b', weight: 1 },
        ],
        windowPeriods: 2,
        minDenominator: null,
        shrinkageK: 5,
        topPct: 25,
        bottomPct: 15,
        watchStreak: 3,
      },
    });
    expect(d).toMatchObject({ population: 'LEGION:l1', mode: 'composite', shrinkageK: '5', topPct: '25' });
    expect(rulesInput(d).components).toEqual([
      { metricKey: 'a', weight: 2 },
      { metricKey: 'b', weight: 1 },
    ]);
  });
});
