import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { Ctx } from '../auth/decorators.js';
import { badInput } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { isUuid } from '../common/formats.js';
import { ImportService } from './import.service.js';

/**
 * `POST /intake/import?surveyId=<id>[&dryRun=true]` with the CSV as the body
 * (`Content-Type: text/csv`, up to MAX_BODY_BYTES) and a bearer token (ADMIN, MANAGER).
 * Answers 200 with the import report (bad rows listed with their line numbers).
 */
@Controller('intake')
export class ImportController {
  constructor(private readonly imports: ImportService) {}

  @Post('import')
  @HttpCode(200)
  async import(
    @Ctx() ctx: RequestContext,
    @Query('surveyId') surveyId: string | undefined,
    @Query('dryRun') dryRun: string | undefined,
    @Body() body: unknown,
  ) {
    if (!isUuid(surveyId)) throw badInput([{ field: 'surveyId', message: 'must be the id of a survey (query parameter)' }]);
    if (typeof body !== 'string') throw badInput([{ field: 'body', message: 'send the CSV as the request body with Content-Type: text/csv' }]);
    return this.imports.importCsv(ctx, surveyId, body, { dryRun: dryRun === 'true' || dryRun === '1' });
  }
}
