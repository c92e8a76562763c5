/**
 * Contact normalization for lead deduplication (no external library).
 *
 * Phones become E.164 (`+` and 8–15 digits). Accepted input:
 * - international: `+86 138 0013 8000`, `+7 (903) 123-45-67`, `0086 138…` (`00` → `+`);
 * - national, with the organization's default country calling code (e.g. `86`): a single leading
 *   trunk `0` is dropped (`0151 2345 6789` with `49` → `+4915123456789`), and for `7` (Russia,
 *   Kazakhstan) a leading trunk `8` on an 11-digit number is dropped too.
 * Spaces, dots, dashes, slashes and parentheses are ignored. Known limits: no per-country length
 * or numbering-plan checks (any 8–15 digit total passes), countries whose national numbers keep
 * their leading 0 in E.164 (Italy) must be entered with `+`, and extensions are rejected.
 */
export type PhoneResult = { ok: true; e164: string } | { ok: false; message: string };

const SEPARATORS = /[\s.\-/()\u00a0]/g;

export function normalizePhone(raw: string, defaultCountryCode?: string | null): PhoneResult {
  const s = raw.trim().replace(SEPARATORS, '');
  if (s === '') return { ok: false, message: 'is empty' };
  let digits: string;
  if (s.startsWith('+')) digits = s.slice(1);
  else if (s.startsWith('00')) digits = s.slice(2);
  else {
    if (!/^\d+$/.test(s)) return { ok: false, message: `'${raw}' is not a phone number (digits, spaces, dashes and a leading + only)` };
    if (!defaultCountryCode) {
      return { ok: false, message: `'${raw}' has no country code; write it as +<country code><number> (no default country code is configured)` };
    }
    let national = s;
    if (defaultCountryCode === '7' && national.length === 11 && national.startsWith('8')) national = national.slice(1);
    else if (national.startsWith('0')) national = national.slice(1);
    digits = defaultCountryCode + national;
  }
  if (!/^\d+$/.test(digits)) return { ok: false, message: `'${raw}' is not a phone number (digits, spaces, dashes and a leading + only)` };
  if (digits.startsWith('0')) return { ok: false, message: `'${raw}': a country code never starts with 0` };
  if (digits.length < 8 || digits.length > 15)
    return { ok: false, message: `'${raw}' has ${digits.length} digits with the country code; E.164 numbers have 8 to 15` };
  return { ok: true, e164: `+${digits}` };
}

/** Country calling code: 1 to 3 digits, not starting with 0. */
export function isCountryCallingCode(code: string): boolean {
  return /^[1-9]\d{0,2}$/.test(code);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type EmailResult = { ok: true; email: string } | { ok: false; message: string };

/** Trims and lower-cases an email (the whole address: mailboxes are case-insensitive in practice). */
export function normalizeEmail(raw: string): EmailResult {
  const email = raw.trim().toLowerCase();
  if (email === '') return { ok: false, message: 'is empty' };
  if (email.length > 254 || !EMAIL.test(email)) return { ok: false, message: `'${raw}' is not an email address` };
  return { ok: true, email };
}
