import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import { badInput } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { TransactionRunner } from '../database/transaction.js';
import { LeadSource, MessengerNetwork } from '../leads/index.js';
import { LeadsService } from '../leads/index.js';
import { AccessService } from '../organization/index.js';
import { Role } from '../organization/index.js';
import { CsvSyntaxError, readCsv, type CsvDelimiter, type CsvRecord } from './csv.js';
import type { Survey } from './entities/survey.entity.js';
import { IntakeService, type PreparedItem, type RawSubmission } from './intake.service.js';
import { SurveysService } from './surveys.service.js';

export interface ImportReport {
  rows: number;
  imported: number;
  duplicates: number;
  /** The lead counts are null unless the caller may read every lead the import touched (they tell whether contacts existed). */
  leadsCreated: number | null;
  leadsUpdated: number | null;
  assigned: number | null;
  errors: { line: number; reason: string }[];
}

const IMPORT_BATCH = 500;

/** Contact columns (matched case-insensitively, ignoring `_`, `-` and spaces); every other column is a question key. */
const CONTACT_COLUMNS = [
  'externalid',
  'name',
  'phone',
  'email',
  'messengernetwork',
  'messengerhandle',
  'source',
  'cohortref',
  'referredbyleadid',
  // Campaign attribution (UTM): `campaign` or `utm_campaign`, `utm_source`, `utm_medium`, `utm_content`.
  'campaign',
  'utmcampaign',
  'utmsource',
  'utmmedium',
  'utmcontent',
] as const;
type ContactColumn = (typeof CONTACT_COLUMNS)[number];
const norm = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');

/** Where the CSV comes from: its text, a file, or a stream of chunks (the HTTP request body). */
export type CsvSource = string | { path: string } | AsyncIterable<Buffer | Uint8Array | string>;

export interface ImportOptions {
  /** Validate every row and report, write nothing. */
  dryRun?: boolean;
  /** The field separator; detected from the header line when not given. */
  delimiter?: CsvDelimiter | null;
}

const emptyReport = (): ImportReport => ({ rows: 0, imported: 0, duplicates: 0, leadsCreated: 0, leadsUpdated: 0, assigned: 0, errors: [] });
const isPath = (s: CsvSource): s is { path: string } => typeof s === 'object' && 'path' in s;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Columns {
  header: CsvRecord;
  columns: { contact?: ContactColumn; question?: string }[];
  /** Question types of the survey's current version, by key. */
  types: Map<string, string>;
}

