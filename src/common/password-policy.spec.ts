import { describe, expect, it } from '@jest/globals';
import { COMMON_PASSWORDS } from './common-passwords.js';
import { passwordProblems, PASSWORD_POLICY } from './password-policy.js';

describe('password policy', () => {
  it('accepts the demo and test passwords and passphrases', () => {
    for (const ok of ['demo-password-123', 'correct horse battery', 'long-enough', 'a-new-password', 'Xk9#mQ2$vL', 'мой длинный пароль']) {
      expect([ok, passwordProblems(ok)]).toEqual([ok, []]);
    }
  });

  it('rejects what issue 14 found accepted, and short, blank and long passwords', () => {
    expect(passwordProblems('12345678')).toEqual(['must be at least 10 characters']);
    expect(passwordProblems('password')).toEqual(['must be at least 10 characters']);
    expect(passwordProblems('        ')).toEqual(['must not be blank or only spaces']);
    expect(passwordProblems(' '.repeat(12))).toEqual(['must not be blank or only spaces']);
    expect(passwordProblems('\t\n '.repeat(5))).toEqual(['must not be blank or only spaces']);
    expect(passwordProblems('x'.repeat(PASSWORD_POLICY.max + 1))).toEqual([`must be at most ${PASSWORD_POLICY.max} characters`]);
    // 10 characters counted as code points, not UTF-16 units.
    expect(passwordProblems('😀'.repeat(5) + 'abcd')).toEqual(['must be at least 10 characters']);
  });

  it('rejects common passwords, also with another case, spaces around, or digits and symbols appended', () => {
    for (const bad of [
      '1234567890',
      'qwertyuiop',
      'Password123',
      'PASSWORD1234',
      ' iloveyou123 ',
      'Summer2026!',
      'Welcome2025!!',
      '!!!Football2024',
      'aaaaaaaaaaaa',
      '1212121212',
    ]) {
      expect([bad, passwordProblems(bad)]).toEqual([bad, ['is too common or too easy to guess; use a longer passphrase of a few unrelated words']]);
    }
  });

  it('rejects the email address or its local part as the password', () => {
    expect(passwordProblems('Maria.Ivanova@school.test', 'maria.ivanova@school.test')).toEqual(['must not be the email address']);
    expect(passwordProblems('maria.ivanova', 'maria.ivanova@school.test')).toEqual(['must not be the email address']);
    expect(passwordProblems('maria.ivanova2026', 'maria.ivanova@school.test')).toEqual(['must not be the email address']);
    expect(passwordProblems('maria ivanova reads books', 'maria.ivanova@school.test')).toEqual([]);
  });

  it('has a few hundred entries of at least the minimum length, lower-case and unique', () => {
    expect(COMMON_PASSWORDS.filter((p) => p.length >= PASSWORD_POLICY.min).length).toBeGreaterThanOrEqual(300);
    expect(new Set(COMMON_PASSWORDS).size).toBe(COMMON_PASSWORDS.length);
    expect(COMMON_PASSWORDS.every((p) => p === p.toLowerCase())).toBe(true);
  });
});
