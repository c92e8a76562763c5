import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService, diffOf } from '../audit/index.js';
import { badInput, conflict, forbidden, notFound, type FieldError } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { isUuid } from '../common/formats.js';
import { Db, TransactionRunner } from '../database/transaction.js';
import { AccessService, OrganizationRepository } from '../organization/index.js';
import { Role, TeamKind } from '../organization/index.js';
import type { ClonePlaybookInput, CreatePlaybookInput, PlaybookContentInput, UpdatePlaybookInput } from './dto/sop.inputs.js';
import {
  GroupScope,
  PlaybookVersionStatus,
  type Playbook,
  type PlaybookObjection,
  type PlaybookStep,
  type PlaybookVersion,
} from './entities/playbook.entity.js';
import { PlaybookRepository, type LegionRow, type ProducedPersona } from './playbook.repository.js';
import { promoteIntoVariants, type PromotedVariant } from './script-promotion.js';
import { compareContents, missingVariantWarnings, personaRefs, validateContent, type ItemChange, type PlaybookContent } from './playbook-content.js';
import { PersonasService } from '../personas/index.js';

const newKey = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const blankToNull = (s: string | null | undefined) => (s == null || s.trim() === '' ? null : s.trim());

/**
 * Playbooks and their versions. Reading: everyone in the organization. Editing: ADMIN, a MANAGER
 * of the owning legion (every legion when they command none) and the LEADs of its squads.
 */
@Injectable()
export class PlaybookService {
  constructor(
    private readonly repo: PlaybookRepository,
    private readonly db: Db,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly personas: PersonasService,
    private readonly orgs: OrganizationRepository,
  ) {}

  // ---- reading ----

  async playbooks(ctx: RequestContext, filter: { legionId?: string; kind?: TeamKind } = {}): Promise<Playbook[]> {
    return this.repo.playbooks(ctx.organizationId, filter);
  }

  async playbook(ctx: RequestContext, id: string): Promise<Playbook> {
    const p = await this.repo.playbook(ctx.organizationId, id);
    if (!p) throw notFound('Playbook', id);
    return p;
  }

  async version(ctx: RequestContext, id: string, lock = false): Promise<PlaybookVersion> {
    const v = await this.repo.version(ctx.organizationId, id, lock);
    if (!v) throw notFound('Playbook version', id);
    return v;
  }

  async versionsByPlaybookIds(ctx: RequestContext, ids: readonly string[]): Promise<PlaybookVersion[]> {
    if (!ids.length) return [];
    return this.repo.versionsByPlaybookIds(ctx.organizationId, ids);
  }

  async playbooksByIds(ctx: RequestContext, ids: readonly string[]): Promise<Playbook[]> {
    if (!ids.length) return [];
    return this.repo.playbooksByIds(ctx.organizationId, ids);
  }

  async versionsByIds(ctx: RequestContext, ids: readonly string[]): Promise<PlaybookVersion[]> {
    if (!ids.length) return [];
    return this.repo.versionsByIds(ctx.organizationId, ids);
  }

  async stepsByVersionIds(ctx: RequestContext, ids: readonly string[]): Promise<PlaybookStep[]> {
    if (!ids.length) return [];
    return this.repo.stepsByVersionIds(ctx.organizationId, ids);
  }

  async stepsByIds(ctx: RequestContext, ids: readonly string[]): Promise<PlaybookStep[]> {
    if (!ids.length) return [];
    return this.repo.stepsByIds(ctx.organizationId, ids);
  }

  async objectionsByVersionIds(ctx: RequestContext, ids: readonly string[]): Promise<PlaybookObjection[]> {
    if (!ids.length) return [];
    return this.repo.objectionsByVersionIds(ctx.organizationId, ids);
  }

  async content(ctx: RequestContext, versionId: string): Promise<PlaybookContent> {
    const [steps, objections] = [await this.stepsByVersionIds(ctx, [versionId]), await this.objectionsByVersionIds(ctx, [versionId])];
    return {
      steps: steps.map((s) => ({
        key: s.key,
        dayOffset: s.dayOffset,
        localTime: s.localTime,
        windowMinutes: s.windowMinutes,
        channel: s.channel,
        audience: s.audience,
        groupScope: s.groupScope,
        tiers: s.tiers,
        personas: s.personas,
        title: s.title,
        goal: s.goal,
        scripts: s.scripts,
        afterPurchase: s.afterPurchase,
      })),
      objections: objections.map((o) => ({ key: o.key, stepKey: o.stepKey, objection: o.objection, answers: o.answers })),
    };
  }

