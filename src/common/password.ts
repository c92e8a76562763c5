import argon2 from 'argon2';

/** argon2id with the library's recommended parameters (64 MiB, 3 passes, 4 lanes). */
const RECOMMENDED: argon2.HashOptions & { raw?: false } = { type: argon2.argon2id };
/**
 * The smallest argon2id parameters: for test suites only, which create and log in thousands of
 * users (at the recommended cost each hash and each verification is 0.1–0.3 s of CPU on 2 cores).
 */
const TEST_ONLY: argon2.HashOptions & { raw?: false } = { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 };
let options = RECOMMENDED;

/**
 * Test harnesses only (test/support/harness.ts): hash new passwords with the cheapest argon2id
 * parameters in this process. The application never calls it; verification reads the parameters
 * from each stored hash, so hashes of either cost verify alike.
 */
export function useTestOnlyPasswordHashing(): void {
  options = TEST_ONLY;
}

/** argon2id: the recommended parameters, or the test-only ones after `useTestOnlyPasswordHashing()`. */
export function hashPassword(plain: string): Promise<string> {
  return argon2.hash(plain, options);
}

export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when the email is unknown so timing does not reveal it. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-' + Math.random());
  return dummyHash;
}