/**
 * Bulk import of leads with their answers from CSV (see docs/intake.md), read as a stream in
 * batches of 500 rows: each batch is validated (bad rows are reported with their line number)
 * and its good rows are submitted through the normal intake path in one transaction. A dry run
 * validates every batch and writes nothing. Before anything is written the whole file is read
 * once for its syntax (a stream is copied to a temporary file on the way, and read again from
 * there), so a malformed file imports nothing, as before. Each row's externalId is its
 * `external_id` column or a hash of the row, so re-importing the same file adds nothing.
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly intake: IntakeService,
    private readonly surveys: SurveysService,
    private readonly leads: LeadsService,
  ) {}

  async importCsv(ctx: RequestContext, surveyId: string, source: CsvSource, opts: ImportOptions = {}): Promise<ImportReport> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    if (typeof source === 'string' && source.trim() === '') throw emptyFile();
    let spool: string | null = null;
    try {
      let input = source;
      if (!opts.dryRun) {
        // First pass: syntax only, nothing kept in memory; a stream is written to a file meanwhile.
        if (typeof source !== 'string' && !isPath(source)) {
          spool = join(await mkdtemp(join(tmpdir(), 'squadops-import-')), 'import.csv');
          input = { path: spool };
        }
        const refused = await this.checkSyntax(spool ? copyTo(source as AsyncIterable<Buffer | Uint8Array | string>, spool) : open(source), opts);
        if (refused) return refused;
      }
      const survey = await this.surveys.findSurvey(ctx, surveyId);
      return await this.run(ctx, survey, readCsv(open(input), opts), !opts.dryRun);
    } finally {
      if (spool) await rm(dirname(spool), { recursive: true, force: true });
    }
  }

  /** The report of a file that is malformed (no row is read further), or null when it is well formed. */
  private async checkSyntax(source: string | AsyncIterable<Buffer | Uint8Array | string>, opts: ImportOptions): Promise<ImportReport | null> {
    let blank = true;
    try {
      for await (const record of readCsv(source, opts)) if (blank && !isBlank(record)) blank = false;
    } catch (err) {
      if (err instanceof CsvSyntaxError) return syntaxReport(err);
      throw err;
    }
    if (blank) throw emptyFile();
    return null;
  }

  /** Reads the header, then validates (and, with `write`, imports) the rows batch by batch. */
  private async run(ctx: RequestContext, survey: Survey, records: AsyncIterable<CsvRecord>, write: boolean): Promise<ImportReport> {
    const report = emptyReport();
    let head: Columns | null = null;
    let refusal: { line: number; reason: string } | null = null;
    let blank = true;
    let seesAll = true;
    let batch: CsvRecord[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const rows = batch;
      batch = [];
      const { good, errors } = await this.validate(ctx, survey, head!, rows);
      report.errors.push(...errors);
      if (!write || good.length === 0) return;
      const out = await this.tx.run(() => this.intake.process(ctx, good));
      report.imported += out.submitted;
      report.duplicates += out.duplicates;
      report.leadsCreated! += out.leadsCreated;
      report.leadsUpdated! += out.leadsUpdated;
      report.assigned! += out.assigned;
      if (seesAll && !(await this.access.scope(ctx)).all) {
        const ids = [...new Set(out.results.map((r) => r.leadId))];
        seesAll = (await this.leads.visibleLeadsByIds(ctx, ids)).length === ids.length;
      }
    };
    try {
      for await (const record of records) {
        if (blank && !isBlank(record)) blank = false;
        if (!head) {
          const read = await this.readHeader(ctx, survey, record);
          if (typeof read === 'string') refusal = { line: record.line, reason: read };
          head = typeof read === 'string' ? { header: record, columns: [], types: new Map() } : read;
          continue;
        }
        report.rows++;
        if (refusal) continue; // the rows are still counted
        batch.push(record);
        if (batch.length === IMPORT_BATCH) await flush();
      }
      if (!refusal) await flush();
    } catch (err) {
      if (err instanceof CsvSyntaxError) return syntaxReport(err);
      throw err;
    }
    if (blank) throw emptyFile();
    if (refusal) return { ...emptyReport(), rows: report.rows, errors: [refusal] };
    // Like submitIntakeBatch: whether contacts already existed only for who may read those leads.
    if (!seesAll) Object.assign(report, { leadsCreated: null, leadsUpdated: null, assigned: null });
    return report;
  }

  /** The columns of a header line, or why the file cannot be imported. */
  private async readHeader(ctx: RequestContext, survey: Survey, header: CsvRecord): Promise<Columns | string> {
    const columns = header.fields.map((h) => {
      const n = norm(h);
      return (CONTACT_COLUMNS as readonly string[]).includes(n) ? { contact: n as ContactColumn } : { question: h.trim() };
    });
    if (!columns.some((c) => c.contact === 'name')) return 'the header has no name column';
    const def = (await this.surveys.versionsByIds(ctx, survey.currentVersionId ? [survey.currentVersionId] : []))[0]?.definition;
    const types = new Map<string, string>((def?.questions ?? []).map((q) => [q.key, q.type]));
    const unknown = def ? columns.filter((c) => c.question !== undefined && !types.has(c.question)).map((c) => c.question!) : [];
    if (unknown.length) {
      const known = [...CONTACT_COLUMNS, ...types.keys()].join(', ');
      return `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `'${u}'`).join(', ')}; the columns are contact fields or question keys: ${known}`;
    }
    return { header, columns, types };
  }

  /** Validates a batch of rows: the good ones prepared for submission, the bad ones' errors by line. */
  private async validate(
    ctx: RequestContext,
    survey: Survey,
    head: Columns,
    rows: CsvRecord[],
  ): Promise<{ good: PreparedItem[]; errors: ImportReport['errors'] }> {
    const rowErrors = new Map<number, string[]>();
    const inputs = rows.map((row, i) => {
      const { input, errs } = rowToInput(survey, head, row);
      if (errs.length) rowErrors.set(i, errs);
      return input;
    });
    const { items, issues } = await this.tx.run(() => this.intake.prepare(ctx, inputs));
    for (const issue of issues) {
      const input = inputs[issue.index];
      const where = issue.field.startsWith('answers.')
        ? (input.answers[Number(issue.field.split('.')[1])]?.questionKey ?? 'answers')
        : issue.field.replace(/^contact\./, '');
      rowErrors.set(issue.index, [...(rowErrors.get(issue.index) ?? []), `${where}: ${issue.message}`]);
    }
    const errors = [...rowErrors.entries()].sort((a, b) => a[0] - b[0]).map(([i, errs]) => ({ line: rows[i].line, reason: errs.join('; ') }));
    return { good: items.filter((it) => !rowErrors.has(it.index)), errors };
  }
}

