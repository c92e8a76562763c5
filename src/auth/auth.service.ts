import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuditService } from '../audit/index.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { badInput, DomainError, ErrorCode, notFound, unauthenticated } from '../common/errors.js';
import { RequestContext } from '../common/request-context.js';
import { TransactionRunner } from '../database/transaction.js';
import { AccessService } from '../organization/index.js';
import { PeopleRepository, Role, type User } from '../organization/index.js';
import { PrincipalCache, type Principal } from '../organization/index.js';
import type { ApiKey } from './entities/api-key.entity.js';
import { AuthRepository } from './auth.repository.js';
import { AttemptThrottle } from './attempt-throttle.js';
import { API_KEY_SCOPE_LIST } from '../common/auth-decorators.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../common/password.js';
import { passwordProblems } from '../common/password-policy.js';

const INVALID_LOGIN = 'Email or password is incorrect.';

interface TokenClaims {
  sub: string;
  org: string;
  role: Role;
  /** The user's token version when the token was issued (absent in tokens from before versions: 0). */
  ver?: number;
  /** Expiry, seconds since the epoch (set by signAsync from expiresIn). */
  exp?: number;
}

/** Verified tokens remembered (a client sends the same token with every request). */
const VERIFIED_TOKENS = 1000;

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: AuthRepository,
    private readonly people: PeopleRepository,
    private readonly jwt: JwtService,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly principals: PrincipalCache,
    private readonly throttle: AttemptThrottle,
  ) {}

  /**
   * Claims of tokens whose signature was checked. The same string always verifies to the same
   * claims, so only the expiry is checked again on later requests; the user's state is read on
   * every request regardless (contextFromToken).
   */
  private readonly verified = new Map<string, TokenClaims>();

  private async verifyToken(token: string): Promise<TokenClaims> {
    const known = this.verified.get(token);
    if (known && known.exp !== undefined && known.exp * 1000 > Date.now()) return known;
    this.verified.delete(token);
    const claims = await this.jwt.verifyAsync<TokenClaims>(token);
    if (this.verified.size >= VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, claims);
    return claims;
  }

  /**
   * Email + password login from a client address. One generic message for every failure. Before
   * the password hash is checked, a slot is taken atomically on three counters (this email from
   * this address; this address; this email from anywhere), so parallel guesses cannot get past
   * the limits: see AttemptThrottle and docs/api.md "Login protection and sessions".
   */
  async login(emailRaw: string, password: string, client = 'unknown'): Promise<{ accessToken: string; expiresAt: Date; user: User }> {
    const email = emailRaw.trim().toLowerCase();
    const limits = this.config.auth;
    // No user has such an email (emails are at most 254 characters, PostgreSQL text holds no NUL):
    // a failure charged to the client address only, so junk emails cannot grow the counter table.
    if (email.length > 254 || email.includes('\0')) {
      const junk = await this.throttle.reserve([{ key: `client:${client}`, max: limits.loginMaxFailuresPerClient }], limits.throttleWindowSeconds);
      if (junk.over.length) {
        await this.throttle.release([`client:${client}`]);
        throw tooManyAttempts(junk.over[0].retryAfterSeconds, 'login');
      }
      throw unauthenticated(INVALID_LOGIN);
    }
    const pairKey = `login:${email}|${client}`;
    const clientKey = `client:${client}`;
    const accountKey = `account:${email}`;
    const reservation = await this.throttle.reserve(
      [
        { key: pairKey, max: limits.loginMaxFailures },
        { key: clientKey, max: limits.loginMaxFailuresPerClient },
        { key: accountKey, max: limits.loginMaxFailuresPerAccount },
      ],
      limits.throttleWindowSeconds,
    );
    // The account-wide count only stops addresses that already failed on this email, so nobody can
    // lock a user out of a login from an address that has not failed.
    const hasFailedHere = (reservation.attempts.get(pairKey) ?? 0) > 1;
    const over = reservation.over.filter((o) => o.rule.key !== accountKey || hasFailedHere);
    if (over.length) {
      await this.throttle.release([pairKey, clientKey, accountKey]);
      throw tooManyAttempts(Math.max(...over.map((o) => o.retryAfterSeconds)), 'login');
    }
    const user = await this.people.userWithSecretsByEmail(email);
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    // A failure keeps its slots: it counts until the window ends.
    if (!user || !ok || !user.active) throw unauthenticated(INVALID_LOGIN);
    // Success: this email's count from this address starts again; the address and the account
    // give back the slot this check took (a good login does not erase other failures).
    await this.throttle.settle([clientKey, accountKey], [pairKey]);
    const expiresAt = new Date(Date.now() + this.config.jwtTtlSeconds * 1000);
    const claims: TokenClaims = { sub: user.id, org: user.organizationId, role: user.role, ver: user.tokenVersion };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.config.jwtTtlSeconds });
    delete (user as Partial<User>).passwordHash;
    delete (user as Partial<User>).tokenVersion;
    return { accessToken, expiresAt, user };
  }

  /**
   * Whether a bearer token carries a valid signature and has not expired, without reading the
   * database (the rate limiter exempts such requests; the guard still checks the user's state).
   */
  async hasValidToken(token: string): Promise<boolean> {
    try {
      await this.verifyToken(token);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Whether this token's signature was checked before and it has not expired (no verification
   * here: false means "not known", not "invalid"). The rate limiter's synchronous fast path.
   */
  isKnownValidToken(token: string): boolean {
    const known = this.verified.get(token);
    return known !== undefined && known.exp !== undefined && known.exp * 1000 > Date.now();
  }

  /** Resolves a bearer token to a context; the user must still exist and be active. */
  async contextFromToken(token: string, requestId?: string): Promise<RequestContext> {
    let claims: TokenClaims;
    try {
      claims = await this.verifyToken(token);
    } catch (err) {
      const expired = (err as { name?: string }).name === 'TokenExpiredError';
      throw unauthenticated(expired ? 'Your session has expired; log in again.' : 'The access token is invalid; log in again.');
    }
    const principal = this.principals.get(claims.sub) ?? (await this.loadPrincipal(claims.sub, claims.org));
    if (!principal || principal.organizationId !== claims.org) throw unauthenticated('This account is no longer active.');
    if ((claims.ver ?? 0) !== principal.tokenVersion) {
      throw unauthenticated('This session has ended (the password, role or account status changed); log in again.');
    }
    const ctx = new RequestContext(
      principal.organizationId,
      { kind: 'USER', userId: principal.userId, role: principal.role, name: principal.name, email: principal.email },
      requestId,
    );
    ctx.timeZone = principal.timeZone;
    return ctx;
  }

  /**
   * Is the user still active, with which role, and the organization's time zone for period
   * maths: one small statement, remembered briefly (PrincipalCache) when the user is active.
   */
  private async loadPrincipal(userId: string, organizationId: string): Promise<Principal | null> {
    const stamp = this.principals.stamp();
    const user = await this.people.principal(userId, organizationId);
    if (!user || !user.active) return null;
    const principal: Principal = {
      userId: user.id,
      organizationId: user.organizationId,
      role: user.role,
      name: user.name,
      email: user.email,
      timeZone: user.timeZone,
      tokenVersion: user.tokenVersion,
    };
    this.principals.set(principal, stamp);
    return principal;
  }

  async contextFromApiKey(key: string, requestId?: string): Promise<RequestContext> {
    const hash = hashApiKey(key);
    const apiKey = await this.repo.activeApiKeyByHash(hash);
    if (!apiKey) throw unauthenticated('The API key is invalid or has been revoked.');
    // Best effort, outside any transaction; a lost update of this timestamp is harmless.
    void this.repo.touchApiKey(apiKey.id, new Date()).catch(() => undefined);
    return new RequestContext(apiKey.organizationId, { kind: 'API_KEY', apiKeyId: apiKey.id, scopes: apiKey.scopes, name: apiKey.name }, requestId);
  }

  async me(ctx: RequestContext): Promise<User> {
    if (ctx.actor.kind !== 'USER') throw unauthenticated('This needs a user session, not an API key.');
    const user = await this.people.findUser(ctx.organizationId, ctx.actor.userId);
    if (!user) throw notFound('User');
    return user;
  }

  /**
   * Changes the caller's password. Wrong current passwords are throttled per user (a stolen token
   * must not become an unlimited password oracle). Every token of the user issued before,
   * including the caller's, stops working: the client logs in again with the new password.
   */
  async changePassword(ctx: RequestContext, current: string, next: string): Promise<boolean> {
    const me = await this.me(ctx);
    const problems = passwordProblems(next, me.email);
    if (problems.length) throw badInput(problems.map((message) => ({ field: 'input.newPassword', message })));
    const key = `password:${me.id}`;
    const reservation = await this.throttle.reserve([{ key, max: this.config.auth.passwordChangeMaxFailures }], this.config.auth.throttleWindowSeconds);
    if (reservation.over.length) {
      await this.throttle.release([key]);
      throw tooManyAttempts(reservation.over[0].retryAfterSeconds, 'password');
    }
    const passwordHash = await this.people.passwordHashOf(me.id);
    if (!(await verifyPassword(passwordHash, current))) throw badInput([{ field: 'input.currentPassword', message: 'is incorrect' }]);
    await this.throttle.clear([key]);
    const hash = await hashPassword(next);
    await this.tx.run(async () => {
      await this.people.setPassword(me.id, hash);
      await this.audit.record(ctx, { entityType: 'User', entityId: me.id, action: 'PASSWORD_CHANGED' });
    });
    // Every earlier token (this one too) is refused from the next request on; open subscriptions close.
    this.principals.forgetUser(me.id);
    return true;
  }

  async createApiKey(ctx: RequestContext, name: string, scopes: string[]): Promise<{ apiKey: ApiKey; secret: string }> {
    this.access.assertRole(ctx, Role.ADMIN);
    const unknown = scopes.filter((s) => !(API_KEY_SCOPE_LIST as readonly string[]).includes(s));
    if (unknown.length) throw badInput([{ field: 'scopes', message: `unknown scope(s) ${unknown.join(', ')}; known: ${API_KEY_SCOPE_LIST.join(', ')}` }]);
    if (scopes.length === 0) throw badInput([{ field: 'scopes', message: 'must name at least one scope' }]);
    const secret = `sk_${randomBytes(32).toString('base64url')}`;
    const apiKey = await this.tx.run(async () => {
      const saved = await this.repo.createApiKey({
        organizationId: ctx.organizationId,
        name: name.trim(),
        prefix: secret.slice(0, 10),
        secretHash: hashApiKey(secret),
        scopes: [...new Set(scopes)],
        createdById: ctx.userId,
      });
      await this.audit.record(ctx, { entityType: 'ApiKey', entityId: saved.id, action: 'CREATED', diff: { name: saved.name, scopes: saved.scopes } });
      return saved;
    });
    return { apiKey, secret };
  }

  async revokeApiKey(ctx: RequestContext, id: string): Promise<ApiKey> {
    this.access.assertRole(ctx, Role.ADMIN);
    return this.tx.run(async () => {
      const key = await this.repo.findApiKey(ctx.organizationId, id);
      if (!key) throw notFound('API key', id);
      if (!key.revokedAt) {
        key.revokedAt = new Date();
        await this.repo.saveApiKey(key);
        await this.audit.record(ctx, { entityType: 'ApiKey', entityId: id, action: 'REVOKED' });
      }
      return key;
    });
  }

  async listApiKeys(ctx: RequestContext): Promise<ApiKey[]> {
    this.access.assertRole(ctx, Role.ADMIN);
    return this.repo.apiKeys(ctx.organizationId);
  }
}

/** UNAUTHENTICATED with the wait in `retryAfterSeconds` (no password was checked). */
function tooManyAttempts(seconds: number, what: 'login' | 'password'): DomainError {
  const minutes = Math.ceil(seconds / 60);
  const text = what === 'login' ? 'Too many failed login attempts.' : 'Too many wrong current passwords.';
  return new DomainError(ErrorCode.UNAUTHENTICATED, `${text} Try again in ${minutes} minute(s).`, { retryAfterSeconds: seconds });
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
