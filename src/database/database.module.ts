import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { LOGGER } from '../common/tokens.js';
import type { Logger } from 'pino';
import { openDatabase, type OpenedDatabase } from './data-source.js';
import { ENTITIES } from './entities.js';
import { ReadDb } from './read-db.js';
import { Db, TransactionRunner } from './transaction.js';

export const DATABASE = Symbol('DATABASE');

/** Closes the embedded PostgreSQL after the data source, so a restart finds every committed row. */
class DatabaseCloser implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly db: OpenedDatabase) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.db.dataSource.isInitialized) await this.db.dataSource.destroy();
    await this.db.embedded?.close();
  }
}

@Global()
@Module({})
class DatabaseHandleModule {
  static forRoot(): DynamicModule {
    return {
      module: DatabaseHandleModule,
      providers: [
        {
          provide: DATABASE,
          inject: [APP_CONFIG, LOGGER],
          useFactory: (config: AppConfig, log: Logger) => openDatabase(config, ENTITIES, log),
        },
        DatabaseCloser,
      ],
      exports: [DATABASE],
    };
  }
}

type HandleOptions = TypeOrmModuleOptions & { handle: OpenedDatabase };

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(): DynamicModule {
    const handle = DatabaseHandleModule.forRoot();
    return {
      module: DatabaseModule,
      imports: [
        handle,
        TypeOrmModule.forRootAsync({
          imports: [handle],
          inject: [DATABASE],
          useFactory: (db: OpenedDatabase) => ({ ...db.dataSource.options, handle: db }) as HandleOptions,
          dataSourceFactory: async (options) => (options as HandleOptions).handle.dataSource as DataSource,
        }),
      ],
      providers: [Db, TransactionRunner, ReadDb],
      exports: [handle, Db, TransactionRunner, ReadDb],
    };
  }
}
