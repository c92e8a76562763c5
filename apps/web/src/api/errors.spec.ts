import { describe, expect, it } from '@jest/globals';
import { CombinedError } from '@urql/core';
import { errorCode, errorFor, fieldErrors, formMessage } from './errors';

const badInput = new CombinedError({
  graphQLErrors: [
    {
      message: 'Invalid input: input.reason: must not be empty; input.items.2.note: too long',
      extensions: {
        code: 'BAD_USER_INPUT',
        fields: [
          { field: 'input.reason', message: 'must not be empty' },
          { field: 'input.items.2.note', message: 'too long' },
        ],
      },
    },
  ],
});

describe('API error helpers', () => {
  it('reads the code of a GraphQL error, and NETWORK when the server was not reached', () => {
    expect(errorCode(badInput)).toBe('BAD_USER_INPUT');
    expect(errorCode(new CombinedError({ graphQLErrors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] }))).toBe('FORBIDDEN');
    expect(errorCode(new CombinedError({ networkError: new Error('Failed to fetch') }))).toBe('NETWORK');
    expect(errorCode(new CombinedError({ graphQLErrors: [{ message: 'odd' }] }))).toBe('INTERNAL');
    expect(errorCode(undefined)).toBeNull();
  });

  it('puts each field error on the field its path names (last segment)', () => {
    expect(fieldErrors(badInput)).toHaveLength(2);
    expect(errorFor(badInput, 'reason')).toBe('must not be empty');
    expect(errorFor(badInput, 'note')).toBe('too long');
    expect(errorFor(badInput, 'input.reason')).toBe('must not be empty');
    expect(errorFor(badInput, 'son')).toBeUndefined();
    expect(errorFor(undefined, 'reason')).toBeUndefined();
  });

  it('keeps for the form message only what no field shows', () => {
    expect(formMessage(badInput, ['reason', 'note'])).toBeUndefined();
    expect(formMessage(badInput, ['reason'])).toBe('too long');
    const conflict = new CombinedError({ graphQLErrors: [{ message: 'The item is already done.', extensions: { code: 'CONFLICT' } }] });
    expect(formMessage(conflict, ['note'])).toBe('The item is already done.');
    expect(formMessage(null)).toBeUndefined();
  });
});
