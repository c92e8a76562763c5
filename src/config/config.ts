import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { passwordProblems } from '../common/password-policy.js';

/** Thrown at boot when the environment is invalid; the message names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Invalid configuration: ${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

export type NodeEnv = 'development' | 'production' | 'test';
/** Who may query the schema (`__schema`, `__type`). */
export type IntrospectionMode = 'authenticated' | 'on' | 'off';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface DatabaseConfig {
  /** A real PostgreSQL server; when null an embedded PGlite is used. */
  url: string | null;
  /**
   * DATABASE_READ_URL: a streaming replica of `url` for the heavy reads (boards, metric values, unit
   * economics, reports) made through `ReadDb`; null = everything on `url` (docs/deploy.md).
   */
  readUrl?: string | null;
  /** Where the embedded PGlite keeps its files; 'memory://' keeps them in memory. */
  embeddedDir: string;
  /**
   * A data directory tarball (PGlite `dumpDataDir`) the in-memory PGlite starts from instead of an
   * empty cluster: the test harness migrates once per run and starts every app from the dump.
   */
  embeddedSeed?: string | null;
  /** Timeouts in milliseconds (0 = none); see docs/api.md "Database timeouts". */
  timeouts?: DatabaseTimeouts;
  /**
   * DB_JIT: PostgreSQL's JIT compilation in the API's own sessions (server only; default off). The
   * API's statements are short: JIT compiled the plans of 20,000-rep boards for seconds (docs/api.md).
   */
  jit?: boolean;
}

export interface DatabaseTimeouts {
  /** Opening a connection, or waiting for a free one of the pool. */
  connectMs: number;
  /** One statement (server-side statement_timeout; the client gives up 1 s later if the server is silent). */
  statementMs: number;
  /** A transaction left idle by its session (idle_in_transaction_session_timeout). */
  idleInTransactionMs: number;
  /** An unused pooled connection is closed after this long. */
  idleMs: number;
}

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseConfig;
  jwtSecret: string;
  jwtTtlSeconds: number;
  logLevel: LogLevel;
  demoPassword: string | null;
  /** true / false when set explicitly; null = seed when the database is empty and embedded. */
  seedDemo: boolean | null;
  /** Run the scheduled jobs (missed SOP steps, period closing) inside the API process. */
  runJobsInProcess: boolean;
  redisUrl: string | null;
  auth: AuthLimits;
  /** Request-rate limits of API keys and anonymous callers (see docs/api.md "Rate limits"). */
  rateLimit: RateLimitConfig;
  /** INTROSPECTION: `authenticated` (default in production), `on` (default otherwise) or `off`. */
  introspection: IntrospectionMode;
  /** GRAPHQL_JIT (default true): run query operations through compiled graphql-jit code; false = graphql-js for everything. */
  graphqlJit: boolean;
  limits: {
    bodyBytes: number;
    /** MAX_IMPORT_BYTES: the CSV lead import's body (`POST /intake/import`, read as a stream). */
    importBytes: number;
    queryDepth: number;
    queryComplexity: number;
    /** Fields an operation may select at its root, aliases included. */
    rootFields: number;
  };
}

/** Login and password throttling, sessions (see docs/api.md "Login protection and sessions"). */
export interface AuthLimits {
  /** Failed logins for one email from one client address within the window before that pair is refused. */
  loginMaxFailures: number;
  /** Failed logins from one client address (any emails) within the window before that address is refused. */
  loginMaxFailuresPerClient: number;
  /**
   * Failed logins for one email from all addresses within the window after which every address that
   * has already failed on it is refused (an address that has not failed still gets its tries).
   */
  loginMaxFailuresPerAccount: number;
  /** Wrong current passwords in changePassword per user within the window. */
  passwordChangeMaxFailures: number;
  /** Length of the throttling window, seconds; a refused caller waits until the window ends. */
  throttleWindowSeconds: number;
  /**
   * Express "trust proxy": false (default, the client address is the socket's), true (trust every
   * X-Forwarded-For hop), a number of hops, or a list of trusted proxy addresses/subnets.
   */
  trustProxy: boolean | number | string;
  /** How often open subscriptions re-check their user's session (other replicas' changes). */
  sessionRecheckSeconds: number;
}

