import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { Ctx } from '../../common/auth-decorators.js';
import { badInput, notFound } from '../../common/errors.js';
import type { RequestContext } from '../../common/request-context.js';
import { CSV_BOM, csvLine, type CsvSeparator } from './csv-format.js';
import { ExportQuery, ExportRegistry } from './export.registry.js';

const SEPARATORS: Record<string, CsvSeparator> = { comma: ',', semicolon: ';' };

/**
 * `GET /export/<name>.csv?…&sep=comma|semicolon` with the same bearer token as /graphql: streams
 * the table as CSV (UTF-8 with BOM, CRLF). The read runs — and may refuse, with the same coded JSON
 * error as GraphQL (400/401/403/404) — before any byte of the file is written. API keys are refused
 * (no export scope). See docs/api.md, "CSV export".
 */
@Controller('export')
export class ExportController {
  constructor(private readonly registry: ExportRegistry) {}

  @Get(':name')
  async export(@Ctx() ctx: RequestContext, @Param('name') name: string, @Query() query: Record<string, unknown>, @Res() res: ServerResponse): Promise<void> {
    const base = name.endsWith('.csv') ? name.slice(0, -4) : name;
    const def = this.registry.get(base);
    if (!def) throw notFound('Export', base);
    const q = new ExportQuery(query);
    const problems = q.problems([...def.params, 'sep']);
    const sepName = q.string('sep') ?? 'comma';
    const sep = SEPARATORS[sepName];
    if (!sep) problems.push({ field: 'sep', message: `must be one of ${Object.keys(SEPARATORS).join(', ')}` });
    if (problems.length) throw badInput(problems);
    const args = await def.parse(q);
    const { columns, rows } = await def.run(ctx, args);

    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${base}-${new Date().toISOString().slice(0, 10)}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    try {
      const write = async (chunk: string) => {
        if (!res.write(chunk)) await once(res, 'drain');
      };
      await write(
        CSV_BOM +
          csvLine(
            columns.map((c) => c.header),
            sep,
          ),
      );
      // Rows are written as they come, a few dozen per write.
      let buffer = '';
      let n = 0;
      for await (const row of rows as AsyncIterable<unknown>) {
        buffer += csvLine(
          columns.map((c) => c.value(row)),
          sep,
        );
        if (++n % 64 === 0) {
          await write(buffer);
          buffer = '';
        }
      }
      if (buffer) await write(buffer);
      res.end();
    } catch (err) {
      // Headers are out: the only honest signal left is an aborted download.
      res.destroy(err as Error);
    }
  }
}
