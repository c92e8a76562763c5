import { randomUUID } from 'node:crypto';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DomainError, ErrorCode, HTTP_STATUS, badInput, type FieldError } from '../errors.js';
import { BOUNDS, localDateProblem, textProblem } from '../bounds.js';
import { isUuid } from '../formats.js';
import { isValidatedInService } from '../validated-in-service.js';
import { installValidationMetadataCache } from './validation-metadata-cache.js';

/** Apollo's own codes for malformed requests, all of which are the client's input problem. */
const APOLLO_INPUT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

const PUBLIC_CODES = new Set<string>(Object.values(ErrorCode));

function unwrap(error: unknown): unknown {
  let e = error as { originalError?: unknown } | undefined;
  const seen = new Set<unknown>();
  while (e && typeof e === 'object' && 'originalError' in e && e.originalError && !seen.has(e)) {
    seen.add(e);
    e = e.originalError as { originalError?: unknown };
  }
  return e;
}

/** PostgreSQL errors that reach the edge (a constraint caught the race, not the service). */
function fromDatabase(err: QueryFailedError): DomainError | null {
  const code = (err as unknown as { driverError?: { code?: string } }).driverError?.code;
  if (code === '23505') return new DomainError(ErrorCode.CONFLICT, 'This conflicts with an existing record (it already exists).');
  if (code === '23503') return new DomainError(ErrorCode.BAD_USER_INPUT, 'A referenced record does not exist.');
  if (code === '23514' || code === '22P02' || code === '22003' || code === '22007' || code === '22008') {
    return new DomainError(ErrorCode.BAD_USER_INPUT, 'A value is out of range or malformed.');
  }
  return null;
}

/** SQLSTATE classes and codes that mean "the database could not serve this now", not a bug. */
const UNAVAILABLE_SQLSTATES = new Set(['57014', '57P01', '57P02', '57P03', '53300', '25P03', '55P03']);
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /connection terminated/i,
  /query read timeout/i,
  /connection timeout/i,
  /cannot use a pool after calling end/i,
  /client has encountered a connection error/i,
];

/**
 * A statement timeout or lock timeout, a refused, lost or silent connection, a pool that had no
 * connection to give in time: the database is unavailable for now (UNAVAILABLE, HTTP 503).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let e = error as { driverError?: unknown; cause?: unknown; code?: unknown; message?: unknown } | undefined;
  while (e && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    const code = typeof e.code === 'string' ? e.code : '';
    if (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_NODE_CODES.has(code)) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.some((m) => m.test(e!.message as string))) return true;
    e = (e.driverError ?? e.cause) as typeof e;
  }
  return false;
}

const UNAVAILABLE_MESSAGE = 'The database did not answer in time; nothing was changed. Try again in a few seconds.';

/**
 * The one mapping from anything thrown to what a client sees: `extensions.code` is always one of
 * BAD_USER_INPUT, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, RATE_LIMITED, UNAVAILABLE, INTERNAL. Internal errors are
 * logged with an id the client can quote; their text (SQL, stack) never leaves the server.
 */
export function createErrorFormatter(log: Logger, exposeInternals: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrap(error);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

    let domain: DomainError | null = null;
    if (original instanceof DomainError) domain = original;
    else if (isDatabaseUnavailable(original)) domain = new DomainError(ErrorCode.UNAVAILABLE, UNAVAILABLE_MESSAGE);
    else if (original instanceof QueryFailedError) domain = fromDatabase(original);

    if (domain) {
      return { ...base, message: domain.message, extensions: { code: domain.code, ...domain.details } };
    }

    const apolloCode = formatted.extensions?.code as string | undefined;
    if (apolloCode && APOLLO_INPUT_CODES.has(apolloCode)) {
      const fields = formatted.extensions?.fields;
      return { ...base, extensions: Array.isArray(fields) ? { code: ErrorCode.BAD_USER_INPUT, fields } : { code: ErrorCode.BAD_USER_INPUT } };
    }
    if (apolloCode && PUBLIC_CODES.has(apolloCode) && apolloCode !== ErrorCode.INTERNAL) {
      return { ...base, extensions: { code: apolloCode } };
    }
    // A GraphQLError raised while coercing a value (e.g. by a scalar) without an original error.
    if (!original || (original as { name?: string }).name === 'GraphQLError') {
      if (!formatted.path) return { ...base, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }

    const errorId = randomUUID();
    log.error({ err: original ?? error, errorId, path: formatted.path }, 'unhandled error');
    return {
      message: exposeInternals ? `Internal error (${errorId}): ${formatted.message}` : `Internal error; quote ${errorId} when reporting it.`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL, errorId },
    };
  };
}

