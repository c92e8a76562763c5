/**
 * Chooses the script variant for a lead's persona: the first variant whose persona equals `persona`, else the first
 * default variant (persona null), else null. A null `persona` selects the default variant directly.
 */
export function pickVariant<T extends { persona: string | null }>(variants: readonly T[], persona: string | null): T | null {
  if (persona !== null) {
    const exact = variants.find((v) => v.persona === persona);
    if (exact) return exact;
  }
  return variants.find((v) => v.persona === null) ?? null;
}
