import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DomainError } from '../../src/common/errors.js';
import { RequestContext } from '../../src/common/request-context.js';
import { ImportService } from '../../src/intake/import.service.js';
import { SurveysService } from '../../src/intake/surveys.service.js';
import type { CreateSurveyInput } from '../../src/intake/dto/intake.inputs.js';
import { buildOrg, type FixtureOrg } from '../support/fixtures.js';
import { startTestContext, type TestContext } from '../support/harness.js';
import { SURVEY_DEFINITION } from '../support/intake.js';

/**
 * The CSV import (docs/intake.md) called as a service: files streamed in chunks, several batches
 * of 500 rows, a semicolon file with a BOM, line numbers across batches, dry runs, and a
 * malformed file importing nothing.
 */
describe('medium: CSV import service', () => {
  let t: TestContext;
  let org: FixtureOrg;
  let ctx: RequestContext;
  let imports: ImportService;

  const survey = async (name: string) =>
    (await t.app.get(SurveysService).createSurvey(ctx, { name, kind: 'INTAKE', definition: SURVEY_DEFINITION } as unknown as CreateSurveyInput)).id;
  const publish = async (name: string) => {
    const id = await survey(name);
    await t.app.get(SurveysService).publish(ctx, id);
    return id;
  };
  const submissions = async (surveyId: string) =>
    (await t.db.dataSource.query('SELECT count(*)::int AS n FROM intake_submission WHERE survey_id = $1', [surveyId]))[0].n as number;
  /** The text as a stream of `size`-byte chunks, like a request body. */
  async function* stream(text: string, size = 4096) {
    const bytes = Buffer.from(text, 'utf8');
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }

  /**
   * 1,050 rows (three batches), semicolon-separated with a BOM and CRLF: row k is line k + 1
   * except after row 600, whose note spans three lines; rows 2, 501 and 1,000 have a bad source.
   */
  const ROWS = 1050;
  const BAD_ROWS = [2, 501, 1000];
  const bigFile = () => {
    const lines = ['\ufeffName;Email;Source;goal;hours;note'];
    for (let k = 1; k <= ROWS; k++) {
      const note = k === 600 ? '"call; after\r\n19:00\r\nonly"' : `note ${k}`;
      lines.push(`Lead ${k};lead${k}@imp.test;${BAD_ROWS.includes(k) ? 'tv' : 'ad'};${k % 2 ? 'career' : 'curious'};${k % 12};${note}`);
    }
    return lines.join('\r\n') + '\r\n';
  };
  const lineOf = (k: number) => (k <= 600 ? k + 1 : k + 3);

  beforeAll(async () => {
    t = await startTestContext();
    org = await buildOrg(t.app, 'medimport');
    ctx = RequestContext.system(org.organizationId);
    imports = t.app.get(ImportService);
  }, 300_000);
  afterAll(async () => t?.close());

  it('dry-runs, then imports a streamed semicolon file in batches, with the bad rows by line across batches', async () => {
    const id = await publish('Big');
    const dry = await imports.importCsv(ctx, id, stream(bigFile()), { dryRun: true });
    const expectedErrors = BAD_ROWS.map((k) => ({ line: lineOf(k), reason: expect.stringContaining("source: 'tv'") }));
    expect(dry).toEqual({ rows: ROWS, imported: 0, duplicates: 0, leadsCreated: 0, leadsUpdated: 0, assigned: 0, errors: expectedErrors });
    expect(await submissions(id)).toBe(0);

    const done = await imports.importCsv(ctx, id, stream(bigFile(), 1000));
    expect(done).toMatchObject({ rows: ROWS, imported: ROWS - 3, duplicates: 0, leadsCreated: ROWS - 3, errors: expectedErrors });
    expect(await submissions(id)).toBe(ROWS - 3);
    const [row600] = await t.db.dataSource.query(
      `SELECT l.name, s.answers FROM lead l JOIN intake_submission s ON s.lead_id = l.id WHERE s.survey_id = $1 AND l.email = 'lead600@imp.test'`,
      [id],
    );
    expect(row600.name).toBe('Lead 600');
    expect(row600.answers.find((a: { questionKey: string }) => a.questionKey === 'note').value).toBe('call; after\r\n19:00\r\nonly');

    // The same file again (from a string this time) adds nothing.
    const again = await imports.importCsv(ctx, id, bigFile());
    expect(again).toMatchObject({ rows: ROWS, imported: 0, duplicates: ROWS - 3, leadsCreated: 0, errors: expectedErrors });
    expect(await submissions(id)).toBe(ROWS - 3);
  }, 300_000);

  it('imports nothing from a file with a syntax error after its first batch, and says where', async () => {
    const id = await publish('Broken');
    const text = `${bigFile()}Last;last@imp.test;ad;career;3;"never closed\r\n`;
    const report = await imports.importCsv(ctx, id, stream(text));
    expect(report).toEqual({
      rows: 0,
      imported: 0,
      duplicates: 0,
      leadsCreated: 0,
      leadsUpdated: 0,
      assigned: 0,
      errors: [{ line: lineOf(ROWS) + 1, reason: 'a quoted field is never closed' }],
    });
    expect(await submissions(id)).toBe(0);
    // A dry run says the same.
    expect(await imports.importCsv(ctx, id, stream(text), { dryRun: true })).toEqual(report);
  }, 120_000);

  it('reads a comma file given the separator, refuses a header without a name column (rows still counted) and an empty body', async () => {
    const id = await publish('Small');
    const comma = 'name,email,goal,hours\r\n"Smith; John",john@imp.test,career,12\r\n';
    expect(await imports.importCsv(ctx, id, comma, { delimiter: ',' })).toMatchObject({ rows: 1, imported: 1, errors: [] });
    // Forced to semicolons, the header is one unknown column.
    const forced = await imports.importCsv(ctx, id, stream('name,email,goal,hours\r\nJane,jane@imp.test,career,12\r\n'), { delimiter: ';', dryRun: true });
    expect(forced).toMatchObject({ rows: 1, imported: 0, errors: [{ line: 1, reason: 'the header has no name column' }] });
    const unknown = await imports.importCsv(ctx, id, stream('name;shoe_size\nA;42\nB;43\n'));
    expect(unknown).toMatchObject({ rows: 2, imported: 0, errors: [{ line: 1, reason: expect.stringContaining("unknown column 'shoe_size'") }] });
    for (const empty of ['', '\r\n\r\n']) {
      const err = await imports.importCsv(ctx, id, stream(empty)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DomainError);
      expect(err).toMatchObject({ code: 'BAD_USER_INPUT' });
    }
    expect(await submissions(id)).toBe(1);
  });
});
