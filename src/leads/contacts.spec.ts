import { describe, expect, it } from '@jest/globals';
import { isCountryCallingCode, normalizeEmail, normalizePhone } from './contacts.js';

describe('normalizePhone', () => {
  it('accepts international numbers with separators', () => {
    expect(normalizePhone('+86 138 0013 8000')).toEqual({ ok: true, e164: '+8613800138000' });
    expect(normalizePhone('+7 (903) 123-45-67')).toEqual({ ok: true, e164: '+79031234567' });
    expect(normalizePhone('0086.138.0013.8000')).toEqual({ ok: true, e164: '+8613800138000' });
    expect(normalizePhone(' +1 415/555\u00a00100 ', '86')).toEqual({ ok: true, e164: '+14155550100' });
  });

  it('applies the default country code to national numbers, dropping a trunk prefix', () => {
    expect(normalizePhone('138 0013 8000', '86')).toEqual({ ok: true, e164: '+8613800138000' });
    expect(normalizePhone('0151 2345 6789', '49')).toEqual({ ok: true, e164: '+4915123456789' });
    expect(normalizePhone('8 (903) 123-45-67', '7')).toEqual({ ok: true, e164: '+79031234567' });
    expect(normalizePhone('903 123 45 67', '7')).toEqual({ ok: true, e164: '+79031234567' });
    expect(normalizePhone('090 1234 5678', '84')).toEqual({ ok: true, e164: '+849012345678' });
  });

  it('rejects what it cannot make E.164', () => {
    expect(normalizePhone('13800138000')).toMatchObject({ ok: false, message: expect.stringContaining('no country code') });
    expect(normalizePhone('+86 138 abc')).toMatchObject({ ok: false });
    expect(normalizePhone('   ')).toEqual({ ok: false, message: 'is empty' });
    expect(normalizePhone('+1234567')).toMatchObject({ ok: false, message: expect.stringContaining('7 digits') });
    expect(normalizePhone('+1234567890123456')).toMatchObject({ ok: false, message: expect.stringContaining('16 digits') });
    expect(normalizePhone('+0123456789')).toMatchObject({ ok: false, message: expect.stringContaining('never starts with 0') });
    expect(normalizePhone('+86 138 0013 8000 ext 12')).toMatchObject({ ok: false });
    expect(normalizePhone('++8613800138000')).toMatchObject({ ok: false });
  });

  it('checks country calling codes', () => {
    expect(['1', '7', '86', '380'].map(isCountryCallingCode)).toEqual([true, true, true, true]);
    expect(['', '0', '086', '1234', '+86'].map(isCountryCallingCode)).toEqual([false, false, false, false, false]);
  });
});

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Anna.Li@Example.COM ')).toEqual({ ok: true, email: 'anna.li@example.com' });
  });
  it('rejects non-addresses', () => {
    expect(normalizeEmail('anna@')).toMatchObject({ ok: false });
    expect(normalizeEmail('anna li@example.com')).toMatchObject({ ok: false });
    expect(normalizeEmail('')).toEqual({ ok: false, message: 'is empty' });
  });
});
