import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { RequestContext } from './request-context.js';

export const IS_PUBLIC = 'auth:public';
export const API_KEY_SCOPES = 'auth:apiKeyScopes';

/** No authentication needed (login, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * Also callable with an API key that has one of these scopes (forms, payment systems, the LMS).
 * Without this decorator, API keys are refused.
 */
export const AllowApiKey = (...scopes: string[]) => SetMetadata(API_KEY_SCOPES, scopes);

/** The caller's RequestContext, set by the auth guard. */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext => {
  // A GraphQL resolver's arguments are (root, args, context, info): the context's req, as GqlExecutionContext reads it.
  const req =
    context.getType<string>() === 'graphql'
      ? (context.getArgByIndex(2) as { req: { ctx?: unknown } }).req
      : context.switchToHttp().getRequest<{ ctx?: unknown }>();
  return req.ctx as RequestContext;
});

/** API key scopes known to the product; creating a key with another scope is rejected. */
export const API_KEY_SCOPE_LIST = ['intake:submit', 'commerce:write', 'lms:write', 'feedback:write'] as const;