/**
 * Request-rate limits (fixed window): API keys per key, anonymous requests per client address.
 * Requests with a valid bearer token are not counted. 0 turns a limit off.
 */
export interface RateLimitConfig {
  /** RATE_LIMIT_API_KEY_PER_MINUTE: requests per minute per API key (scaled to the window). */
  apiKeyPerMinute: number;
  /** RATE_LIMIT_ANONYMOUS_PER_MINUTE: requests per minute per client address without credentials. */
  anonymousPerMinute: number;
  /** RATE_LIMIT_WINDOW_SECONDS: length of the counting window. */
  windowSeconds: number;
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function str(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

function bool(env: Env, name: string): boolean | null {
  const raw = str(env, name);
  if (raw === undefined) return null;
  const v = raw.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function databaseUrl(env: Env, name = 'DATABASE_URL'): string | null {
  const raw = str(env, name);
  if (raw === undefined) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL (expected postgres://user:password@host:5432/database)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(name, `must start with postgres:// or postgresql://, got "${url.protocol}//"`);
  }
  return raw;
}

/**
 * TRUST_PROXY: unset/false = use the socket address; true = trust X-Forwarded-For from anyone (only
 * behind a proxy that always sets it); a whole number = that many proxy hops; otherwise a
 * comma-separated list of proxy addresses, subnets or Express names (loopback, linklocal, uniquelocal).
 */
function trustProxy(env: Env): boolean | number | string {
  const raw = str(env, 'TRUST_PROXY');
  if (raw === undefined) return false;
  const flag = raw.toLowerCase();
  if (['0', 'false', 'no', 'off'].includes(flag)) return false;
  if (['true', 'yes', 'on'].includes(flag)) return true;
  if (/^\d+$/.test(raw)) return int(env, 'TRUST_PROXY', 0, 1, 20);
  if (!/^[A-Za-z0-9.:/,\s]+$/.test(raw)) throw new ConfigError('TRUST_PROXY', `must be true, false, a hop count or a list of addresses/subnets, got "${raw}"`);
  return raw;
}

export function databaseTimeouts(env: Env = {}): DatabaseTimeouts {
  return {
    connectMs: int(env, 'DB_CONNECT_TIMEOUT_MS', 5_000, 0, 600_000),
    statementMs: int(env, 'DB_STATEMENT_TIMEOUT_MS', 15_000, 0, 24 * 3600_000),
    idleInTransactionMs: int(env, 'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', 30_000, 0, 24 * 3600_000),
    idleMs: int(env, 'DB_IDLE_TIMEOUT_MS', 30_000, 0, 24 * 3600_000),
  };
}

/** Reads the JWT secret kept in the data dir, creating it once. */
function persistentSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/**
 * The one place that reads the environment. Validates every variable and fails fast with a
 * message naming the bad one. `overrides` lets tests and tools adjust the result.
 */
export function loadConfig(env: Env = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  const nodeEnvRaw = (str(env, 'NODE_ENV') ?? 'development').toLowerCase();
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    throw new ConfigError('NODE_ENV', `must be development, production or test, got "${nodeEnvRaw}"`);
  }
  const nodeEnv = nodeEnvRaw as NodeEnv;

  const logLevelRaw = (str(env, 'LOG_LEVEL') ?? (nodeEnv === 'test' ? 'silent' : 'info')).toLowerCase();
  if (!LOG_LEVELS.includes(logLevelRaw as LogLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${logLevelRaw}"`);
  }

  const dataDirRaw = str(env, 'DATA_DIR') ?? './data';
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(process.cwd(), dataDirRaw);

  const host = str(env, 'HOST') ?? '0.0.0.0';
  if (!/^[A-Za-z0-9.:\-[\]]+$/.test(host)) throw new ConfigError('HOST', `is not a valid host name or address: "${host}"`);

  const url = databaseUrl(env);
  const readUrl = databaseUrl(env, 'DATABASE_READ_URL');
  if (readUrl !== null && url === null) {
    throw new ConfigError('DATABASE_READ_URL', 'needs DATABASE_URL (the primary): the embedded database has no replicas');
  }

  let jwtSecret = str(env, 'JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET', 'must be at least 32 characters long');
  }
  if (jwtSecret === undefined) {
    if (nodeEnv === 'production') {
      throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production (at least 32 random characters)');
    }
    jwtSecret = overrides.jwtSecret ?? persistentSecret(dataDir);
  }

  const demoPassword = str(env, 'DEMO_PASSWORD') ?? null;
  const demoProblem = demoPassword === null ? undefined : passwordProblems(demoPassword)[0];
  if (demoProblem) throw new ConfigError('DEMO_PASSWORD', demoProblem);

  const redisUrl = str(env, 'REDIS_URL') ?? null;
  if (redisUrl !== null && !/^rediss?:\/\//.test(redisUrl)) {
    throw new ConfigError('REDIS_URL', 'must start with redis:// or rediss://');
  }

  const introspectionRaw = (str(env, 'INTROSPECTION') ?? (nodeEnv === 'production' ? 'authenticated' : 'on')).toLowerCase();
  if (!['authenticated', 'on', 'off'].includes(introspectionRaw)) {
    throw new ConfigError('INTROSPECTION', `must be authenticated, on or off, got "${introspectionRaw}"`);
  }

  const config: AppConfig = {
    nodeEnv,
    port: int(env, 'PORT', 3000, 0, 65535),
    host,
    dataDir,
    database: { url, readUrl, embeddedDir: join(dataDir, 'pglite'), timeouts: databaseTimeouts(env), jit: bool(env, 'DB_JIT') ?? false },
    jwtSecret,
    jwtTtlSeconds: int(env, 'JWT_TTL_SECONDS', 8 * 3600, 60, 30 * 24 * 3600),
    logLevel: logLevelRaw as LogLevel,
    demoPassword,
    seedDemo: bool(env, 'SEED_DEMO'),
    runJobsInProcess: bool(env, 'RUN_JOBS') ?? true,
    redisUrl,
    auth: {
      loginMaxFailures: int(env, 'LOGIN_MAX_FAILURES', 5, 1, 1000),
      loginMaxFailuresPerClient: int(env, 'LOGIN_MAX_FAILURES_PER_CLIENT', 10, 1, 100_000),
      loginMaxFailuresPerAccount: int(env, 'LOGIN_MAX_FAILURES_PER_ACCOUNT', 20, 1, 100_000),
      passwordChangeMaxFailures: int(env, 'PASSWORD_CHANGE_MAX_FAILURES', 5, 1, 1000),
      throttleWindowSeconds: int(env, 'LOGIN_THROTTLE_WINDOW_SECONDS', 15 * 60, 1, 24 * 3600),
      trustProxy: trustProxy(env),
      sessionRecheckSeconds: int(env, 'SESSION_RECHECK_SECONDS', 5, 1, 3600),
    },
    rateLimit: {
      apiKeyPerMinute: int(env, 'RATE_LIMIT_API_KEY_PER_MINUTE', 600, 0, 100_000_000),
      anonymousPerMinute: int(env, 'RATE_LIMIT_ANONYMOUS_PER_MINUTE', 120, 0, 100_000_000),
      windowSeconds: int(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 3600),
    },
    introspection: introspectionRaw as IntrospectionMode,
    graphqlJit: bool(env, 'GRAPHQL_JIT') ?? true,
    limits: {
      bodyBytes: int(env, 'MAX_BODY_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
      importBytes: int(env, 'MAX_IMPORT_BYTES', 256 * 1024 * 1024, 1024, 16 * 1024 * 1024 * 1024),
      queryDepth: int(env, 'MAX_QUERY_DEPTH', 10, 2, 50),
      queryComplexity: int(env, 'MAX_QUERY_COMPLEXITY', 5000, 10, 1_000_000),
      rootFields: int(env, 'MAX_ROOT_FIELDS', 20, 1, 1000),
    },
  };
  return { ...config, ...overrides };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
