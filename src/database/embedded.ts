import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';

/**
 * The embedded PostgreSQL (PGlite, a real PostgreSQL compiled to WebAssembly). It serves one
 * session at a time, so the pool that fronts it has exactly one connection: inside a
 * transaction every query must go through that transaction's EntityManager.
 */
export class EmbeddedPostgres {
  private constructor(readonly pglite: PGlite) {}

  static async open(dir: string): Promise<EmbeddedPostgres> {
    if (dir !== 'memory://') mkdirSync(dir, { recursive: true });
    const pglite = new PGlite(dir === 'memory://' ? undefined : dir);
    await pglite.waitReady;
    return new EmbeddedPostgres(pglite);
  }

  /** `extra` for TypeORM's postgres driver: node-postgres talks to PGlite in-process. */
  poolOptions(): Record<string, unknown> {
    const cfg = createPgConfig(this.pglite);
    return {
      connection: cfg.connection,
      // Keep the single client alive: its connection object cannot be re-opened cheaply.
      idleTimeoutMillis: 0,
    };
  }

  async close(): Promise<void> {
    if (!this.pglite.closed) await this.pglite.close();
  }
}