/**
 * HTTP status of a GraphQL response, from the codes the formatter gave its errors:
 * - a request that failed as a whole (no `data`: parse, validation, variable coercion, depth,
 *   cost, root-field and input-text checks, introspection without a token) whose errors all have
 *   one code answers that code's status (BAD_USER_INPUT 400, UNAUTHENTICATED 401, ...);
 * - any UNAVAILABLE error (the database did not answer in time) answers 503 with Retry-After;
 * - any RATE_LIMITED error answers 429 with Retry-After (its `retryAfterSeconds`);
 * - everything else keeps Apollo's status (200 for field errors, 500 for INTERNAL request errors).
 */
export function httpStatusPlugin(): ApolloServerPlugin {
  // One listener for every request (it keeps no state): nothing is allocated per request.
  const listener: GraphQLRequestListener<BaseContext> = {
    async willSendResponse({ response }) {
      if (response.body.kind !== 'single') return;
      const { errors, data } = response.body.singleResult;
      if (!errors?.length) return;
      const codes = errors.map((e) => e.extensions?.code);
      if (codes.includes(ErrorCode.UNAVAILABLE)) {
        response.http.status = HTTP_STATUS.UNAVAILABLE;
        response.http.headers.set('retry-after', '5');
      } else if (codes.includes(ErrorCode.RATE_LIMITED)) {
        // Normally answered by the rate-limit middleware before GraphQL runs; kept consistent here.
        const limited = errors.find((e) => e.extensions?.code === ErrorCode.RATE_LIMITED);
        response.http.status = HTTP_STATUS.RATE_LIMITED;
        response.http.headers.set('retry-after', String(limited?.extensions?.retryAfterSeconds ?? 60));
      } else if (data === undefined && codes.every((c) => c === codes[0]) && codes[0] !== ErrorCode.INTERNAL && PUBLIC_CODES.has(codes[0] as string)) {
        response.http.status = HTTP_STATUS[codes[0] as ErrorCode];
      }
    },
  };
  return { requestDidStart: async () => listener };
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    for (const message of Object.values(e.constraints ?? {})) out.push({ field, message });
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

/**
 * Bounds of GraphQL arguments that are not input types (`lead(id:)`, `dropEnrollment(reason:)`),
 * which class-validator does not see: by the naming convention of the schema, `id`, `…Id` and
 * `…Ids` arguments carry UUIDs (1 to BOUNDS.idList of them), `from`/`to` strings are local dates, `reason` must not be blank,
 * and every other string is at most BOUNDS.argument characters.
 */
export function argumentProblems(name: string, value: string | unknown[]): FieldError[] {
  if (Array.isArray(value)) {
    if (!/Ids$/.test(name)) return [];
    if (value.length === 0) return [{ field: name, message: 'must name at least one id' }];
    if (value.length > BOUNDS.idList) return [{ field: name, message: `must have at most ${BOUNDS.idList} ids` }];
    return value.flatMap((v, i) => (isUuid(v) ? [] : [{ field: `${name}.${i}`, message: 'must be an id (UUID)' }]));
  }
  if (name === 'id' || /Id$/.test(name)) return isUuid(value) ? [] : [{ field: name, message: 'must be an id (UUID)' }];
  if (name === 'from' || name === 'to') {
    const problem = localDateProblem(value);
    return problem ? [{ field: name, message: problem }] : [];
  }
  const problem = textProblem(value, BOUNDS.argument, name === 'reason' || name === 'season');
  return problem ? [{ field: name, message: problem }] : [];
}

/**
 * class-validator failures become BAD_USER_INPUT with one entry per field, named by its path
 * from the GraphQL argument (`input.email`, `input.answers.2.questionKey`).
 */
class DomainValidationPipe extends ValidationPipe {
  protected override toValidate(metadata: ArgumentMetadata): boolean {
    return !isValidatedInService(metadata.metatype) && super.toValidate(metadata);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (typeof metadata.data === 'string' && (typeof value === 'string' || Array.isArray(value))) {
      const fields = argumentProblems(metadata.data, value);
      if (fields.length) throw badInput(fields);
    }
    try {
      return await super.transform(value, metadata);
    } catch (err) {
      if (err instanceof DomainError && metadata.data && err.details.fields) {
        throw badInput(err.details.fields.map((f) => ({ field: `${metadata.data}.${f.field}`, message: f.message })));
      }
      throw err;
    }
  }
}

export function createValidationPipe(): ValidationPipe {
  installValidationMetadataCache();
  return new DomainValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: false,
    stopAtFirstError: false,
    exceptionFactory: (errors: ValidationError[]) => badInput(flatten(errors)),
  });
}
