import { Injectable } from '@nestjs/common';
import { rankOutcomes, SMALL_SAMPLE_LEADS } from '@lib/stats';
import { badInput, DomainError, forbidden, notFound, type FieldError } from '../common/errors.js';
import { isUuid } from '../common/formats.js';
import type { RequestContext } from '../common/request-context.js';
import { resolvePeriod } from '../metrics/index.js';
import { AccessService } from '../organization/index.js';
import { Role } from '../organization/index.js';
import type { ObjectionAnswerData } from '../sop/index.js';
import {
  ObjectionEffectivenessGroupBy,
  WINDOW_DAYS,
  type ObjectionAnswerEffectivenessModel,
  type ObjectionAnswerStatsModel,
  type ObjectionEffectivenessInput,
  type ObjectionEffectivenessReportModel,
} from './models/objection-effectiveness.models.js';
import { ReportsRepository, type AnswerOutcomeRow } from './reports.repository.js';

/** At most this many squads in a filter. */
const MAX_SQUAD_IDS = 500;

export function windowDaysProblem(days: unknown): string | null {
  return Number.isInteger(days) && (days as number) >= WINDOW_DAYS.min && (days as number) <= WINDOW_DAYS.max
    ? null
    : `must be a whole number of days from ${WINDOW_DAYS.min} to ${WINDOW_DAYS.max}`;
}

/**
 * Which prepared objection answers precede conversions (docs/metrics.md, "Objection answer
 * effectiveness"): the report for LEADs (their squads), MANAGERs and ADMINs (the organization),
 * and the per-answer stats shown next to each answer wherever objections are read.
 */
@Injectable()
export class ObjectionEffectivenessService {
  constructor(
    private readonly repo: ReportsRepository,
    private readonly access: AccessService,
  ) {}

  /**
   * Squads whose logs the caller may aggregate: null = the organization (ADMIN, MANAGER); a LEAD
   * or MEMBER: the squads they lead or belong to.
   */
  async visibleSquads(ctx: RequestContext): Promise<string[] | null> {
    const scope = await this.access.scope(ctx);
    if (scope.all || scope.role === Role.MANAGER) return null;
    return scope.readSquadIds;
  }

  async report(ctx: RequestContext, input: ObjectionEffectivenessInput, now = new Date()): Promise<ObjectionEffectivenessReportModel> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER, Role.LEAD);
    const { windowDays, period, squadIds } = await this.checkReportInput(ctx, input);
    if (input.playbookId && !(await this.repo.playbookExists(ctx.organizationId, input.playbookId))) throw notFound('Playbook', input.playbookId);
    const filter = await this.squadFilter(ctx, squadIds);
    const outcomes = await this.repo.answerOutcomes({
      organizationId: ctx.organizationId,
      start: period.start,
      end: period.end,
      windowDays,
      now,
      squadIds: filter,
      playbookId: input.playbookId?.toLowerCase() ?? null,
      byPersona: input.groupBy === ObjectionEffectivenessGroupBy.ANSWER_PERSONA,
    });
    const texts = await this.texts(ctx.organizationId, outcomes);
    return { period, windowDays, groupBy: input.groupBy, smallSampleThreshold: SMALL_SAMPLE_LEADS, rows: rankedRows(outcomes, texts) };
  }

  /** Every problem of the input at once (window, grouping, ids, period), then the resolved period. */
  private async checkReportInput(
    ctx: RequestContext,
    input: ObjectionEffectivenessInput,
  ): Promise<{ windowDays: number; period: ReturnType<typeof resolvePeriod>; squadIds: string[] | null }> {
    const problems: FieldError[] = [];
    const windowDays = input.windowDays ?? WINDOW_DAYS.default;
    const wp = windowDaysProblem(windowDays);
    if (wp) problems.push({ field: 'input.windowDays', message: wp });
    if (!Object.values(ObjectionEffectivenessGroupBy).includes(input.groupBy)) problems.push({ field: 'input.groupBy', message: 'is not a known grouping' });
    if (input.playbookId != null && !isUuid(input.playbookId)) problems.push({ field: 'input.playbookId', message: 'must be a UUID' });
    const squadIds = input.squadIds ?? null;
    if (squadIds && squadIds.length > MAX_SQUAD_IDS) problems.push({ field: 'input.squadIds', message: `at most ${MAX_SQUAD_IDS} squads` });
    squadIds?.forEach((id, i) => {
      if (!isUuid(id)) problems.push({ field: `input.squadIds.${i}`, message: 'must be a UUID' });
    });
    const timeZone = ctx.timeZone ?? (await this.repo.organizationTimeZone(ctx.organizationId));
    let period: ReturnType<typeof resolvePeriod> | null = null;
    try {
      period = resolvePeriod(input.period, timeZone, 'input.period');
    } catch (e) {
      if (!(e instanceof DomainError) || !e.details.fields) throw e;
      problems.push(...e.details.fields);
    }
    if (problems.length > 0 || !period) throw badInput(problems);
    return { windowDays, period, squadIds };
  }

  /** The squads to aggregate: the requested ones (which must exist and be visible) or all the caller sees (null = organization). */
  private async squadFilter(ctx: RequestContext, squadIds: string[] | null): Promise<string[] | null> {
    const visible = await this.visibleSquads(ctx);
    if (!squadIds) return visible;
    const unique = [...new Set(squadIds.map((s) => s.toLowerCase()))];
    const found = new Set(await this.repo.squadsInOrganization(ctx.organizationId, unique));
    const missing = unique.find((id) => !found.has(id));
    if (missing) throw notFound('Squad', missing);
    if (visible) {
      const refused = unique.find((id) => !visible.includes(id));
      if (refused) throw forbidden('You can read objection effectiveness only for the squads you lead or belong to');
    }
    return unique;
  }

  /** Objection and answer texts of the outcomes (newest version first wins). */
  private async texts(organizationId: string, outcomes: AnswerOutcomeRow[]): Promise<OutcomeTexts> {
    const pairs = [...new Map(outcomes.map((o) => [`${o.groupId}|${o.objectionKey}`, { playbookId: o.groupId, key: o.objectionKey }])).values()];
    const texts = await this.repo.objectionTexts(organizationId, pairs);
    const objectionText = new Map<string, { playbookName: string; objection: string }>();
    const answerText = new Map<string, ObjectionAnswerData>();
    for (const t of texts) {
      const k = `${t.playbookId}|${t.key}`;
      if (!objectionText.has(k)) objectionText.set(k, { playbookName: t.playbookName, objection: t.objection });
      for (const a of t.answers) if (!answerText.has(`${k}|${a.id}`)) answerText.set(`${k}|${a.id}`, a);
    }
    return { objectionText, answerText };
  }

  /**
   * Stats of every prepared answer of each objection (plus improvised uses when any), all time,
   * over the squads the caller can see; one statement for all objections of a request.
   */
  async answerStats(
    ctx: RequestContext,
    objections: readonly { objectionId: string; answerIds: string[] }[],
    windowDays: number,
    now = new Date(),
  ): Promise<ObjectionAnswerStatsModel[][]> {
    const wp = windowDaysProblem(windowDays);
    if (wp) throw badInput([{ field: 'windowDays', message: wp }]);
    const squadIds = await this.visibleSquads(ctx);
    const ids = [...new Set(objections.map((o) => o.objectionId))];
    const rows =
      ids.length === 0 || (squadIds !== null && squadIds.length === 0)
        ? []
        : await this.repo.answerOutcomesForObjections({ organizationId: ctx.organizationId, objectionIds: ids, windowDays, now, squadIds });
    const byObjection = new Map<string, AnswerOutcomeRow[]>();
    for (const r of rows) byObjection.set(r.groupId, [...(byObjection.get(r.groupId) ?? []), r]);
    return objections.map((o) => {
      const mine = byObjection.get(o.objectionId) ?? [];
      const zero = (answerId: string | null): AnswerOutcomeRow => ({
        groupId: o.objectionId,
        objectionKey: '',
        answerId,
        persona: null,
        uses: 0,
        leads: 0,
        pendingLeads: 0,
        converted: 0,
      });
      const list = o.answerIds.map((id) => mine.find((r) => r.answerId === id) ?? zero(id));
      const improvised = mine.find((r) => r.answerId === null);
      if (improvised) list.push(improvised);
      // Answers dropped from this version but used in others are left out: they cannot be chosen here.
      // Ranked among themselves, returned in the answers' order (the stats sit next to each answer).
      const ranked = new Map(rankOutcomes(list.map((r) => ({ ...r, group: o.objectionId }))).map((r) => [r.answerId, r]));
      return list.map((r) => outcomeFields(ranked.get(r.answerId)!));
    });
  }
}

