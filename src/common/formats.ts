/** Any UUID PostgreSQL accepts (checked before ids reach a uuid or uuid[] parameter). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID_PATTERN.test(v);

/** A local calendar date as inputs carry it (whether the day exists is checked where it is resolved). */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export const DATE_MESSAGE = 'must be a date YYYY-MM-DD';
