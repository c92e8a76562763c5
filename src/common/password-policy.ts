import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { COMMON_PASSWORDS } from './common-passwords.js';

/**
 * The password policy (NIST SP 800-63B style): long enough, not a commonly used password, not
 * the account's email; no composition rules. Applied wherever a password is set: createUser,
 * changePassword, the CLI's create-admin and DEMO_PASSWORD.
 */
export const PASSWORD_POLICY = { min: 10, max: 200, minDistinct: 4 } as const;

const COMMON = new Set(COMMON_PASSWORDS);

/** Why a password is refused (empty when it is acceptable); `email` is the account's, when known. */
export function passwordProblems(password: string, email?: string | null): string[] {
  const length = [...password].length;
  if (password.trim() === '') return ['must not be blank or only spaces'];
  if (length < PASSWORD_POLICY.min) return [`must be at least ${PASSWORD_POLICY.min} characters`];
  if (length > PASSWORD_POLICY.max) return [`must be at most ${PASSWORD_POLICY.max} characters`];
  const lower = password.trim().toLowerCase();
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (COMMON.has(lower) || (core !== '' && COMMON.has(core)) || new Set(lower).size < PASSWORD_POLICY.minDistinct) {
    return ['is too common or too easy to guess; use a longer passphrase of a few unrelated words'];
  }
  if (email) {
    const mail = email.trim().toLowerCase();
    const local = mail.split('@')[0];
    if (lower === mail || lower === local || (local.length >= 4 && core === local.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''))) {
      return ['must not be the email address'];
    }
  }
  return [];
}

/**
 * class-validator decorator: the password policy, checked against the email field of the same
 * input when it has one (`emailField`).
 */
export function IsAcceptablePassword(emailField?: string, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isAcceptablePassword',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate(value: unknown, args: ValidationArguments): boolean {
          if (typeof value !== 'string') return false;
          const email = emailField ? (args.object as Record<string, unknown>)[emailField] : undefined;
          return passwordProblems(value, typeof email === 'string' ? email : null).length === 0;
        },
        defaultMessage(args: ValidationArguments): string {
          if (typeof args.value !== 'string') return 'must be a string';
          const email = emailField ? (args.object as Record<string, unknown>)[emailField] : undefined;
          return passwordProblems(args.value, typeof email === 'string' ? email : null)[0] ?? 'is not acceptable';
        },
      },
    });
  };
}
