import type { IncomingMessage } from 'node:http';
import { Controller, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { Ctx } from '../common/auth-decorators.js';
import { badInput } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { isUuid } from '../common/formats.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { parseDelimiter } from './csv.js';
import { ImportService } from './import.service.js';

/** The import's path: the global text body parser leaves its body alone (src/bootstrap.ts). */
export const STREAMED_BODY_PATH = '/intake/import';

/** The content types of a CSV body. */
export const isCsvContentType = (contentType: string | undefined) =>
  ['text/csv', 'text/plain'].includes((contentType ?? '').split(';')[0].trim().toLowerCase());

/**
 * `POST /intake/import?surveyId=<id>[&dryRun=true][&delimiter=comma|semicolon]` with the CSV as the
 * body (`Content-Type: text/csv` or `text/plain`, up to MAX_IMPORT_BYTES) and a bearer token (ADMIN,
 * MANAGER). The body is read as a stream (never held in memory whole). Answers 200 with the import
 * report (bad rows listed with their line numbers).
 */
@Controller('intake')
export class ImportController {
  constructor(
    private readonly imports: ImportService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('import')
  @HttpCode(200)
  async import(
    @Ctx() ctx: RequestContext,
    @Query('surveyId') surveyId: string | undefined,
    @Query('dryRun') dryRun: string | undefined,
    @Query('delimiter') delimiterParam: string | undefined,
    @Req() req: IncomingMessage,
  ) {
    if (!isUuid(surveyId)) throw badInput([{ field: 'surveyId', message: 'must be the id of a survey (query parameter)' }]);
    const delimiter = delimiterParam === undefined ? null : parseDelimiter(delimiterParam);
    if (delimiterParam !== undefined && !delimiter)
      throw badInput([{ field: 'delimiter', message: "must be 'comma' (,) or 'semicolon' (;); leave it out to detect it from the header line" }]);
    if (!isCsvContentType(req.headers['content-type']))
      throw badInput([{ field: 'body', message: 'send the CSV as the request body with Content-Type: text/csv' }]);
    return this.imports.importCsv(ctx, surveyId, limited(req, this.config.limits.importBytes), { dryRun: dryRun === 'true' || dryRun === '1', delimiter });
  }
}

/**
 * The request's chunks, refused with HTTP 413 past `limit` bytes. The request is not destroyed
 * when reading stops early (the answer still has to go out on its connection): the rest of the
 * body is read and dropped.
 */
async function* limited(req: IncomingMessage, limit: number): AsyncGenerator<Buffer> {
  let bytes = 0;
  let done = false;
  try {
    for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > limit) throw Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large' });
      yield chunk;
    }
    done = true;
  } finally {
    if (!done && !req.readableEnded) req.resume();
  }
}
