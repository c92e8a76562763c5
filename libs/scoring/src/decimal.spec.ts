import { describe, expect, it } from '@jest/globals';
import { addDecimal, decimalPlaces, decimalToNumber, fromHundredths, mulToHundredths, signed, toDecimal, toHundredths } from './decimal.js';

describe('decimal helpers', () => {
  it('reads numbers as the decimals they print as, including exponent notation', () => {
    expect(toDecimal(1.005)).toEqual({ coef: 1005n, exp: -3 });
    expect(toDecimal(-2500)).toEqual({ coef: -25n, exp: 2 });
    expect(toDecimal(1e-7)).toEqual({ coef: 1n, exp: -7 });
    expect(toDecimal(0)).toEqual({ coef: 0n, exp: 0 });
    expect(() => toDecimal(Number.NaN)).toThrow('not a finite number');
  });

  it('adds exactly', () => {
    expect(decimalToNumber(addDecimal(toDecimal(0.1), toDecimal(0.2)))).toBe(0.3);
  });

  it('multiplies exactly and rounds half away from zero to hundredths', () => {
    expect(mulToHundredths(1.5, 0.333)).toBe(50); // 0.4995
    expect(mulToHundredths(-1.5, 0.333)).toBe(-50);
    expect(mulToHundredths(1.005, 1)).toBe(101);
    expect(mulToHundredths(0.0049, 1)).toBe(0);
    expect(mulToHundredths(-0.0049, 1)).toBe(0);
    expect(mulToHundredths(12, 1.5)).toBe(1800);
    expect(toHundredths(-0.125)).toBe(-13);
  });

  it('converts hundredths back without float noise or negative zero', () => {
    expect(fromHundredths(6999)).toBe(69.99);
    expect(fromHundredths(-1)).toBe(-0.01);
    expect(Object.is(fromHundredths(0), 0)).toBe(true);
  });

  it('counts decimals and formats signs', () => {
    expect([decimalPlaces(70), decimalPlaces(69.99), decimalPlaces(0.125), decimalPlaces(1.5e-7)]).toEqual([0, 2, 3, 8]);
    expect([signed(10), signed(-2.5), signed(0)]).toEqual(['+10', '-2.5', '0']);
  });
});
