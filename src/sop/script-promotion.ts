import type { ScriptVariantData } from './entities/playbook.entity.js';

/** The name of the default (persona-less) script variant in promotion requests and results. */
export const DEFAULT_VARIANT = 'default';

export interface PromotedVariant {
  /** `default` or a persona key. */
  variant: string;
  /** CHANGED: had another text; ADDED: the step had no such variant; SAME: already had this text. */
  change: 'CHANGED' | 'ADDED' | 'SAME';
  before: string | null;
  after: string;
}

/**
 * Puts `text` into the targeted variants of a step (null = the default): existing ones are
 * replaced, missing ones added (default first, then personas in their order, new personas after).
 * Variants not targeted keep their text and are listed as unchanged.
 */
export function promoteIntoVariants(
  scripts: readonly ScriptVariantData[],
  text: string,
  targets: readonly (string | null)[],
): { scripts: ScriptVariantData[]; variants: PromotedVariant[]; unchangedVariants: string[] } {
  const wanted = [...new Set(targets)];
  const name = (p: string | null) => p ?? DEFAULT_VARIANT;
  const out: ScriptVariantData[] = [];
  const variants: PromotedVariant[] = [];
  const unchangedVariants: string[] = [];
  const existing = new Map(scripts.map((s) => [s.persona, s.text]));
  const order: (string | null)[] = [];
  if (existing.has(null) || wanted.includes(null)) order.push(null);
  for (const s of scripts) if (s.persona !== null && !order.includes(s.persona)) order.push(s.persona);
  for (const p of wanted) if (!order.includes(p)) order.push(p);
  for (const p of order) {
    const before = existing.has(p) ? existing.get(p)! : null;
    if (wanted.includes(p)) {
      out.push({ persona: p, text });
      variants.push({ variant: name(p), change: before === null ? 'ADDED' : before === text ? 'SAME' : 'CHANGED', before, after: text });
    } else {
      out.push({ persona: p, text: before! });
      unchangedVariants.push(name(p));
    }
  }
  // Requests list the targets in their order; results follow it too.
  variants.sort((a, b) => wanted.indexOf(a.variant === DEFAULT_VARIANT ? null : a.variant) - wanted.indexOf(b.variant === DEFAULT_VARIANT ? null : b.variant));
  return { scripts: out, variants, unchangedVariants };
}
