/**
 * Domain errors carry a stable code; one GraphQL error formatter maps them to
 * `extensions.code` (see graphql-errors.ts). Domain code never throws HTTP exceptions.
 */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  /** Too many requests from this API key or client address in the current window (HTTP 429, Retry-After). */
  RATE_LIMITED = 'RATE_LIMITED',
  /** The database did not answer in time or refused connections; retrying later may succeed. */
  UNAVAILABLE = 'UNAVAILABLE',
  INTERNAL = 'INTERNAL',
}

/**
 * The HTTP status of each code, used by plain HTTP endpoints and by GraphQL responses that failed
 * as a whole (see `httpStatusPlugin`). Exhaustive: a new code does not compile without a status.
 */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export interface FieldError {
  /** Dotted path of the offending input field, e.g. `input.answers.2.questionKey`. */
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { fields?: FieldError[]; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id?: string) => new DomainError(ErrorCode.NOT_FOUND, id ? `${what} ${id} was not found.` : `${what} was not found.`);

export const forbidden = (message = 'You are not allowed to do this.') => new DomainError(ErrorCode.FORBIDDEN, message);

export const conflict = (message: string, details: Record<string, unknown> = {}) => new DomainError(ErrorCode.CONFLICT, message, details);

export const unauthenticated = (message = 'Authentication required.') => new DomainError(ErrorCode.UNAUTHENTICATED, message);

/** A validation failure of one or more input fields; nothing has been written. */
export function badInput(fields: FieldError[] | string, message?: string): DomainError {
  const list = typeof fields === 'string' ? [{ field: 'input', message: fields }] : fields;
  const text =
    message ?? (list.length === 1 ? `${list[0].field}: ${list[0].message}` : `Invalid input: ${list.map((f) => `${f.field}: ${f.message}`).join('; ')}`);
  return new DomainError(ErrorCode.BAD_USER_INPUT, text, { fields: list });
}
