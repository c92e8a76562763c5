import type { EntityManager } from 'typeorm';

/** Namespace of the (int, int) advisory locks taken by intake (the job scheduler uses 74210). */
const INTAKE_LOCK_NAMESPACE = 74_310;

/**
 * Serializes intake writes of one organization (lead dedupe and creation, routing, re-scoring,
 * reassignment) until the transaction ends: dedupe by contact, capacity counts and the
 * round-robin position are read and written under it, so concurrent requests can neither
 * double-insert a lead nor push a rep over capacity. Submission rows themselves go in before it
 * (idempotent by their unique index; see IntakeService.process). Transaction-scoped; works on
 * PostgreSQL and PGlite.
 */
export async function lockIntake(m: EntityManager, organizationId: string): Promise<void> {
  await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [INTAKE_LOCK_NAMESPACE, organizationId]);
}
