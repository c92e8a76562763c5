import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DomainError, HTTP_STATUS as STATUS } from './errors.js';
import { isDatabaseUnavailable } from './graphql/errors.js';

/**
 * Plain HTTP endpoints (health, uploads) answer with the same codes as GraphQL:
 * `{ error: { code, message, ...details } }`. GraphQL errors are left to the GraphQL formatter.
 */
@Catch()
export class HttpErrorsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType<string>() === 'graphql') throw exception;
    const res = host.switchToHttp().getResponse();
    if (exception instanceof DomainError) {
      res.status(STATUS[exception.code]).json({ error: { code: exception.code, message: exception.message, ...exception.details } });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = status === 404 ? 'NOT_FOUND' : status === 413 || status < 500 ? 'BAD_USER_INPUT' : 'INTERNAL';
      res.status(status).json({ error: { code, message: exception.message } });
      return;
    }
    if (isDatabaseUnavailable(exception)) {
      res
        .status(STATUS.UNAVAILABLE)
        .set('Retry-After', '5')
        .json({ error: { code: 'UNAVAILABLE', message: 'The database did not answer in time. Try again in a few seconds.' } });
      return;
    }
    const status = (exception as { status?: number; type?: string }).status;
    if (status === 413 || (exception as { type?: string }).type === 'entity.too.large') {
      res.status(413).json({ error: { code: 'BAD_USER_INPUT', message: 'The request body is too large.' } });
      return;
    }
    if (status === 400) {
      res.status(400).json({ error: { code: 'BAD_USER_INPUT', message: 'The request body is malformed.' } });
      return;
    }
    res.status(500).json({ error: { code: 'INTERNAL', message: 'Internal error.' } });
  }
}