/** Texts by `playbook|key` and `playbook|key|answerId`. */
interface OutcomeTexts {
  objectionText: Map<string, { playbookName: string; objection: string }>;
  answerText: Map<string, ObjectionAnswerData>;
}

/** The report rows: outcomes in a stable order, ranked within each objection (and persona), with their texts. */
function rankedRows(outcomes: AnswerOutcomeRow[], { objectionText, answerText }: OutcomeTexts): ObjectionAnswerEffectivenessModel[] {
  // Stable order before ranking: playbook name, objection key, persona, answer id (improvised last).
  const sorted = [...outcomes].sort(
    (a, b) =>
      (objectionText.get(`${a.groupId}|${a.objectionKey}`)?.playbookName ?? '').localeCompare(
        objectionText.get(`${b.groupId}|${b.objectionKey}`)?.playbookName ?? '',
      ) ||
      a.groupId.localeCompare(b.groupId) ||
      a.objectionKey.localeCompare(b.objectionKey) ||
      (a.persona ?? '\uffff').localeCompare(b.persona ?? '\uffff') ||
      (a.answerId ?? '\uffff').localeCompare(b.answerId ?? '\uffff'),
  );
  const ranked = rankOutcomes(sorted.map((o) => ({ ...o, group: `${o.groupId}|${o.objectionKey}|${o.persona ?? ''}` })));
  return ranked.map((r) => {
    const k = `${r.groupId}|${r.objectionKey}`;
    const answer = r.answerId ? answerText.get(`${k}|${r.answerId}`) : undefined;
    return {
      ...outcomeFields(r),
      playbookId: r.groupId,
      playbookName: objectionText.get(k)?.playbookName ?? '',
      objectionKey: r.objectionKey,
      objection: objectionText.get(k)?.objection ?? '',
      answerLabel: answer?.label ?? null,
      answerText: answer?.text ?? null,
      persona: r.persona,
    };
  });
}

function outcomeFields(
  r: AnswerOutcomeRow & { rate: number | null; low: number; high: number; smallSample: boolean; rank: number | null },
): ObjectionAnswerStatsModel {
  return {
    answerId: r.answerId,
    uses: r.uses,
    leads: r.leads,
    pendingLeads: r.pendingLeads,
    converted: r.converted,
    rate: r.rate,
    rateLow: r.low,
    rateHigh: r.high,
    smallSample: r.smallSample,
    rank: r.rank,
  };
}
