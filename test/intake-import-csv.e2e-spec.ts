import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildOrg, PASSWORD, type FixtureOrg } from './support/fixtures.js';
import { startTestApp, testConfig, type TestApp } from './support/harness.js';
import { createPublishedSurvey } from './support/intake.js';

/**
 * `POST /intake/import` (docs/intake.md "CSV import") with csv-parse: a semicolon file as saved by
 * a Russian-locale spreadsheet (BOM, CRLF, quoted fields holding separators and line breaks),
 * detected or chosen with `delimiter`, dry run first, the body read as a stream up to
 * MAX_IMPORT_BYTES.
 */
const IMPORT_LIMIT = 64 * 1024;

describe('intake: CSV import over HTTP (semicolons, dry run, streamed body)', () => {
  let t: TestApp;
  let org: FixtureOrg;
  let admin: string;
  let surveyId: string;

  const post = (body: string | Buffer, query: string, contentType = 'text/csv; charset=utf-8') =>
    t.http().post(`/intake/import?surveyId=${surveyId}${query}`).set('Authorization', `Bearer ${admin}`).set('Content-Type', contentType).send(body);
  const submissions = async () =>
    (await t.db.dataSource.query('SELECT count(*)::int AS n FROM intake_submission WHERE survey_id = $1', [surveyId]))[0].n as number;

  const file = [
    '\ufeffname;phone;email;source;goal;budget;hours;formats;note',
    '"Иванов; Иван";+7 903 111 22 33;;ad;career;high;12;video|mentor;"перезвонить ""вечером""\r\nпосле 19:00"',
    'Пётр;12;;ad;career;high;12;;',
    'Ольга;;olga@x.ru;referral;astronaut;;4;;',
    'Маша;+7 903 444 55 66;MASHA@x.ru;organic;curious;low;1;;"1,5 часа"',
    '',
  ].join('\r\n');

  beforeAll(async () => {
    t = await startTestApp({ limits: { ...testConfig(null).limits, importBytes: IMPORT_LIMIT } });
    org = await buildOrg(t.app, 'csvimp');
    admin = await t.login(org.admin.email, PASSWORD);
    surveyId = await createPublishedSurvey(t, admin, undefined, 'Semicolons');
  }, 300_000);
  afterAll(async () => t?.close());

  it('dry-runs a semicolon file (detected) and writes nothing, then imports it with the same per-line report', async () => {
    const dry = await post(file, '&dryRun=true');
    expect(dry.status).toBe(200);
    const errors = [
      { line: 4, reason: expect.stringContaining('phone') },
      { line: 5, reason: expect.stringContaining("unknown option 'astronaut'") },
    ];
    expect(dry.body).toEqual({ rows: 4, imported: 0, duplicates: 0, leadsCreated: 0, leadsUpdated: 0, assigned: 0, errors });
    expect(await submissions()).toBe(0);

    const done = await post(file, '');
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ rows: 4, imported: 2, duplicates: 0, leadsCreated: 2, leadsUpdated: 0, assigned: expect.any(Number), errors });
    const [ivan] = await t.db.dataSource.query(
      `SELECT l.name, l.tier, s.answers FROM lead l JOIN intake_submission s ON s.lead_id = l.id WHERE l.phone = '+79031112233'`,
    );
    expect(ivan).toMatchObject({ name: 'Иванов; Иван', tier: 'A' });
    const answer = (key: string) => ivan.answers.find((a: { questionKey: string }) => a.questionKey === key);
    expect(answer('note').value).toBe('перезвонить "вечером"\r\nпосле 19:00');
    expect(answer('formats').optionKeys).toEqual(['video', 'mentor']);
    const [masha] = await t.db.dataSource.query(
      `SELECT s.answers FROM lead l JOIN intake_submission s ON s.lead_id = l.id WHERE l.email = 'masha@x.ru' AND s.survey_id = $1`,
      [surveyId],
    );
    expect(masha.answers.find((a: { questionKey: string }) => a.questionKey === 'note').value).toBe('1,5 часа');

    // Again, sent in small chunks: nothing new.
    const again = await t
      .http()
      .post(`/intake/import?surveyId=${surveyId}&delimiter=semicolon`)
      .set('Authorization', `Bearer ${admin}`)
      .set('Content-Type', 'text/csv')
      .send(Buffer.from(file, 'utf8'));
    expect(again.body).toMatchObject({ rows: 4, imported: 0, duplicates: 2, errors });
    expect(await submissions()).toBe(2);
  });

  it('takes the separator from the delimiter parameter; refuses an unknown one, a JSON body and a body over MAX_IMPORT_BYTES', async () => {
    // Read as commas, a semicolon header is one column without a name, and this file's quoting is wrong.
    const asComma = await post('name;email\r\nAnn;ann@x.ru\r\n', '&dryRun=true&delimiter=comma');
    expect(asComma.status).toBe(200);
    expect(asComma.body).toMatchObject({ rows: 1, errors: [{ line: 1, reason: 'the header has no name column' }] });
    expect((await post(file, '&dryRun=true&delimiter=,')).body).toMatchObject({
      rows: 0,
      errors: [{ line: 2, reason: expect.stringContaining('after a closing quote') }],
    });
    const tab = await post(file, '&delimiter=tab');
    expect(tab.status).toBe(400);
    expect(tab.body.error).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'delimiter' }] });
    const json = await t
      .http()
      .post(`/intake/import?surveyId=${surveyId}`)
      .set('Authorization', `Bearer ${admin}`)
      .set('Content-Type', 'application/json')
      .send({ csv: file });
    expect(json.status).toBe(400);
    expect(json.body.error.fields).toEqual([{ field: 'body', message: expect.stringContaining('Content-Type: text/csv') }]);

    const rows = ['name;email;goal;hours'];
    for (let i = 0; rows.join('\r\n').length <= IMPORT_LIMIT; i++) rows.push(`Big ${i};big${i}@x.ru;career;12`);
    const tooLarge = await post(rows.join('\r\n'), '');
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error).toEqual({ code: 'BAD_USER_INPUT', message: 'The request body is too large.' });
    expect(await submissions()).toBe(2);
    // The connection is still usable afterwards.
    expect((await post(file, '&dryRun=true')).status).toBe(200);
  });
});
