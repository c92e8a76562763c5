import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { applyKeyset, type KeysetSpec, type SortDirection } from '../../src/common/graphql/keyset.js';
import { startTestContext, type TestContext } from '../support/harness.js';

/**
 * Keyset pages (src/common/graphql/keyset.ts) on the database: the statements `applyKeyset`
 * renders, run page after page, return every row once in (sort, id) order even where a page
 * boundary splits a tie on the sort value. The rendered SQL and parameters are pinned in the unit
 * tier (keyset.spec.ts).
 */
describe('medium: keyset pages on PostgreSQL, with ties on the sort value', () => {
  // Sort values with ties (b three times, d twice); ids unique.
  const rows: [string, number][] = [
    ['b', 5],
    ['a', 9],
    ['b', 2],
    ['d', 4],
    ['c', 1],
    ['b', 7],
    ['d', 3],
  ];
  const table = 'keyset_probe';
  let t: TestContext;

  beforeAll(async () => {
    t = await startTestContext();
    await t.db.dataSource.query(`CREATE TABLE ${table} (v text NOT NULL, id int PRIMARY KEY)`);
    await t.db.dataSource.query(`INSERT INTO ${table} SELECT * FROM unnest($1::text[], $2::int[])`, [rows.map((r) => r[0]), rows.map((r) => r[1])]);
  }, 300_000);
  afterAll(async () => {
    await t?.db.dataSource.query(`DROP TABLE IF EXISTS ${table}`);
    await t?.close();
  });

  // An unconnected data source renders the statements, as in the unit tier.
  const ds = new DataSource({ type: 'postgres' });

  /** Reads every page of `size` rows, each after the last row of the one before, as the API does. */
  async function walk(direction: SortDirection, size: number): Promise<[string, number][][]> {
    const pages: [string, number][][] = [];
    let after: KeysetSpec['after'] = null;
    for (;;) {
      const qb = applyKeyset(ds.createQueryBuilder().select('t.v', 'v').addSelect('t.id', 'id').from(table, 't'), {
        sort: 't.v',
        id: 't.id',
        direction,
        limit: size + 1,
        after,
      });
      const [sql, params] = qb.getQueryAndParameters();
      const got: [string, number][] = ((await t.db.dataSource.query(sql, params)) as { v: string; id: number }[]).map((r): [string, number] => [r.v, r.id]);
      const page: [string, number][] = got.slice(0, size);
      pages.push(page);
      if (got.length <= size) return pages;
      after = page[page.length - 1];
    }
  }

  const sorted = (direction: SortDirection) => [...rows].sort((x, y) => (direction === 'ASC' ? 1 : -1) * (x[0] === y[0] ? x[1] - y[1] : x[0] < y[0] ? -1 : 1));

  it.each(['ASC', 'DESC'] as const)('%s: every row once, in (sort, id) order, across pages that split a tie', async (direction) => {
    const pages = await walk(direction, 2);
    expect(pages.flat()).toEqual(sorted(direction));
    expect(pages.map((p) => p.length)).toEqual([2, 2, 2, 1]);
  });
});
