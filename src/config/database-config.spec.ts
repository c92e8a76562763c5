import { describe, expect, it } from '@jest/globals';
import { buildDataSourceOptions } from '../database/data-source.js';
import { ConfigError, loadConfig } from './config.js';

const load = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'test', ...env }, { jwtSecret: 'x'.repeat(32) });
const PRIMARY = 'postgres://app@db-primary:5432/squadops';
const REPLICA = 'postgres://app@db-replica:5432/squadops';

describe('DATABASE_READ_URL (read replica)', () => {
  it('is null unless set', () => {
    expect(load({}).database.readUrl).toBeNull();
    expect(load({ DATABASE_URL: PRIMARY }).database).toMatchObject({ url: PRIMARY, readUrl: null });
    expect(load({ DATABASE_URL: PRIMARY, DATABASE_READ_URL: REPLICA }).database).toMatchObject({ url: PRIMARY, readUrl: REPLICA });
  });

  it('is refused without DATABASE_URL and when it is not a postgres URL', () => {
    expect(() => load({ DATABASE_READ_URL: REPLICA })).toThrow(
      new ConfigError('DATABASE_READ_URL', 'needs DATABASE_URL (the primary): the embedded database has no replicas'),
    );
    expect(() => load({ DATABASE_URL: PRIMARY, DATABASE_READ_URL: 'mysql://db/x' })).toThrow(/DATABASE_READ_URL must start with postgres:\/\//);
    expect(() => load({ DATABASE_URL: PRIMARY, DATABASE_READ_URL: 'not a url' })).toThrow(/DATABASE_READ_URL is not a valid URL/);
  });

  it('configures TypeORM replication with the primary as the default for every read', async () => {
    const { options } = await buildDataSourceOptions(load({ DATABASE_URL: PRIMARY, DATABASE_READ_URL: REPLICA }), []);
    expect(options).toMatchObject({ type: 'postgres', replication: { master: { url: PRIMARY }, slaves: [{ url: REPLICA }], defaultMode: 'master' } });
    expect('url' in options).toBe(false);
    const single = (await buildDataSourceOptions(load({ DATABASE_URL: PRIMARY }), [])).options;
    expect(single).toMatchObject({ url: PRIMARY });
    expect('replication' in single).toBe(false);
  });
});

describe('DB_JIT (JIT compilation in the API sessions)', () => {
  it('turns JIT off in every pooled session unless DB_JIT is true', async () => {
    expect(load({}).database.jit).toBe(false);
    expect(load({ DB_JIT: 'true' }).database.jit).toBe(true);
    expect(() => load({ DB_JIT: 'sometimes' })).toThrow(/DB_JIT must be true or false/);
    const off = (await buildDataSourceOptions(load({ DATABASE_URL: PRIMARY }), [])).options as { extra: Record<string, unknown> };
    expect(off.extra.options).toBe('-c jit=off');
    const on = (await buildDataSourceOptions(load({ DATABASE_URL: PRIMARY, DB_JIT: 'on' }), [])).options as { extra: Record<string, unknown> };
    expect('options' in on.extra).toBe(false);
  });
});