/** One CSV row as a submission, with the problems found in its cells (intake checks the rest). */
function rowToInput(survey: Survey, { header, columns, types }: Columns, row: CsvRecord): { input: RawSubmission; errs: string[] } {
  const errs: string[] = [];
  if (row.fields.length !== header.fields.length) errs.push(`has ${row.fields.length} fields; the header has ${header.fields.length}`);
  const contact: Partial<Record<ContactColumn, string>> = {};
  const answers: RawSubmission['answers'] = [];
  columns.forEach((c, j) => {
    const cell = (row.fields[j] ?? '').trim();
    if (c.contact) contact[c.contact] = cell;
    else if (cell !== '') answers.push(answerOf(c.question!, types.get(c.question!), cell));
  });
  const source = contact.source ? contact.source.toUpperCase().replace(/[\s-]/g, '_') : LeadSource.OTHER;
  if (!(Object.values(LeadSource) as string[]).includes(source)) errs.push(`source: '${contact.source}' is not one of ${Object.values(LeadSource).join(', ')}`);
  const network = contact.messengernetwork ? contact.messengernetwork.toUpperCase() : null;
  if (network && !(Object.values(MessengerNetwork) as string[]).includes(network)) {
    errs.push(`messenger_network: '${contact.messengernetwork}' is not one of ${Object.values(MessengerNetwork).join(', ')}`);
  }
  let referredByLeadId = contact.referredbyleadid || null;
  if (referredByLeadId && !UUID.test(referredByLeadId)) {
    errs.push(`referred_by_lead_id: '${referredByLeadId}' is not a lead id`);
    referredByLeadId = null;
  }
  const externalId =
    contact.externalid ||
    `csv:${createHash('sha256')
      .update(JSON.stringify(row.fields.map((f) => f.trim())))
      .digest('hex')
      .slice(0, 32)}`;
  const input: RawSubmission = {
    surveyId: survey.id,
    externalId,
    contact: {
      name: contact.name ?? '',
      phone: contact.phone || null,
      email: contact.email || null,
      messengerNetwork: (network as MessengerNetwork | null) ?? null,
      messengerHandle: contact.messengerhandle || null,
    },
    source: source as LeadSource,
    cohortRef: contact.cohortref || null,
    referredByLeadId,
    attribution: {
      campaign: contact.campaign || contact.utmcampaign || null,
      source: contact.utmsource || null,
      medium: contact.utmmedium || null,
      content: contact.utmcontent || null,
    },
    answers,
  };
  return { input, errs };
}

/** A non-empty cell as an answer: choice questions take option keys separated by | or ;, other questions the text. */
function answerOf(questionKey: string, type: string | undefined, cell: string): RawSubmission['answers'][number] {
  const choice = type === 'SINGLE_CHOICE' || type === 'MULTIPLE_CHOICE';
  return {
    questionKey,
    optionKeys: choice
      ? cell
          .split(/[|;]/)
          .map((x) => x.trim())
          .filter(Boolean)
      : undefined,
    value: choice ? null : cell,
  };
}

const isBlank = (r: CsvRecord) => r.fields.every((f) => f.trim() === '');
const emptyFile = () => badInput([{ field: 'file', message: 'is empty; send the CSV as the request body (Content-Type: text/csv)' }]);
const syntaxReport = (err: CsvSyntaxError): ImportReport => ({
  ...emptyReport(),
  errors: [{ line: err.line, reason: err.message.replace(/^line \d+: /, '') }],
});

/** The chunks of a source for readCsv. */
function open(source: CsvSource): string | AsyncIterable<Buffer | Uint8Array | string> {
  return isPath(source) ? createReadStream(source.path) : source;
}

/** Passes the chunks of `source` through, writing them to the file `path` as well. */
async function* copyTo(source: AsyncIterable<Buffer | Uint8Array | string>, path: string): AsyncGenerator<Buffer | Uint8Array | string> {
  const out = createWriteStream(path);
  const closed = finished(out);
  closed.catch(() => undefined);
  try {
    for await (const chunk of source) {
      if (!out.write(chunk)) await Promise.race([once(out, 'drain'), closed]);
      yield chunk;
    }
  } finally {
    out.end();
    await closed;
  }
}
