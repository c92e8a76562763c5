import type { CombinedError } from 'urql';

/** The codes the API puts in `extensions.code` (src/common/errors.ts). */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'RATE_LIMITED' | 'UNAVAILABLE' | 'INTERNAL';

export interface FieldError {
  /** Dotted path of the input field, e.g. `input.note` or `reason`. */
  field: string;
  message: string;
}

/** The first GraphQL error code of a result, 'NETWORK' when the server was not reached. */
export function errorCode(error: CombinedError | undefined | null): ErrorCode | 'NETWORK' | null {
  if (!error) return null;
  if (error.networkError && error.graphQLErrors.length === 0) return 'NETWORK';
  const code = error.graphQLErrors.find((e) => typeof e.extensions?.code === 'string')?.extensions?.code;
  return (code as ErrorCode | undefined) ?? 'INTERNAL';
}

/** Every field error of BAD_USER_INPUT results (`extensions.fields`). */
export function fieldErrors(error: CombinedError | undefined | null): FieldError[] {
  if (!error) return [];
  const out: FieldError[] = [];
  for (const e of error.graphQLErrors) {
    const fields = e.extensions?.fields;
    if (e.extensions?.code === 'BAD_USER_INPUT' && Array.isArray(fields)) {
      for (const f of fields as FieldError[]) if (f && typeof f.field === 'string') out.push(f);
    }
  }
  return out;
}

/**
 * The message for one form field: a field error whose path is the name or ends with `.name`
 * (`input.note` matches `note`). Used as Mantine's `error` prop.
 */
export function errorFor(error: CombinedError | undefined | null, name: string): string | undefined {
  return fieldErrors(error).find((f) => f.field === name || f.field.endsWith(`.${name}`))?.message;
}

/** The messages of a failed request that are not shown on one of `shownOn` fields. */
export function formMessage(error: CombinedError | undefined | null, shownOn: string[] = []): string | undefined {
  if (!error) return undefined;
  const fields = fieldErrors(error);
  const unshown = fields.filter((f) => !shownOn.some((n) => f.field === n || f.field.endsWith(`.${n}`)));
  if (fields.length > 0 && unshown.length === 0) return undefined;
  if (unshown.length > 0) return unshown.map((f) => f.message).join(' ');
  const gql = error.graphQLErrors.map((e) => e.message).filter(Boolean);
  return gql.length > 0 ? gql.join(' ') : undefined;
}
