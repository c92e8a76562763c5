import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { badInput } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { TransactionRunner } from '../database/transaction.js';
import { LeadSource, MessengerNetwork } from '../leads/entities/lead.entity.js';
import { LeadsService } from '../leads/leads.service.js';
import { AccessService } from '../organization/access.service.js';
import { Role } from '../organization/entities/team-kind.js';
import { CsvSyntaxError, parseCsv } from './csv.js';
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

/**
 * Bulk import of leads with their answers from CSV (see docs/intake.md): every row is validated
 * first and bad rows are reported with their line number; good rows are submitted through the
 * normal intake path in batches of 500 (one transaction each). Each row's externalId is its
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

  async importCsv(ctx: RequestContext, surveyId: string, text: string, opts: { dryRun?: boolean } = {}): Promise<ImportReport> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER);
    if (typeof text !== 'string' || text.trim() === '')
      throw badInput([{ field: 'file', message: 'is empty; send the CSV as the request body (Content-Type: text/csv)' }]);
    const survey = await this.surveys.findSurvey(ctx, surveyId);
    const report: ImportReport = { rows: 0, imported: 0, duplicates: 0, leadsCreated: 0, leadsUpdated: 0, assigned: 0, errors: [] };
    let records;
    try {
      records = parseCsv(text);
    } catch (err) {
      if (err instanceof CsvSyntaxError) {
        report.errors.push({ line: err.line, reason: err.message.replace(/^line \d+: /, '') });
        return report;
      }
      throw err;
    }
    const [header, ...rows] = records;
    report.rows = rows.length;
    if (!header) return report;
    const columns = header.fields.map((h) => {
      const n = norm(h);
      return (CONTACT_COLUMNS as readonly string[]).includes(n) ? { contact: n as ContactColumn } : { question: h.trim() };
    });
    if (!columns.some((c) => c.contact === 'name')) {
      report.errors.push({ line: header.line, reason: 'the header has no name column' });
      return report;
    }

    const lineOf: number[] = [];
    const inputs: RawSubmission[] = [];
    const rowErrors = new Map<number, string[]>();
    rows.forEach((row, i) => {
      lineOf.push(row.line);
      const errs: string[] = [];
      if (row.fields.length !== header.fields.length) errs.push(`has ${row.fields.length} fields; the header has ${header.fields.length}`);
      const contact: Partial<Record<ContactColumn, string>> = {};
      const answers: RawSubmission['answers'] = [];
      columns.forEach((c, j) => {
        const cell = (row.fields[j] ?? '').trim();
        if (c.contact) contact[c.contact] = cell;
        else if (cell !== '')
          answers.push({
            questionKey: c.question!,
            optionKeys: cell
              .split(/[|;]/)
              .map((x) => x.trim())
              .filter(Boolean),
            value: cell,
          });
      });
      const source = contact.source ? contact.source.toUpperCase().replace(/[\s-]/g, '_') : LeadSource.OTHER;
      if (!(Object.values(LeadSource) as string[]).includes(source))
        errs.push(`source: '${contact.source}' is not one of ${Object.values(LeadSource).join(', ')}`);
      const network = contact.messengernetwork ? contact.messengernetwork.toUpperCase() : null;
      if (network && !(Object.values(MessengerNetwork) as string[]).includes(network)) {
        errs.push(`messenger_network: '${contact.messengernetwork}' is not one of ${Object.values(MessengerNetwork).join(', ')}`);
      }
      if (errs.length) rowErrors.set(i, errs);
      const externalId =
        contact.externalid ||
        `csv:${createHash('sha256')
          .update(JSON.stringify(row.fields.map((f) => f.trim())))
          .digest('hex')
          .slice(0, 32)}`;
      inputs.push({
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
        referredByLeadId: contact.referredbyleadid || null,
        attribution: {
          campaign: contact.campaign || contact.utmcampaign || null,
          source: contact.utmsource || null,
          medium: contact.utmmedium || null,
          content: contact.utmcontent || null,
        },
        answers,
      });
    });

    // Answers of choice questions were split on | and ;, others keep the text: fix each per question type in prepare.
    const prepared = await this.tx.run(async (m) => {
      const def = (await this.surveys.versionsByIds(ctx, survey.currentVersionId ? [survey.currentVersionId] : [], m))[0]?.definition;
      const types = new Map((def?.questions ?? []).map((q) => [q.key, q.type]));
      const unknown = def ? columns.filter((c) => c.question !== undefined && !types.has(c.question)).map((c) => c.question!) : [];
      if (unknown.length) {
        const known = [...CONTACT_COLUMNS, ...types.keys()].join(', ');
        return `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `'${u}'`).join(', ')}; the columns are contact fields or question keys: ${known}`;
      }
      for (const input of inputs) {
        for (const a of input.answers) {
          const t = types.get(a.questionKey);
          if (t === 'SINGLE_CHOICE' || t === 'MULTIPLE_CHOICE') a.value = null;
          else a.optionKeys = undefined;
        }
      }
      const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
      inputs.forEach((input, i) => {
        if (input.referredByLeadId && !uuid.test(input.referredByLeadId)) {
          rowErrors.set(i, [...(rowErrors.get(i) ?? []), `referred_by_lead_id: '${input.referredByLeadId}' is not a lead id`]);
          input.referredByLeadId = null;
        }
      });
      return this.intake.prepare(m, ctx, inputs);
    });
    if (typeof prepared === 'string') {
      report.errors.push({ line: header.line, reason: prepared });
      return report;
    }
    const { items, issues } = prepared;
    for (const issue of issues) {
      const input = inputs[issue.index];
      const where = issue.field.startsWith('answers.')
        ? (input.answers[Number(issue.field.split('.')[1])]?.questionKey ?? 'answers')
        : issue.field.replace(/^contact\./, '');
      rowErrors.set(issue.index, [...(rowErrors.get(issue.index) ?? []), `${where}: ${issue.message}`]);
    }
    report.errors = [...rowErrors.entries()].sort((a, b) => a[0] - b[0]).map(([i, errs]) => ({ line: lineOf[i], reason: errs.join('; ') }));
    const good: PreparedItem[] = items.filter((it) => !rowErrors.has(it.index));
    if (opts.dryRun) return report;
    let seesAll = true;
    for (let i = 0; i < good.length; i += IMPORT_BATCH) {
      const chunk = good.slice(i, i + IMPORT_BATCH);
      const out = await this.tx.run((m) => this.intake.process(m, ctx, chunk));
      report.imported += out.submitted;
      report.duplicates += out.duplicates;
      report.leadsCreated! += out.leadsCreated;
      report.leadsUpdated! += out.leadsUpdated;
      report.assigned! += out.assigned;
      if (seesAll && !(await this.access.scope(ctx)).all) {
        const ids = [...new Set(out.results.map((r) => r.leadId))];
        seesAll = (await this.leads.visibleLeadsByIds(ctx, ids)).length === ids.length;
      }
    }
    // Like submitIntakeBatch: whether contacts already existed only for who may read those leads.
    if (!seesAll) Object.assign(report, { leadsCreated: null, leadsUpdated: null, assigned: null });
    return report;
  }
}
