import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import type { FieldError } from '../../common/errors.js';
import { LeaderboardInput, leaderboardInputProblems } from './rankings.inputs.js';

/** What class-validator says about an input, by field path, as the validation pipe reports it. */
async function pipeProblems(input: Record<string, unknown>): Promise<FieldError[]> {
  const out: FieldError[] = [];
  const walk = (list: ValidationError[], path: string) => {
    for (const e of list) {
      for (const message of Object.values(e.constraints ?? {})) out.push({ field: `${path}.${e.property}`, message });
      walk(e.children ?? [], `${path}.${e.property}`);
    }
  };
  walk(await validate(plainToInstance(LeaderboardInput, input)), 'input');
  return out;
}

const UUID = '0190a0b0-0000-7000-8000-000000000000';
const CASES: Record<string, unknown>[] = [
  {},
  { definitionId: UUID },
  { definitionId: 'not-a-uuid' },
  { definitionId: '11111111-1111-1111-1111-111111111111' }, // not an RFC 4122 id: refused by both
  { definitionId: null, populationId: null, metricKey: null, period: null },
  { scope: 'MEMBER', teamKind: 'PRE_SALES', metricKey: 'net_revenue', populationId: UUID },
  { scope: 'MEMBER', teamKind: 'PRE_SALES', metricKey: 'Net-Revenue', populationId: 'x' },
  { metricKey: '' },
  { period: { kind: 'ISO_WEEK', start: '2026-08-10' } },
  { period: { kind: 'MONTH', start: '2026-02-30' } },
  { period: { kind: 'MONTH', start: '10/08/2026' } },
  { period: { kind: 'QUARTER', start: '1899-01-01' } },
  { definitionId: 'x', populationId: 'y', metricKey: '9', period: { kind: 'DAY', start: 'z' } },
];

describe('leaderboardInputProblems', () => {
  it.each(CASES.map((c) => [JSON.stringify(c), c]))('gives the validation pipe’s answer for %s', async (_label, input) => {
    expect(leaderboardInputProblems(input as LeaderboardInput)).toEqual(await pipeProblems(input as Record<string, unknown>));
  });

  it('reports every problem at once, by field path', () => {
    expect(leaderboardInputProblems({ definitionId: 'x', metricKey: 'A', period: { kind: 'DAY', start: '2026-13-01' } } as LeaderboardInput)).toEqual([
      { field: 'input.definitionId', message: 'definitionId must be a UUID' },
      { field: 'input.metricKey', message: 'must be a metric key' },
      { field: 'input.period.start', message: '2026-13-01 is not a calendar date' },
    ]);
  });
});
