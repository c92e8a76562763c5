/** Input checks shared by the statistics functions. They throw RangeError on invalid input. */

export function assertCount(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer (got ${value})`);
  }
}

export function assertConversions(conversions: number, exposures: number, label = ''): void {
  const prefix = label ? `${label}: ` : '';
  assertCount(conversions, `${prefix}conversions`);
  assertCount(exposures, `${prefix}exposures`);
  if (conversions > exposures) {
    throw new RangeError(`${prefix}conversions (${conversions}) cannot exceed exposures (${exposures})`);
  }
}

export function assertProbability(value: number, name: string, open = true): void {
  const ok = open ? value > 0 && value < 1 : value >= 0 && value <= 1;
  if (!ok || Number.isNaN(value)) {
    throw new RangeError(`${name} must be in ${open ? '(0, 1)' : '[0, 1]'} (got ${value})`);
  }
}