  /** What must be fixed before the version can be published (empty when publishable). */
  async issues(ctx: RequestContext, versionId: string): Promise<FieldError[]> {
    return validateContent(await this.content(ctx, versionId));
  }

  async compare(
    ctx: RequestContext,
    aId: string,
    bId: string,
  ): Promise<{ a: PlaybookVersion; b: PlaybookVersion; steps: ItemChange[]; objections: ItemChange[] }> {
    const a = await this.version(ctx, aId);
    const b = await this.version(ctx, bId);
    const diff = compareContents(await this.content(ctx, a.id), await this.content(ctx, b.id));
    return { a, b, ...diff };
  }

  // ---- editing ----

  /** Throws FORBIDDEN unless the caller may edit playbooks of the legion. */
  async assertCanEdit(ctx: RequestContext, legionId: string): Promise<void> {
    const scope = await this.access.scope(ctx);
    if (scope.all) return;
    if (ctx.role === Role.MANAGER && scope.legionIds.includes(legionId)) return;
    if (ctx.role === Role.LEAD && scope.manageSquadIds.length) {
      const led = await this.repo.countSquadsInLegion(ctx.organizationId, legionId, scope.manageSquadIds);
      if (led > 0) return;
    }
    throw forbidden("Playbooks are edited by ADMINs and by the managers and squad leads of the playbook's legion.");
  }

  /**
   * Publishing and retiring change what every squad of the legion runs: ADMIN, or a MANAGER
   * commanding the legion (a MANAGER commanding none acts for the whole organization). Squad
   * leads edit drafts but do not publish them.
   */
  async assertCanPublish(ctx: RequestContext, legionId: string): Promise<void> {
    const scope = await this.access.scope(ctx);
    if ((ctx.role === Role.ADMIN || ctx.role === Role.MANAGER) && this.access.canManageLegion(scope, legionId)) return;
    throw forbidden("Playbook versions are published and retired by ADMINs and by the managers of the playbook's legion.");
  }

