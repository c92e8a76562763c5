/**
 * Exact decimal helpers.
 *
 * Scores are kept in integer hundredths. A JS number is read as the decimal it prints as
 * (`String(1.005)` is "1.005", even though the binary double is slightly below it), so
 * `1.005 × 1` rounds to 1.01 and `0.1 + 0.2` is exactly 0.3 — the numbers behave the way the
 * person who typed them into the survey editor expects.
 */

/** value = coef × 10^exp */
export interface Decimal {
  coef: bigint;
  exp: number;
}

const DECIMAL_RE = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i;

export const ZERO: Decimal = { coef: 0n, exp: 0 };

/** Reads a finite number as the decimal it prints as. Throws on NaN/Infinity. */
export function toDecimal(n: number): Decimal {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  const m = DECIMAL_RE.exec(String(n));
  if (!m) throw new RangeError(`cannot read ${n} as a decimal`);
  const [, sign, int, frac = '', e = '0'] = m;
  return normalize({ coef: BigInt(`${sign}${int}${frac}`), exp: Number(e) - frac.length });
}

/** Strips trailing zeros so `exp` is the true number of decimals (negated). */
function normalize(d: Decimal): Decimal {
  if (d.coef === 0n) return ZERO;
  let { coef, exp } = d;
  while (coef % 10n === 0n) {
    coef /= 10n;
    exp += 1;
  }
  return { coef, exp };
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const exp = Math.min(a.exp, b.exp);
  return normalize({
    coef: a.coef * pow10(a.exp - exp) + b.coef * pow10(b.exp - exp),
    exp,
  });
}

export function mulDecimal(a: Decimal, b: Decimal): Decimal {
  return normalize({ coef: a.coef * b.coef, exp: a.exp + b.exp });
}

export function compareDecimal(a: Decimal, b: Decimal): number {
  const exp = Math.min(a.exp, b.exp);
  const x = a.coef * pow10(a.exp - exp);
  const y = b.coef * pow10(b.exp - exp);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Number of decimal places the number is written with (0 for integers). */
export function decimalPlaces(n: number): number {
  return Math.max(0, -toDecimal(n).exp);
}

/** Rounds to integer hundredths, half away from zero. */
export function decimalToHundredths(d: Decimal): number {
  const shift = d.exp + 2;
  if (shift >= 0) return Number(d.coef * pow10(shift));
  const div = pow10(-shift);
  const abs = d.coef < 0n ? -d.coef : d.coef;
  let q = abs / div;
  if ((abs % div) * 2n >= div) q += 1n;
  return Number(d.coef < 0n ? -q : q);
}

/** `n` in integer hundredths, rounded half away from zero. */
export function toHundredths(n: number): number {
  return decimalToHundredths(toDecimal(n));
}

/** `a × b` rounded half away from zero to integer hundredths, computed exactly. */
export function mulToHundredths(a: number, b: number): number {
  return decimalToHundredths(mulDecimal(toDecimal(a), toDecimal(b)));
}

/** Nearest double to the decimal (e.g. 0.3 for 0.1 + 0.2). */
export function decimalToNumber(d: Decimal): number {
  if (d.coef === 0n) return 0;
  return Number(`${d.coef}e${d.exp}`);
}

/** Integer hundredths back to a number with at most 2 decimals (6999 → 69.99, never -0). */
export function fromHundredths(h: number): number {
  return h === 0 ? 0 : h / 100;
}

/** Signed display: `+10`, `-2.5`, `0`. */
export function signed(n: number): string {
  if (n === 0) return '0';
  return n > 0 ? `+${n}` : `${n}`;
}
