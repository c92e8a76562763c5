import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { forbidden, unauthenticated } from '../common/errors.js';
import { API_KEY_SCOPES, IS_PUBLIC } from '../common/auth-decorators.js';
import { AuthService } from './auth.service.js';

interface Req {
  headers: Record<string, string | string[] | undefined>;
  ctx?: unknown;
  id?: string;
}

/**
 * Global guard: every resolver and controller needs a valid bearer token unless marked
 * @Public(); API keys (`Authorization: ApiKey <key>` or `X-Api-Key: <key>`) are accepted only
 * where @AllowApiKey names one of the key's scopes.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  /** The @Public and @AllowApiKey metadata of each handler (per class: a handler may be inherited), read once. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  private readonly rules = new WeakMap<Function, Map<Function, HandlerRules>>();

  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  private rulesOf(handler: Function, cls: Function): HandlerRules {
    let byHandler = this.rules.get(cls);
    if (!byHandler) this.rules.set(cls, (byHandler = new Map()));
    let rules = byHandler.get(handler);
    if (!rules) {
      const targets = [handler, cls];
      rules = {
        isPublic: !!this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets),
        apiKeyScopes: this.reflector.getAllAndOverride<string[] | undefined>(API_KEY_SCOPES, targets),
      };
      byHandler.set(handler, rules);
    }
    return rules;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rules = this.rulesOf(context.getHandler(), context.getClass());
    if (rules.isPublic) return true;
    // A GraphQL resolver's arguments are (root, args, context, info) (what GqlExecutionContext reads).
    const req: Req | undefined =
      context.getType<string>() === 'graphql' ? (context.getArgByIndex(2) as { req?: Req } | undefined)?.req : context.switchToHttp().getRequest();
    if (!req) throw unauthenticated();
    if (req.ctx) return checkApiKeyScope(req.ctx, rules);

    const header = first(req.headers['authorization']);
    const apiKeyHeader = first(req.headers['x-api-key']);
    if (header?.toLowerCase().startsWith('bearer ')) {
      req.ctx = await this.auth.contextFromToken(header.slice(7).trim(), req.id);
    } else if (header?.toLowerCase().startsWith('apikey ') || apiKeyHeader) {
      req.ctx = await this.auth.contextFromApiKey(apiKeyHeader ?? header!.slice(7).trim(), req.id);
    } else {
      throw unauthenticated('Authentication required: send "Authorization: Bearer <token>" from the login mutation.');
    }
    return checkApiKeyScope(req.ctx, rules);
  }
}

interface HandlerRules {
  isPublic: boolean;
  apiKeyScopes: string[] | undefined;
}

function checkApiKeyScope(ctx: unknown, rules: HandlerRules): boolean {
  const actor = (ctx as { actor: { kind: string; scopes?: string[] } }).actor;
  if (actor.kind !== 'API_KEY') return true;
  const allowed = rules.apiKeyScopes;
  if (!allowed || !allowed.some((s) => actor.scopes?.includes(s))) {
    throw forbidden(allowed ? `This API key lacks the scope ${allowed.join(' or ')}.` : 'API keys cannot call this operation; log in as a user.');
  }
  return true;
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
