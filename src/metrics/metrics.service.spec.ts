import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { MetricDirection, MetricEntityType, MetricUnit, type MetricDefinition, type MetricParts, type MetricRequest } from './metric-catalog.js';
import { buildSeries, MetricsService, rollupColumnsOf } from './metrics.service.js';
import { PRE_SALES_METRICS } from './pre-sales.metrics.js';
import { ROLLUP_AGGREGATES } from './metric-catalog.js';

const def = (key: string, numerator: string, denominator?: string): MetricDefinition => ({
  key,
  label: key,
  teamKind: 'PRE_SALES' as MetricDefinition['teamKind'],
  unit: denominator ? MetricUnit.RATIO : MetricUnit.MONEY,
  direction: MetricDirection.HIGHER_IS_BETTER,
  definition: key,
  entityTypes: [MetricEntityType.MEMBER],
  source: { kind: 'ROLLUP', numerator, ...(denominator ? { denominator } : {}) },
});

const NET = def('net', 'gross_revenue - refunded_amount');
const RATE = def('rate', 'conversions', 'leads_assigned');
// A live board's rows: the sums arrive as bigint strings, under the current window's prefix.
const ROWS = [
  { id: 'a', c_gross_revenue: '120000', c_refunded_amount: '20000', c_conversions: '3', c_leads_assigned: '4' },
  { id: 'b', c_gross_revenue: '0', c_refunded_amount: '0', c_conversions: '0', c_leads_assigned: '0' },
  { id: 'c', c_gross_revenue: '9007199254740991', c_refunded_amount: '0', c_conversions: '1', c_leads_assigned: '10' },
];

describe('MetricsService.rollupPartsColumns', () => {
  const svc = new MetricsService(null as never, null as never, null as never, null as never, null as never);

  it('gives each row its parts, in the rows’ order', () => {
    const parts = svc.rollupPartsColumns([NET, RATE], ROWS, 'c_');
    expect(parts.get('net')).toEqual({ numerators: [100000, 0, 9007199254740991], denominators: [null, null, null] });
    expect(parts.get('rate')).toEqual({ numerators: [3, 0, 1], denominators: [4, 0, 10] });
  });

  it('refuses totals beyond exact integers and metrics that are not ROLLUP', () => {
    expect(() => svc.rollupPartsColumns([NET], [{ c_gross_revenue: '9007199254740993', c_refunded_amount: '0' }], 'c_')).toThrow();
    const custom = { ...NET, source: { kind: 'CUSTOM' as const, compute: async () => new Map() } };
    expect(() => svc.rollupPartsColumns([custom], ROWS, 'c_')).toThrow(/not a ROLLUP metric/);
  });

  it('an empty board has empty columns', () => {
    expect(svc.rollupPartsColumns([NET], [], 'p_').get('net')).toEqual({ numerators: [], denominators: [] });
  });
});

describe('MetricsService.computeCustom', () => {
  const db = { marker: 'db' };
  const svc = new MetricsService(db as never, null as never, null as never, null as never, null as never);
  const custom = (key: string, parts: [string, MetricParts][]) => {
    const seen: { req: MetricRequest; db: unknown }[] = [];
    const d: MetricDefinition = { ...NET, key, source: { kind: 'CUSTOM', compute: async (req, through) => (seen.push({ req, db: through }), new Map(parts)) } };
    return { d, seen };
  };

  it("gives each CUSTOM metric its own statement's parts, through the service's Db", async () => {
    const a = custom('a', [['x', { numerator: 2, denominator: 4 }]]);
    const b = custom('b', [['y', { numerator: 7, denominator: null }]]);
    const req = { entityIds: ['x', 'y'] } as MetricRequest;
    const out = await svc.computeCustom([a.d, b.d], req);
    expect([...out.keys()]).toEqual(['a', 'b']);
    expect(out.get('a')).toEqual(new Map([['x', { numerator: 2, denominator: 4 }]]));
    expect(out.get('b')).toEqual(new Map([['y', { numerator: 7, denominator: null }]]));
    expect(a.seen).toEqual([{ req, db }]);
    expect(b.seen).toEqual([{ req, db }]);
  });

  it('runs no statement for no entities, and refuses ROLLUP metrics', async () => {
    const a = custom('a', [['x', { numerator: 1, denominator: null }]]);
    expect(await svc.computeCustom([a.d], { entityIds: [] as string[] } as MetricRequest)).toEqual(new Map([['a', new Map()]]));
    expect(a.seen).toEqual([]);
    await expect(svc.computeCustom([NET], { entityIds: ['x'] } as MetricRequest)).rejects.toThrow(/not a CUSTOM metric/);
  });
});

