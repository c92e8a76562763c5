/**
 * Values of resolved fields that a service already computed for an object, exactly as the field's
 * resolver would return them in this request (e.g. an agenda sheet's items read their lead and
 * objection logs in the sheet's one statement). The compiled executor (jit-executor.ts) returns
 * them without calling the resolver: Nest wraps every @ResolveField call in its parameter pipes
 * and promises, which for a sheet of 200 items and two such fields per item was a fifth of the
 * request. Only set what the resolver itself would return for this caller: no access check is
 * skipped that way, since the value is the one the resolver would have produced.
 */
export const PRELOADED = Symbol.for('squadops.graphql.preloaded');

/** Attaches preloaded field values to `parent` (not enumerable: never serialized or spread). */
export function preloadFields<T extends object>(parent: T, values: Record<string, unknown>): T {
  Object.defineProperty(parent, PRELOADED, { value: values, enumerable: false, configurable: true, writable: true });
  return parent;
}

/** `resolve` returning a preloaded value of `fieldName` when the source carries one. */
export function preferPreloaded<R extends (source: unknown, ...rest: never[]) => unknown>(resolve: R, fieldName: string): R {
  const wrapped = (source: unknown, ...rest: never[]) => {
    const pre = source !== null && typeof source === 'object' ? (source as { [PRELOADED]?: Record<string, unknown> })[PRELOADED] : undefined;
    return pre !== undefined && Object.prototype.hasOwnProperty.call(pre, fieldName) ? pre[fieldName] : resolve(source, ...rest);
  };
  return wrapped as R;
}