  async createPlaybook(ctx: RequestContext, input: CreatePlaybookInput): Promise<Playbook> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER, Role.LEAD);
    const content = input.content ? normalizeContent(input.content, undefined, new Set()) : { steps: [], objections: [] };
    return this.tx.run(async () => {
      const legion = await this.legionFor(ctx, input.legionId, 'legionId');
      await this.assertCanEdit(ctx, legion.id);
      if (legion.kind !== input.kind)
        throw badInput([{ field: 'kind', message: `legion "${legion.name}" is ${legion.kind}; a ${input.kind} playbook cannot belong to it` }]);
      const name = input.name.trim();
      await this.assertUniqueName(ctx, legion.id, name);
      const playbook = await this.repo.insertPlaybook({
        organizationId: ctx.organizationId,
        legionId: legion.id,
        name,
        description: input.description?.trim() ?? '',
        kind: input.kind,
        productName: blankToNull(input.productName),
        clonedFromPlaybookId: null,
        clonedFromVersionId: null,
        createdById: ctx.userId,
      });
      const version = await this.insertVersion(ctx, playbook.id, 1, null, input.content?.changeNote?.trim() ?? '', content);
      await this.audit.record(ctx, [
        { entityType: 'Playbook', entityId: playbook.id, action: 'CREATED', diff: { name, legionId: legion.id, kind: input.kind } },
        {
          entityType: 'PlaybookVersion',
          entityId: version.id,
          action: 'DRAFT_CREATED',
          diff: { playbookId: playbook.id, number: 1, steps: content.steps.length },
        },
      ]);
      return playbook;
    });
  }

  async updatePlaybook(ctx: RequestContext, id: string, input: UpdatePlaybookInput): Promise<Playbook> {
    return this.tx.run(async () => {
      const playbook = await this.playbook(ctx, id);
      await this.assertCanEdit(ctx, playbook.legionId);
      const next = {
        name: input.name?.trim(),
        description: input.description === undefined ? undefined : (input.description?.trim() ?? ''),
        productName: input.productName === undefined ? undefined : blankToNull(input.productName),
      };
      if (next.name !== undefined && next.name !== playbook.name) await this.assertUniqueName(ctx, playbook.legionId, next.name);
      const diff = diffOf(playbook, next, ['name', 'description', 'productName']);
      for (const [k, v] of Object.entries(next)) if (v !== undefined) Object.assign(playbook, { [k]: v });
      await this.repo.savePlaybook(playbook);
      if (Object.keys(diff).length) await this.audit.record(ctx, { entityType: 'Playbook', entityId: playbook.id, action: 'UPDATED', diff });
      return playbook;
    });
  }

  /** Replaces the content of a DRAFT; a published or retired version is frozen (CONFLICT). */
  async updateDraft(ctx: RequestContext, versionId: string, input: PlaybookContentInput): Promise<PlaybookVersion> {
    normalizeContent(input); // duplicate keys are input errors, before any lookup
    return this.tx.run(async () => {
      const version = await this.version(ctx, versionId, true);
      const playbook = await this.playbook(ctx, version.playbookId);
      await this.assertCanEdit(ctx, playbook.legionId);
      this.assertDraft(version);
      const before = await this.content(ctx, version.id);
      const content = normalizeContent(input, before, await this.answerIdsOf(ctx, playbook.id));
      await this.replaceContent(ctx, version.id, content);
      if (input.changeNote !== undefined && input.changeNote !== null) version.changeNote = input.changeNote.trim();
      version.updatedAt = new Date();
      await this.repo.saveVersion(version);
      await this.audit.record(ctx, {
        entityType: 'PlaybookVersion',
        entityId: version.id,
        action: 'DRAFT_UPDATED',
        diff: summarize(compareContents(before, content)),
      });
      return version;
    });
  }

  /**
   * Promotes a winning script into a playbook inside the caller's transaction (publishing an
   * experiment): the step's default script becomes `text` in the playbook's draft — the existing
   * draft, or a new one copied from the latest version — for a manager to review and publish.
   */
  async promoteScript(
    ctx: RequestContext,
    input: { playbookId: string; stepKey: string; text: string; note: string; variants?: (string | null)[]; field?: string },
  ): Promise<{ version: PlaybookVersion; variants: PromotedVariant[]; unchangedVariants: string[] }> {
    const field = input.field ?? 'promoteToVariants';
    const targets = input.variants ?? [null];
    if (!targets.length) throw badInput([{ field, message: 'name at least one variant (default or a persona)' }]);
    const known = await this.personas.keys(ctx.organizationId);
    const problems = targets.flatMap((key, i) =>
      key !== null && !known.has(key) ? [{ field: `${field}.${i}`, message: `unknown persona "${key}" (not in the persona catalog)` }] : [],
    );
    if (problems.length) throw badInput(problems);
    const playbook = await this.repo.lockPlaybook(ctx.organizationId, input.playbookId);
    if (!playbook) throw badInput([{ field: 'promoteToPlaybook', message: 'the linked playbook no longer exists' }]);
    await this.assertCanEdit(ctx, playbook.legionId);
    const latest = await this.repo.latestVersion(playbook.id);
    const before: PlaybookContent = latest ? await this.content(ctx, latest.id) : { steps: [], objections: [] };
    const step = before.steps.find((st) => st.key === input.stepKey);
    if (!step) throw badInput([{ field: 'promoteToPlaybook', message: `the playbook has no step "${input.stepKey}"` }]);
    const { scripts, variants, unchangedVariants } = promoteIntoVariants(step.scripts, input.text, targets);
    const content: PlaybookContent = { ...before, steps: before.steps.map((st) => (st.key === input.stepKey ? { ...st, scripts } : st)) };
    const note = `${input.note}: ${variants.map((v) => `${v.variant} ${v.change.toLowerCase()}`).join(', ')}${unchangedVariants.length ? `; unchanged: ${unchangedVariants.join(', ')}` : ''}`;
    let version: PlaybookVersion;
    if (latest?.status === PlaybookVersionStatus.DRAFT) {
      version = latest;
      await this.replaceContent(ctx, version.id, content);
      version.changeNote = version.changeNote ? `${version.changeNote}\n${note}` : note;
      await this.repo.setChangeNote(version.id, version.changeNote);
    } else {
      version = await this.insertVersion(ctx, playbook.id, (latest?.number ?? 0) + 1, latest?.id ?? null, note, content);
    }
    await this.audit.record(ctx, {
      entityType: 'PlaybookVersion',
      entityId: version.id,
      action: 'SCRIPT_PROMOTED',
      diff: { stepKey: input.stepKey, note, variants, unchangedVariants, ...summarize(compareContents(before, content)) },
    });
    return { version, variants, unchangedVariants };
  }

  /** Starts the next version as a copy of the latest one. One draft at a time per playbook. */
  async createDraft(ctx: RequestContext, playbookId: string): Promise<PlaybookVersion> {
    return this.tx.run(async () => {
      const playbook = await this.repo.lockPlaybook(ctx.organizationId, playbookId);
      if (!playbook) throw notFound('Playbook', playbookId);
      await this.assertCanEdit(ctx, playbook.legionId);
      const latest = await this.repo.latestVersion(playbook.id);
      if (latest?.status === PlaybookVersionStatus.DRAFT)
        throw conflict(`Version ${latest.number} is already a draft; edit it instead.`, { draftVersionId: latest.id });
      const content = latest ? await this.content(ctx, latest.id) : { steps: [], objections: [] };
      const number = (latest?.number ?? 0) + 1;
      const version = await this.insertVersion(ctx, playbook.id, number, latest?.id ?? null, '', content);
      await this.audit.record(ctx, {
        entityType: 'PlaybookVersion',
        entityId: version.id,
        action: 'DRAFT_CREATED',
        diff: { playbookId: playbook.id, number, copiedFromVersionId: latest?.id ?? null },
      });
      return version;
    });
  }

  /** Ids of the prepared answers in every version of a playbook (what a draft may keep). */
  private async answerIdsOf(ctx: RequestContext, playbookId: string): Promise<Set<string>> {
    return this.repo.answerIds(ctx.organizationId, playbookId);
  }

  /**
   * For links from other contexts (an experiment testing a step): problems with a playbook id and
   * step key of the caller's organization, as field errors; the step must exist in some version.
   */
  async stepRefErrors(ctx: RequestContext, playbookId: string, stepKey: string, prefix: string): Promise<FieldError[]> {
    if (!isUuid(playbookId)) return [{ field: `${prefix}.playbookId`, message: 'must be a UUID' }];
    const playbook = await this.repo.playbook(ctx.organizationId, playbookId);
    if (!playbook) return [{ field: `${prefix}.playbookId`, message: `playbook ${playbookId} was not found` }];
    return (await this.repo.hasStepKey(playbook.id, stepKey))
      ? []
      : [{ field: `${prefix}.playbookStepKey`, message: `playbook '${playbook.name}' has no step '${stepKey}'` }];
  }

  /** Validates and freezes a draft; the previously published version of the playbook is retired. */
  async publish(ctx: RequestContext, versionId: string): Promise<PlaybookVersion & { warnings: string[] }> {
    return this.tx.run(async () => {
      const version = await this.version(ctx, versionId, true);
      const playbook = await this.playbook(ctx, version.playbookId);
      await this.assertCanPublish(ctx, playbook.legionId);
      this.assertDraft(version);
      const content = await this.content(ctx, version.id);
      const errors = [...validateContent(content), ...(await this.personas.unknownPersonaErrors(ctx.organizationId, personaRefs(content)))];
      if (errors.length) throw badInput(errors, `Version ${version.number} cannot be published: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
      const warnings = missingVariantWarnings(content, await this.producedPersonas(ctx.organizationId, playbook.kind));
      const now = new Date();
      const previous = await this.repo.publishedVersions(playbook.id);
      for (const p of previous) await this.repo.retireVersion(p.id, now);
      Object.assign(version, { status: PlaybookVersionStatus.PUBLISHED, publishedAt: now, publishedById: ctx.userId });
      await this.repo.saveVersion(version);
      await this.audit.record(ctx, [
        { entityType: 'PlaybookVersion', entityId: version.id, action: 'PUBLISHED', diff: { playbookId: playbook.id, number: version.number } },
        ...previous.map((p) => ({
          entityType: 'PlaybookVersion',
          entityId: p.id,
          action: 'RETIRED',
          diff: { playbookId: playbook.id, number: p.number, supersededBy: version.number },
        })),
      ]);
      return Object.assign(version, { warnings });
    });
  }

  /**
   * The personas the organization's published surveys produce for legions of this kind (INTAKE
   * surveys for PRE_SALES, ONBOARDING surveys for COURSE_SERVICE): rules and default persona of
   * each survey's current version.
   */
  private async producedPersonas(organizationId: string, kind: TeamKind): Promise<ProducedPersona[]> {
    return this.repo.producedPersonas(organizationId, kind === TeamKind.PRE_SALES ? 'INTAKE' : 'ONBOARDING');
  }

  /** Retires a published version: new cohorts cannot use it; running cohorts and the history keep reading it. */
  async retire(ctx: RequestContext, versionId: string): Promise<PlaybookVersion> {
    return this.tx.run(async () => {
      const version = await this.version(ctx, versionId, true);
      const playbook = await this.playbook(ctx, version.playbookId);
      await this.assertCanPublish(ctx, playbook.legionId);
      if (version.status === PlaybookVersionStatus.RETIRED) return version;
      if (version.status !== PlaybookVersionStatus.PUBLISHED) throw conflict(`Version ${version.number} is a draft; only published versions can be retired.`);
      Object.assign(version, { status: PlaybookVersionStatus.RETIRED, retiredAt: new Date() });
      await this.repo.saveVersion(version);
      await this.audit.record(ctx, {
        entityType: 'PlaybookVersion',
        entityId: version.id,
        action: 'RETIRED',
        diff: { playbookId: playbook.id, number: version.number },
      });
      return version;
    });
  }

  /** Copies a playbook version into another legion as version 1 (a draft) of a new playbook. */
  async clone(ctx: RequestContext, input: ClonePlaybookInput): Promise<Playbook> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER, Role.LEAD);
    return this.tx.run(async () => {
      const source = await this.playbook(ctx, input.playbookId);
      const legion = await this.legionFor(ctx, input.legionId, 'legionId');
      await this.assertCanEdit(ctx, legion.id);
      if (legion.kind !== source.kind)
        throw badInput([{ field: 'legionId', message: `legion "${legion.name}" is ${legion.kind}; this playbook is ${source.kind}` }]);
      let from: PlaybookVersion | null;
      if (input.versionId) {
        from = await this.version(ctx, input.versionId);
        if (from.playbookId !== source.id) throw badInput([{ field: 'versionId', message: 'is not a version of this playbook' }]);
      } else {
        from = (await this.repo.latestPublishedVersion(source.id)) ?? (await this.repo.latestVersion(source.id));
      }
      const name = input.name?.trim() || source.name;
      await this.assertUniqueName(ctx, legion.id, name);
      const playbook = await this.repo.insertPlaybook({
        organizationId: ctx.organizationId,
        legionId: legion.id,
        name,
        description: source.description,
        kind: source.kind,
        productName: source.productName,
        clonedFromPlaybookId: source.id,
        clonedFromVersionId: from?.id ?? null,
        createdById: ctx.userId,
      });
      const content = from ? await this.content(ctx, from.id) : { steps: [], objections: [] };
      const version = await this.insertVersion(ctx, playbook.id, 1, from?.id ?? null, from ? `Cloned from "${source.name}" v${from.number}` : '', content);
      await this.audit.record(ctx, [
        {
          entityType: 'Playbook',
          entityId: playbook.id,
          action: 'CLONED',
          diff: { name, legionId: legion.id, fromPlaybookId: source.id, fromVersionId: from?.id ?? null },
        },
        {
          entityType: 'PlaybookVersion',
          entityId: version.id,
          action: 'DRAFT_CREATED',
          diff: { playbookId: playbook.id, number: 1, copiedFromVersionId: from?.id ?? null },
        },
      ]);
      return playbook;
    });
  }

  // ---- helpers ----

  private assertDraft(version: PlaybookVersion): void {
    if (version.status !== PlaybookVersionStatus.DRAFT) {
      throw conflict(`Version ${version.number} is ${version.status} and frozen; start a new draft (createPlaybookDraft) to change it.`, {
        status: version.status,
      });
    }
  }

  private async legionFor(ctx: RequestContext, id: string, field: string): Promise<LegionRow> {
    const legion = await this.orgs.findLegion(ctx.organizationId, id);
    if (!legion) throw badInput([{ field, message: 'no such legion in this organization' }]);
    return legion;
  }

  private async assertUniqueName(ctx: RequestContext, legionId: string, name: string): Promise<void> {
    if (await this.repo.nameTaken(ctx.organizationId, legionId, name)) {
      throw conflict(`The legion already has a playbook named "${name}".`);
    }
  }

  private async insertVersion(
    ctx: RequestContext,
    playbookId: string,
    number: number,
    basedOnVersionId: string | null,
    changeNote: string,
    content: PlaybookContent,
  ): Promise<PlaybookVersion> {
    const version = await this.repo.insertVersion({
      organizationId: ctx.organizationId,
      playbookId,
      number,
      status: PlaybookVersionStatus.DRAFT,
      basedOnVersionId,
      changeNote,
      publishedAt: null,
      publishedById: null,
      retiredAt: null,
    });
    await this.insertContent(ctx, version.id, content);
    return version;
  }

  private async insertContent(ctx: RequestContext, versionId: string, content: PlaybookContent): Promise<void> {
    if (content.steps.length) await this.repo.insertSteps(ctx.organizationId, versionId, content.steps);
    if (content.objections.length) await this.repo.insertObjections(ctx.organizationId, versionId, content.objections);
  }

  /** A draft's content replaced: its steps and objections deleted, then `content` inserted. */
  private async replaceContent(ctx: RequestContext, versionId: string, content: PlaybookContent): Promise<void> {
    await this.repo.deleteSteps(versionId);
    await this.repo.deleteObjections(versionId);
    await this.insertContent(ctx, versionId, content);
  }
}

/** Input → content: defaults, generated keys and answer ids; duplicate keys are rejected at once. */
/**
 * `knownAnswerIds`: the answer ids an input may name (those of the playbook's versions); an id
 * outside it is BAD_USER_INPUT, so a draft cannot adopt another playbook's (or organization's)
 * answer ids. Undefined = not checked (demo content, and the pre-check of duplicate keys).
 */
export function normalizeContent(input: PlaybookContentInput, previous?: PlaybookContent, knownAnswerIds?: ReadonlySet<string>): PlaybookContent {
  const errors: FieldError[] = [];
  const stepKeys = new Set<string>();
  const steps = input.steps.map((s, i) => {
    const key = s.key?.trim() || newKey('step');
    if (stepKeys.has(key)) errors.push({ field: `steps[${i}].key`, message: `duplicate step key "${key}"` });
    stepKeys.add(key);
    return {
      key,
      dayOffset: s.dayOffset,
      localTime: s.localTime.trim(),
      windowMinutes: s.windowMinutes ?? null,
      channel: s.channel,
      audience: s.audience,
      groupScope: s.groupScope ?? GroupScope.PER_REP,
      tiers: [...new Set((s.tiers ?? []).map((t) => t.trim()).filter(Boolean))],
      personas: [...new Set((s.personas ?? []).map((p) => p.trim()).filter(Boolean))],
      title: s.title.trim(),
      goal: s.goal?.trim() ?? '',
      scripts: (s.scripts ?? []).map((v) => ({ persona: blankToNull(v.persona), text: v.text })),
      afterPurchase: s.afterPurchase ?? false,
    };
  });
  const objectionKeys = new Set<string>();
  const answerIds = new Set<string>();
  const objections = (input.objections ?? []).map((o, i) => {
    const key = o.key?.trim() || newKey('obj');
    if (objectionKeys.has(key)) errors.push({ field: `objections[${i}].key`, message: `duplicate objection key "${key}"` });
    objectionKeys.add(key);
    return {
      key,
      stepKey: blankToNull(o.stepKey),
      objection: o.objection.trim(),
      answers: o.answers.map((a, j) => {
        if (knownAnswerIds && a.id && !(isUuid(a.id) && knownAnswerIds.has(a.id.toLowerCase()))) {
          errors.push({ field: `objections[${i}].answers[${j}].id`, message: `is not the id of an answer of this playbook; leave it empty for a new answer` });
        }
        // Without an id, an answer identical to one of the previous content keeps its id (logs stay linked).
        const same = a.id
          ? undefined
          : previous?.objections
              .find((p) => p.key === key)
              ?.answers.find((p) => p.persona === blankToNull(a.persona) && p.text === a.text && !answerIds.has(p.id));
        let id = isUuid(a.id) && !answerIds.has(a.id.toLowerCase()) ? a.id.toLowerCase() : (same?.id ?? randomUUID());
        if (answerIds.has(id)) id = randomUUID();
        answerIds.add(id);
        return { id, persona: blankToNull(a.persona), label: blankToNull(a.label), text: a.text };
      }),
    };
  });
  if (errors.length) throw badInput(errors);
  return { steps, objections };
}

function summarize(diff: { steps: ItemChange[]; objections: ItemChange[] }): Record<string, unknown> {
  const pick = (list: ItemChange[], kind: string) => list.filter((c) => c.change === kind).map((c) => c.key);
  const out: Record<string, unknown> = {};
  for (const [name, list] of [
    ['steps', diff.steps],
    ['objections', diff.objections],
  ] as const) {
    for (const kind of ['ADDED', 'REMOVED', 'CHANGED']) {
      const keys = pick(list, kind);
      if (keys.length) out[`${name}${kind[0]}${kind.slice(1).toLowerCase()}`] = keys;
    }
  }
  return out;
}
