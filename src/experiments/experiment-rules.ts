import { createHash } from 'node:crypto';
import { ExperimentStatus } from './entities/experiment-enums.js';

/**
 * Allowed status changes. CONCLUDED is reached only through `concludeExperiment` and PUBLISHED
 * only through `publishExperiment`; PUBLISHED and ARCHIVED are final.
 */
export const STATUS_TRANSITIONS: Record<ExperimentStatus, readonly ExperimentStatus[]> = {
  [ExperimentStatus.DRAFT]: [ExperimentStatus.RUNNING, ExperimentStatus.ARCHIVED],
  [ExperimentStatus.RUNNING]: [ExperimentStatus.STOPPED, ExperimentStatus.ARCHIVED],
  [ExperimentStatus.STOPPED]: [ExperimentStatus.CONCLUDED, ExperimentStatus.ARCHIVED],
  [ExperimentStatus.CONCLUDED]: [ExperimentStatus.PUBLISHED, ExperimentStatus.ARCHIVED],
  [ExperimentStatus.PUBLISHED]: [],
  [ExperimentStatus.ARCHIVED]: [],
};

export function canChangeStatus(from: ExperimentStatus, to: ExperimentStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

/** Metrics whose outcome the product reads from its own data (TRACKED experiments). */
export const TRACKED_METRICS: Record<string, string> = {
  converted_to_paid: 'The lead reached a converted stage (CONVERTED, LEARNING, COMPLETED) after its assignment and before the experiment stopped.',
};

/** Tags: trimmed, lower-case, unique, sorted. */
export function normalizeTags(tags: readonly string[] | null | undefined): string[] {
  return [...new Set((tags ?? []).map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0))].sort();
}

/**
 * A uniform number in [0, 1) from SHA-256 of `experimentId:unitId` (first 48 bits): the same
 * unit always lands in the same variant, and different experiments split independently.
 */
export function allocationPoint(experimentId: string, unitId: string): number {
  const digest = createHash('sha256').update(`${experimentId}:${unitId}`).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/** The variant whose cumulative weight interval contains the allocation point (variants in their position order). */
export function allocateVariant<V extends { weight: number }>(variants: readonly V[], point: number): V {
  const total = variants.reduce((s, v) => s + v.weight, 0);
  let acc = 0;
  for (const v of variants) {
    acc += v.weight / total;
    if (point < acc) return v;
  }
  return variants[variants.length - 1];
}
