import { DataSource, type DataSourceOptions, type EntitySchema, type MixedList } from 'typeorm';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/config.js';
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
  if (config.database.url) {
    return {
      options: { ...common, url: config.database.url, poolSize: 10, extra: { application_name: 'squadops' } },
      embedded: null,
      queryCounter,
    };
  }
  const embedded = await EmbeddedPostgres.open(config.database.embeddedDir);
  return {
    options: { ...common, poolSize: 1, extra: embedded.poolOptions() },
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
