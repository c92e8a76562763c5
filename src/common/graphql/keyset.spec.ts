// The pages read on a database (ties split across pages) are in test/medium/keyset.medium-spec.ts.
import { describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { applyKeyset, keysetPage } from './keyset.js';

describe('keysetPage', () => {
  it('first page: order by the sort column then the id, the limit, no condition', () => {
    expect(keysetPage({ sort: 'u.name', id: 'u.id', direction: 'ASC', limit: 21 })).toEqual({
      where: null,
      params: {},
      orderBy: { 'u.name': 'ASC', 'u.id': 'ASC' },
      limit: 21,
    });
    expect(keysetPage({ sort: 'o.paid_at', id: 'o.id', direction: 'DESC', limit: 6, after: null }).orderBy).toEqual({ 'o.paid_at': 'DESC', 'o.id': 'DESC' });
  });

  it('ascending after a cursor: rows whose (sort, id) is greater', () => {
    expect(keysetPage({ sort: 'u.name', id: 'u.id', direction: 'ASC', limit: 3, after: ['Ann', 'id-7'] })).toEqual({
      where: '(u.name, u.id) > (:keysetSort, :keysetId)',
      params: { keysetSort: 'Ann', keysetId: 'id-7' },
      orderBy: { 'u.name': 'ASC', 'u.id': 'ASC' },
      limit: 3,
    });
  });

  it('descending after a cursor: rows whose (sort, id) is smaller', () => {
    const paidAt = new Date('2026-01-02T03:04:05.678Z');
    expect(keysetPage({ sort: 'o.paid_at', id: 'o.id', direction: 'DESC', limit: 11, after: [paidAt, 'id-1'] })).toEqual({
      where: '(o.paid_at, o.id) < (:keysetSort, :keysetId)',
      params: { keysetSort: paidAt, keysetId: 'id-1' },
      orderBy: { 'o.paid_at': 'DESC', 'o.id': 'DESC' },
      limit: 11,
    });
  });

  it('wraps the cursor placeholders in the given casts', () => {
    const page = keysetPage({
      sort: 'l.created_at',
      id: 'l.id',
      direction: 'DESC',
      limit: 2,
      after: ['2026-01-02T03:04:05.678901', 'id-2'],
      cast: { sort: (p) => `CAST(${p} AS timestamp) AT TIME ZONE 'UTC'`, id: (p) => `CAST(${p} AS uuid)` },
    });
    expect(page.where).toBe(`(l.created_at, l.id) < (CAST(:keysetSort AS timestamp) AT TIME ZONE 'UTC', CAST(:keysetId AS uuid))`);
  });
});

describe('applyKeyset', () => {
  // An unconnected data source: the query builder renders the statement PostgreSQL would receive.
  const ds = new DataSource({ type: 'postgres' });
  const base = () => ds.createQueryBuilder().select('u.id').from('app_user', 'u').where('u.organization_id = :org', { org: 'org-1' });

  it('first page: the filters, then ORDER BY sort, id and LIMIT', () => {
    expect(applyKeyset(base(), { sort: 'u.name', id: 'u.id', direction: 'ASC', limit: 21 }).getQueryAndParameters()).toEqual([
      'SELECT u.id FROM "app_user" "u" WHERE u.organization_id = $1 ORDER BY u.name ASC, u.id ASC LIMIT 21',
      ['org-1'],
    ]);
  });

  it('after a cursor: the row comparison joins the filters with AND, its values last', () => {
    expect(
      applyKeyset(base(), { sort: 'u.start_date', id: 'u.id', direction: 'DESC', limit: 3, after: ['2026-03-01', 'id-9'] }).getQueryAndParameters(),
    ).toEqual([
      'SELECT u.id FROM "app_user" "u" WHERE u.organization_id = $1 AND (u.start_date, u.id) < ($2, $3) ORDER BY u.start_date DESC, u.id DESC LIMIT 3',
      ['org-1', '2026-03-01', 'id-9'],
    ]);
  });
});
