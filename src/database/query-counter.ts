import type { Logger as TypeOrmLogger, QueryRunner } from 'typeorm';
import type { Logger } from 'pino';

/**
 * TypeORM logger that counts statements (tests assert statement counts to prove there is no
 * N+1) and forwards slow queries and failures to the structured log without parameters.
 */
export class QueryCounter implements TypeOrmLogger {
  count = 0;

  constructor(private readonly pinoLog?: Logger) {}

  reset(): void {
    this.count = 0;
  }

  logQuery(query: string): void {
    if (!/^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)/i.test(query)) {
      this.count += 1;
    }
  }
  logQueryError(error: string | Error, query: string, _parameters?: unknown[], _qr?: QueryRunner): void {
    this.pinoLog?.debug({ err: error, query: query.slice(0, 500) }, 'query failed');
  }
  logQuerySlow(time: number, query: string): void {
    this.pinoLog?.warn({ ms: time, query: query.slice(0, 500) }, 'slow query');
  }
  logSchemaBuild(message: string): void {
    this.pinoLog?.debug(message);
  }
  logMigration(message: string): void {
    this.pinoLog?.info(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.pinoLog?.warn(String(message));
  }
}
