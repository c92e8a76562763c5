import { DataSource, type DataSourceOptions, type EntitySchema, type MixedList } from 'typeorm';
import type { Logger } from 'pino';
import { databaseTimeouts, type AppConfig, type DatabaseTimeouts } from '../config/config.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { EmbeddedPostgres } from './embedded.js';
import { SnakeNamingStrategy } from './naming.strategy.js';
import { QueryCounter } from './query-counter.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityList = MixedList<Function | string | EntitySchema>;

export interface OpenedDatabase {
  dataSource: DataSource;
  embedded: EmbeddedPostgres | null;
  queryCounter: QueryCounter;
}

/**
 * node-postgres options bounding how long anything may wait on a server (see docs/api.md,
 * "Database timeouts"): connecting or waiting for a pooled connection, each statement (enforced by
 * the server, and by the client one second later in case the server itself is silent), and a
 * transaction its session left idle. A timeout surfaces as UNAVAILABLE (HTTP 503).
 */
export function serverPoolOptions(t: DatabaseTimeouts, jit = false): Record<string, unknown> {
  return {
    // Session settings sent when a connection opens (DB_JIT, docs/api.md "Database sessions"). A
    // board of 20,000 reps is cheap enough that compiling its plan costs more than it saves.
    ...(jit ? {} : { options: '-c jit=off' }),
    connectionTimeoutMillis: t.connectMs,
    idleTimeoutMillis: t.idleMs,
    statement_timeout: t.statementMs,
    query_timeout: t.statementMs > 0 ? t.statementMs + 1_000 : undefined,
    idle_in_transaction_session_timeout: t.idleInTransactionMs,
    // A silent network peer is noticed by TCP keep-alive rather than never.
    keepAlive: true,
  };
}

/**
 * Same entities, same migrations, same SQL for both modes: a real PostgreSQL server when
 * DATABASE_URL is set, otherwise the embedded PGlite behind TypeORM's normal postgres driver.
 */
export async function buildDataSourceOptions(
  config: AppConfig,
  entities: EntityList,
  log?: Logger,
): Promise<{ options: DataSourceOptions; embedded: EmbeddedPostgres | null; queryCounter: QueryCounter }> {
  const queryCounter = new QueryCounter(log);
  const common = {
    type: 'postgres' as const,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsRun: false,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    // PGlite has gen_random_uuid() built in but no extensions to install; PostgreSQL >= 13 too.
    uuidExtension: 'pgcrypto' as const,
    installExtensions: false,
    logging: ['query', 'error', 'warn', 'migration'] as ('query' | 'error' | 'warn' | 'migration')[],
    logger: queryCounter,
    maxQueryExecutionTime: 1000,
  };
  const timeouts = config.database.timeouts ?? databaseTimeouts();
  if (config.database.url) {
    const server = { ...common, poolSize: 10, extra: { application_name: 'squadops', ...serverPoolOptions(timeouts, config.database.jit ?? false) } };
    if (config.database.readUrl) {
      // A pool per server. defaultMode 'master': TypeORM would otherwise send every find() and
      // SelectQueryBuilder outside a transaction to the replica; only ReadDb.run reads there.
      return {
        options: { ...server, replication: { master: { url: config.database.url }, slaves: [{ url: config.database.readUrl }], defaultMode: 'master' } },
        embedded: null,
        queryCounter,
      };
    }
    return { options: { ...server, url: config.database.url }, embedded: null, queryCounter };
  }
  const embedded = await EmbeddedPostgres.open(config.database.embeddedDir, config.database.embeddedSeed);
  return {
    // In-process: no network to hang and a running statement cannot be interrupted (it holds the
    // event loop), so only the wait for the one connection is bounded.
    options: { ...common, poolSize: 1, extra: { ...embedded.poolOptions(), connectionTimeoutMillis: timeouts.connectMs } },
    embedded,
    queryCounter,
  };
}

/** Opens the database and applies pending migrations. */
export async function openDatabase(config: AppConfig, entities: EntityList, log?: Logger): Promise<OpenedDatabase> {
  const { options, embedded, queryCounter } = await buildDataSourceOptions(config, entities, log);
  const dataSource = new DataSource(options);
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (err) {
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    await embedded?.close().catch(() => undefined);
    throw err;
  }
  return { dataSource, embedded, queryCounter };
}
