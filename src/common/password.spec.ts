import { describe, expect, it } from '@jest/globals';
import { dummyPasswordHash, hashPassword, useTestOnlyPasswordHashing, verifyPassword } from './password.js';

describe('password hashing', () => {
  it('hashes with argon2id at the recommended cost until a test harness asks otherwise', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery!')).toBe(false);
  });

  it('verifies hashes of either cost after switching to the test-only parameters', async () => {
    const recommended = await hashPassword('first password');
    useTestOnlyPasswordHashing();
    const cheap = await hashPassword('second password');
    expect(cheap).toMatch(/^\$argon2id\$v=19\$m=1024,p=1,t=1\$/);
    expect(await verifyPassword(recommended, 'first password')).toBe(true);
    expect(await verifyPassword(cheap, 'second password')).toBe(true);
    expect(await verifyPassword(cheap, 'first password')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
    expect(await verifyPassword(await dummyPasswordHash(), 'second password')).toBe(false);
  });
});
