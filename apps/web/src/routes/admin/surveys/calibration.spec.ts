import { describe, expect, it } from '@jest/globals';
import { barChartLayout, groupByQuestion, rateAxis } from './calibration';

describe('groupByQuestion', () => {
  it('keeps the API order and falls back to the key as label', () => {
    const g = groupByQuestion([
      { questionKey: 'goal', questionLabel: 'Goal', optionKey: 'a', leads: 1, converted: 0 },
      { questionKey: 'ready', questionLabel: null, optionKey: 'yes', leads: 2, converted: 1 },
      { questionKey: 'goal', questionLabel: 'Goal', optionKey: 'b', leads: 3, converted: 1 },
    ]);
    expect(g.map((x) => [x.questionKey, x.questionLabel, x.rows.map((r) => r.optionKey)])).toEqual([
      ['goal', 'Goal', ['a', 'b']],
      ['ready', 'ready', ['yes']],
    ]);
  });
});

describe('rateAxis', () => {
  it('picks a round top above the highest rate with even ticks', () => {
    expect(rateAxis(0.03)).toEqual({ max: 0.05, ticks: [0, 0.01, 0.02, 0.03, 0.04, 0.05] });
    expect(rateAxis(0.18)).toEqual({ max: 0.2, ticks: [0, 0.05, 0.1, 0.15, 0.2] });
    expect(rateAxis(0.6).max).toBe(1);
    expect(rateAxis(0)).toMatchObject({ max: 0.05 });
  });
});

describe('barChartLayout', () => {
  it('scales bars to the axis and leaves answers nobody chose without a bar', () => {
    const l = barChartLayout([0.1, 0.05, null], { width: 400, labelWidth: 120, rowHeight: 20, average: 0.08 });
    expect(l.plotX).toBe(128);
    expect(l.plotWidth).toBe(400 - 128 - 96);
    expect(l.bars[0]!.width).toBeCloseTo(l.plotWidth);
    expect(l.bars[1]!.width).toBeCloseTo(l.plotWidth / 2);
    expect(l.bars[2]).toEqual({ y: 40, width: 0, baselineX: null });
    expect(l.averageX).toBeCloseTo(128 + l.plotWidth * 0.8);
    expect(l.height).toBe(3 * 20 + 4 + 20);
  });
  it('gives the labels at most 45 % of a narrow chart', () => {
    expect(barChartLayout([0.2], { width: 300, labelWidth: 200 }).labelWidth).toBe(135);
  });
});
