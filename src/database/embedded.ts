import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';

/**
 * The embedded PostgreSQL (PGlite, a real PostgreSQL compiled to WebAssembly). It serves one
 * session at a time, so the pool that fronts it has exactly one connection: inside a
 * transaction every query must go through that transaction's EntityManager.
 */
export class EmbeddedPostgres {
  private constructor(readonly pglite: PGlite) {}

  /** `seed`: a data directory tarball (`dump`) an in-memory database starts from. */
  static async open(dir: string, seed?: string | null): Promise<EmbeddedPostgres> {
    if (dir !== 'memory://') mkdirSync(dir, { recursive: true });
    if (seed && dir !== 'memory://') throw new Error('a seed data directory is only for the in-memory database');
    // `new PGlite(undefined, options)` ignores the options: an in-memory database with a seed takes them alone.
    // The seed is read now, not lazily (`openAsBlob`): a file replaced while it is read fails the read.
    const pglite = dir !== 'memory://' ? new PGlite(dir) : new PGlite(seed ? { loadDataDir: new Blob([await readFile(seed)]) } : {});
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

  /** The data directory as a gzipped tarball (loads faster than an uncompressed one) (for `open(dir, seed)`). */
  async dump(): Promise<Uint8Array> {
    // Everything written out of the WAL first, so a database started from the dump need not replay it.
    await this.pglite.exec('CHECKPOINT');
    return new Uint8Array(await (await this.pglite.dumpDataDir('gzip')).arrayBuffer());
  }

  async close(): Promise<void> {
    if (!this.pglite.closed) await this.pglite.close();
  }
}
