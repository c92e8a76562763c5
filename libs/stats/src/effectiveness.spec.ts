import { describe, expect, it } from '@jest/globals';
import { rankOutcomes, SMALL_SAMPLE_LEADS } from './effectiveness.js';

// Wilson bounds: the python3 formula of proportions.spec.ts (z = 1.959963984540054).
describe('rankOutcomes', () => {
  it('empty input → empty output', () => {
    expect(rankOutcomes([])).toEqual([]);
  });

  it('ranks within each group by the Wilson lower bound, not the raw rate', () => {
    const out = rankOutcomes([
      { group: 'price', id: 'lucky', leads: 2, converted: 2 }, // rate 1, low 0.34238
      { group: 'price', id: 'steady', leads: 5, converted: 3 }, // rate 0.6, low 0.23072
      { group: 'price', id: 'weak', leads: 4, converted: 1 }, // rate 0.25, low 0.04559
      { group: 'time', id: 'only', leads: 4, converted: 3 }, // rate 0.75, low 0.30064
    ]);
    expect(out.map((r) => [r.group, r.id, r.rank])).toEqual([
      ['price', 'lucky', 1],
      ['price', 'steady', 2],
      ['price', 'weak', 3],
      ['time', 'only', 1],
    ]);
    expect(out[0]!.low).toBeCloseTo(0.34238022750665303, 12);
    expect(out[0]!.high).toBe(1);
    expect(out[1]!.rate).toBe(0.6);
    expect(out[1]!.low).toBeCloseTo(0.23072428127601297, 12);
    expect(out[1]!.high).toBeCloseTo(0.8823792257673521, 12);
    expect(out[2]!.low).toBeCloseTo(0.04558726080970055, 12);
    expect(out[3]!.high).toBeCloseTo(0.9544127391902995, 12);
  });

  it('ties share a rank (1, 2, 2, 4); unused options get no rank and come last', () => {
    const out = rankOutcomes([
      { group: 'g', id: 'unused', leads: 0, converted: 0 },
      { group: 'g', id: 'b1', leads: 4, converted: 2 },
      { group: 'g', id: 'best', leads: 4, converted: 3 },
      { group: 'g', id: 'b2', leads: 4, converted: 2 },
      { group: 'g', id: 'zero', leads: 3, converted: 0 },
    ]);
    expect(out.map((r) => [r.id, r.rank])).toEqual([
      ['best', 1],
      ['b1', 2],
      ['b2', 2],
      ['zero', 4],
      ['unused', null],
    ]);
    expect(out[4]).toMatchObject({ rate: null, low: 0, high: 1, smallSample: true });
    expect(out[3]).toMatchObject({ rate: 0, low: 0 });
    expect(out[3]!.high).toBeCloseTo(0.5614970317550454, 12);
  });

  it(`flags fewer than ${SMALL_SAMPLE_LEADS} leads as a small sample (threshold configurable)`, () => {
    const out = rankOutcomes([
      { group: 'g', leads: SMALL_SAMPLE_LEADS - 1, converted: 1 },
      { group: 'g', leads: SMALL_SAMPLE_LEADS, converted: 1 },
    ]);
    expect(out.map((r) => [r.leads, r.smallSample])).toEqual([
      [SMALL_SAMPLE_LEADS - 1, true],
      [SMALL_SAMPLE_LEADS, false],
    ]);
    expect(rankOutcomes([{ group: 'g', leads: 5, converted: 1 }], { smallSampleBelow: 5 })[0]!.smallSample).toBe(false);
  });

  it('rejects impossible counts', () => {
    expect(() => rankOutcomes([{ group: 'g', leads: 2, converted: 3 }])).toThrow();
    expect(() => rankOutcomes([{ group: 'g', leads: -1, converted: 0 }])).toThrow();
  });
});