describe('buildSeries', () => {
  // metricValues' rows: one per entity, aligned by index, sums already numbers.
  const entities = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
  const sums = [
    { gross_revenue: 120000, refunded_amount: 20000, conversions: 3, leads_assigned: 4 },
    { gross_revenue: 0, refunded_amount: 0, conversions: 0, leads_assigned: 0 },
    { gross_revenue: 500, refunded_amount: 700, conversions: 1, leads_assigned: 3 },
  ];

  it('gives each ROLLUP metric its values, numerators and denominators by index', () => {
    expect(buildSeries([NET, RATE], entities, sums, new Map())).toEqual([
      { metricKey: 'net', values: [100000, 0, -200], numerators: [100000, 0, -200], denominators: [null, null, null] },
      // No denominator: null value, never 0 or NaN.
      { metricKey: 'rate', values: [0.75, null, 1 / 3], numerators: [3, 0, 1], denominators: [4, 0, 3] },
    ]);
  });

  it('uses a definition’s own value function, and CUSTOM parts by entity id (zeros when absent)', () => {
    const doubled: MetricDefinition = { ...RATE, key: 'doubled', value: (p) => (p.denominator ? (2 * p.numerator) / p.denominator : 0) };
    const custom: MetricDefinition = { ...RATE, key: 'custom', source: { kind: 'CUSTOM', compute: async () => new Map() } };
    const parts = new Map([['custom', new Map([['c', { numerator: 2, denominator: 8 }]])]]);
    const [d, c] = buildSeries([doubled, custom], entities, sums, parts);
    expect(d.values).toEqual([1.5, 0, 2 / 3]);
    expect(c).toEqual({ metricKey: 'custom', values: [null, null, 0.25], numerators: [0, 0, 2], denominators: [0, 0, 8] });
  });

  it('agrees with rollupPartsColumns on the same rows', () => {
    const svc = new MetricsService(null as never, null as never, null as never, null as never, null as never);
    const parts = svc.rollupPartsColumns([NET, RATE], sums);
    for (const s of buildSeries([NET, RATE], entities, sums, new Map())) {
      expect(s.numerators).toEqual(parts.get(s.metricKey)!.numerators);
      expect(s.denominators).toEqual(parts.get(s.metricKey)!.denominators);
    }
  });

  it('no entities give empty series; ROLLUP metrics without a row per entity are refused', () => {
    expect(buildSeries([NET], [], [], new Map())).toEqual([{ metricKey: 'net', values: [], numerators: [], denominators: [] }]);
    expect(() => buildSeries([NET], entities, sums.slice(1), new Map())).toThrow(/one row of sums per entity/);
    expect(() => buildSeries([NET], entities, null, new Map())).toThrow(/one row of sums per entity/);
  });

  it('refuses a row without a column its expression reads, instead of answering NaN', () => {
    const missing = sums.map(({ refunded_amount: _, ...rest }) => rest);
    expect(() => buildSeries([NET], entities, missing, new Map())).toThrow(/Bad rollup expression gross_revenue - refunded_amount/);
  });
});

describe('rollupColumnsOf', () => {
  it('names the columns the ROLLUP metrics read, in ROLLUP_AGGREGATES order, once each', () => {
    expect(rollupColumnsOf([NET, RATE])).toEqual(['leads_assigned', 'conversions', 'gross_revenue', 'refunded_amount']);
    expect(rollupColumnsOf([RATE, RATE])).toEqual(['leads_assigned', 'conversions']);
    expect(rollupColumnsOf([])).toEqual([]);
    const custom: MetricDefinition = { ...NET, key: 'custom', source: { kind: 'CUSTOM', compute: async () => new Map() } };
    expect(rollupColumnsOf([custom])).toEqual([]);
  });

  it('agrees, for every pre-sales metric, with reading the expressions word by word', () => {
    for (const d of PRE_SALES_METRICS) {
      const words = d.source.kind === 'ROLLUP' ? `${d.source.numerator} ${d.source.denominator ?? ''}`.split(/\s+/) : [];
      expect(rollupColumnsOf([d])).toEqual(ROLLUP_AGGREGATES.filter((c) => words.includes(c)));
    }
  });
});
