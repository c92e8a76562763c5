import { Injectable } from '@nestjs/common';
import { Db } from '../database/transaction.js';
import { Persona } from './persona.entity.js';

/** The persona catalog's statements (table `persona`). */
@Injectable()
export class PersonasRepository {
  constructor(private readonly db: Db) {}

  /** The organization's personas, by key. */
  list(organizationId: string): Promise<Persona[]> {
    return this.db.repo(Persona).find({ where: { organizationId }, order: { key: 'ASC' } });
  }

  /** The catalog's keys. */
  async keys(organizationId: string): Promise<Set<string>> {
    const rows = await this.db.query<{ key: string }>(`SELECT key FROM persona WHERE organization_id = $1`, [organizationId]);
    return new Set(rows.map((r) => r.key));
  }

  /** The organization's persona with this key, if any. */
  findByKey(organizationId: string, key: string): Promise<Persona | null> {
    return this.db.repo(Persona).findOne({ where: { organizationId, key } });
  }

  /** One persona of the organization, optionally locked FOR UPDATE. */
  find(organizationId: string, id: string, lock = false): Promise<Persona | null> {
    return this.db.repo(Persona).findOne({ where: { id, organizationId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** Inserts a new persona. */
  insert(values: Pick<Persona, 'organizationId' | 'key' | 'name' | 'description' | 'names'>): Promise<Persona> {
    const repo = this.db.repo(Persona);
    return repo.save(repo.create(values));
  }

  /** Writes a loaded persona's changes. */
  save(persona: Persona): Promise<Persona> {
    return this.db.repo(Persona).save(persona);
  }

  /** Deletes one persona. */
  async delete(id: string): Promise<void> {
    await this.db.repo(Persona).delete({ id });
  }

  /**
   * Where a persona is named by what is live, as place labels (`survey "…"`, `playbook "…"`):
   * `sources` are the SQL texts other contexts registered (rows organization_id, key, place).
   */
  async usagePlaces(organizationId: string, key: string, sources: readonly string[]): Promise<string[]> {
    if (!sources.length) return [];
    const rows = await this.db.query<{ place: string }>(
      `SELECT DISTINCT u.place FROM (${sources.join('\n    UNION\n')}) u WHERE u.organization_id = $1 AND u.key = $2 ORDER BY u.place`,
      [organizationId, key],
    );
    return rows.map((r) => r.place);
  }
}
