import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { AuditService, diffOf } from '../audit/index.js';
import { badInput, conflict, forbidden, notFound, type FieldError } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { isUuid } from '../common/formats.js';
import { TransactionRunner } from '../database/transaction.js';
import { AccessService } from '../organization/index.js';
import { Legion, Role, Squad, TeamKind } from '../organization/index.js';
import type { ClonePlaybookInput, CreatePlaybookInput, PlaybookContentInput, UpdatePlaybookInput } from './dto/sop.inputs.js';
import { GroupScope, Playbook, PlaybookObjection, PlaybookStep, PlaybookVersion, PlaybookVersionStatus } from './entities/playbook.entity.js';
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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly personas: PersonasService,
  ) {}

  // ---- reading ----

  async playbooks(ctx: RequestContext, filter: { legionId?: string; kind?: TeamKind } = {}): Promise<Playbook[]> {
    return this.dataSource.manager.find(Playbook, {
      where: { organizationId: ctx.organizationId, ...(filter.legionId ? { legionId: filter.legionId } : {}), ...(filter.kind ? { kind: filter.kind } : {}) },
      order: { name: 'ASC', createdAt: 'ASC' },
    });
  }

  async playbook(ctx: RequestContext, id: string, m: EntityManager = this.dataSource.manager): Promise<Playbook> {
    const p = await m.findOne(Playbook, { where: { id, organizationId: ctx.organizationId } });
    if (!p) throw notFound('Playbook', id);
    return p;
  }

  async version(ctx: RequestContext, id: string, m: EntityManager = this.dataSource.manager, lock = false): Promise<PlaybookVersion> {
    const qb = m.createQueryBuilder(PlaybookVersion, 'v').where('v.id = :id AND v.organization_id = :org', { id, org: ctx.organizationId });
    if (lock) qb.setLock('pessimistic_write');
    const v = await qb.getOne();
    if (!v) throw notFound('Playbook version', id);
    return v;
  }

  async versionsByPlaybookIds(ctx: RequestContext, ids: readonly string[]): Promise<PlaybookVersion[]> {
    if (!ids.length) return [];
    return this.dataSource.manager.find(PlaybookVersion, {
      where: { organizationId: ctx.organizationId, playbookId: In([...ids]) },
      order: { number: 'DESC' },
    });
  }

  async playbooksByIds(ctx: RequestContext, ids: readonly string[]): Promise<Playbook[]> {
    if (!ids.length) return [];
    return this.dataSource.manager.find(Playbook, { where: { organizationId: ctx.organizationId, id: In([...ids]) } });
  }

  async versionsByIds(ctx: RequestContext, ids: readonly string[]): Promise<PlaybookVersion[]> {
    if (!ids.length) return [];
    return this.dataSource.manager.find(PlaybookVersion, { where: { organizationId: ctx.organizationId, id: In([...ids]) } });
  }

  async stepsByVersionIds(ctx: RequestContext, ids: readonly string[], m: EntityManager = this.dataSource.manager): Promise<PlaybookStep[]> {
    if (!ids.length) return [];
    return m.find(PlaybookStep, { where: { organizationId: ctx.organizationId, versionId: In([...ids]) }, order: { position: 'ASC' } });
  }

  async stepsByIds(ctx: RequestContext, ids: readonly string[]): Promise<PlaybookStep[]> {
    if (!ids.length) return [];
    return this.dataSource.manager.find(PlaybookStep, { where: { organizationId: ctx.organizationId, id: In([...ids]) } });
  }

  async objectionsByVersionIds(ctx: RequestContext, ids: readonly string[], m: EntityManager = this.dataSource.manager): Promise<PlaybookObjection[]> {
    if (!ids.length) return [];
    return m.find(PlaybookObjection, { where: { organizationId: ctx.organizationId, versionId: In([...ids]) }, order: { position: 'ASC' } });
  }

  async content(ctx: RequestContext, versionId: string, m: EntityManager = this.dataSource.manager): Promise<PlaybookContent> {
    const [steps, objections] = [await this.stepsByVersionIds(ctx, [versionId], m), await this.objectionsByVersionIds(ctx, [versionId], m)];
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
  async assertCanEdit(m: EntityManager, ctx: RequestContext, legionId: string): Promise<void> {
    const scope = await this.access.scope(ctx);
    if (scope.all) return;
    if (ctx.role === Role.MANAGER && scope.legionIds.includes(legionId)) return;
    if (ctx.role === Role.LEAD && scope.manageSquadIds.length) {
      const led = await m.count(Squad, { where: { organizationId: ctx.organizationId, legionId, id: In(scope.manageSquadIds) } });
      if (led > 0) return;
    }
    throw forbidden("Playbooks are edited by ADMINs and by the managers and squad leads of the playbook's legion.");
  }

  /**
   * Publishing and retiring change what every squad of the legion runs: ADMIN, or a MANAGER
   * commanding the legion (a MANAGER commanding none acts for the whole organization). Squad
   * leads edit drafts but do not publish them.
   */
  async assertCanPublish(m: EntityManager, ctx: RequestContext, legionId: string): Promise<void> {
    const scope = await this.access.scope(ctx);
    if ((ctx.role === Role.ADMIN || ctx.role === Role.MANAGER) && this.access.canManageLegion(scope, legionId)) return;
    throw forbidden("Playbook versions are published and retired by ADMINs and by the managers of the playbook's legion.");
  }

  async createPlaybook(ctx: RequestContext, input: CreatePlaybookInput): Promise<Playbook> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER, Role.LEAD);
    const content = input.content ? normalizeContent(input.content, undefined, new Set()) : { steps: [], objections: [] };
    return this.tx.run(async (m) => {
      const legion = await this.legionFor(m, ctx, input.legionId, 'legionId');
      await this.assertCanEdit(m, ctx, legion.id);
      if (legion.kind !== input.kind)
        throw badInput([{ field: 'kind', message: `legion "${legion.name}" is ${legion.kind}; a ${input.kind} playbook cannot belong to it` }]);
      const name = input.name.trim();
      await this.assertUniqueName(m, ctx, legion.id, name);
      const playbook = await m.save(
        m.create(Playbook, {
          organizationId: ctx.organizationId,
          legionId: legion.id,
          name,
          description: input.description?.trim() ?? '',
          kind: input.kind,
          productName: blankToNull(input.productName),
          clonedFromPlaybookId: null,
          clonedFromVersionId: null,
          createdById: ctx.userId,
        }),
      );
      const version = await this.insertVersion(m, ctx, playbook.id, 1, null, input.content?.changeNote?.trim() ?? '', content);
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
    return this.tx.run(async (m) => {
      const playbook = await this.playbook(ctx, id, m);
      await this.assertCanEdit(m, ctx, playbook.legionId);
      const next = {
        name: input.name?.trim(),
        description: input.description === undefined ? undefined : (input.description?.trim() ?? ''),
        productName: input.productName === undefined ? undefined : blankToNull(input.productName),
      };
      if (next.name !== undefined && next.name !== playbook.name) await this.assertUniqueName(m, ctx, playbook.legionId, next.name);
      const diff = diffOf(playbook, next, ['name', 'description', 'productName']);
      for (const [k, v] of Object.entries(next)) if (v !== undefined) Object.assign(playbook, { [k]: v });
      await m.save(playbook);
      if (Object.keys(diff).length) await this.audit.record(ctx, { entityType: 'Playbook', entityId: playbook.id, action: 'UPDATED', diff });
      return playbook;
    });
  }

  /** Replaces the content of a DRAFT; a published or retired version is frozen (CONFLICT). */
  async updateDraft(ctx: RequestContext, versionId: string, input: PlaybookContentInput): Promise<PlaybookVersion> {
    normalizeContent(input); // duplicate keys are input errors, before any lookup
    return this.tx.run(async (m) => {
      const version = await this.version(ctx, versionId, m, true);
      const playbook = await this.playbook(ctx, version.playbookId, m);
      await this.assertCanEdit(m, ctx, playbook.legionId);
      this.assertDraft(version);
      const before = await this.content(ctx, version.id, m);
      const content = normalizeContent(input, before, await this.answerIdsOf(m, ctx, playbook.id));
      await m.delete(PlaybookStep, { versionId: version.id });
      await m.delete(PlaybookObjection, { versionId: version.id });
      await this.insertContent(m, ctx, version.id, content);
      if (input.changeNote !== undefined && input.changeNote !== null) version.changeNote = input.changeNote.trim();
      version.updatedAt = new Date();
      await m.save(version);
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
  async promoteScriptIn(
    m: EntityManager,
    ctx: RequestContext,
    input: { playbookId: string; stepKey: string; text: string; note: string; variants?: (string | null)[]; field?: string },
  ): Promise<{ version: PlaybookVersion; variants: PromotedVariant[]; unchangedVariants: string[] }> {
    const field = input.field ?? 'promoteToVariants';
    const targets = input.variants ?? [null];
    if (!targets.length) throw badInput([{ field, message: 'name at least one variant (default or a persona)' }]);
    const known = await this.personas.keys(m, ctx.organizationId);
    const problems = targets.flatMap((key, i) =>
      key !== null && !known.has(key) ? [{ field: `${field}.${i}`, message: `unknown persona "${key}" (not in the persona catalog)` }] : [],
    );
    if (problems.length) throw badInput(problems);
    const playbook = await m
      .createQueryBuilder(Playbook, 'p')
      .setLock('pessimistic_write')
      .where('p.id = :id AND p.organization_id = :org', { id: input.playbookId, org: ctx.organizationId })
      .getOne();
    if (!playbook) throw badInput([{ field: 'promoteToPlaybook', message: 'the linked playbook no longer exists' }]);
    await this.assertCanEdit(m, ctx, playbook.legionId);
    const latest = await m.findOne(PlaybookVersion, { where: { playbookId: playbook.id }, order: { number: 'DESC' } });
    const before: PlaybookContent = latest ? await this.content(ctx, latest.id, m) : { steps: [], objections: [] };
    const step = before.steps.find((st) => st.key === input.stepKey);
    if (!step) throw badInput([{ field: 'promoteToPlaybook', message: `the playbook has no step "${input.stepKey}"` }]);
    const { scripts, variants, unchangedVariants } = promoteIntoVariants(step.scripts, input.text, targets);
    const content: PlaybookContent = { ...before, steps: before.steps.map((st) => (st.key === input.stepKey ? { ...st, scripts } : st)) };
    const note = `${input.note}: ${variants.map((v) => `${v.variant} ${v.change.toLowerCase()}`).join(', ')}${unchangedVariants.length ? `; unchanged: ${unchangedVariants.join(', ')}` : ''}`;
    let version: PlaybookVersion;
    if (latest?.status === PlaybookVersionStatus.DRAFT) {
      version = latest;
      await m.delete(PlaybookStep, { versionId: version.id });
      await m.delete(PlaybookObjection, { versionId: version.id });
      await this.insertContent(m, ctx, version.id, content);
      version.changeNote = version.changeNote ? `${version.changeNote}\n${note}` : note;
      await m.update(PlaybookVersion, { id: version.id }, { changeNote: version.changeNote });
    } else {
      version = await this.insertVersion(m, ctx, playbook.id, (latest?.number ?? 0) + 1, latest?.id ?? null, note, content);
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
    return this.tx.run(async (m) => {
      const playbook = await m
        .createQueryBuilder(Playbook, 'p')
        .setLock('pessimistic_write')
        .where('p.id = :id AND p.organization_id = :org', { id: playbookId, org: ctx.organizationId })
        .getOne();
      if (!playbook) throw notFound('Playbook', playbookId);
      await this.assertCanEdit(m, ctx, playbook.legionId);
      const latest = await m.findOne(PlaybookVersion, { where: { playbookId: playbook.id }, order: { number: 'DESC' } });
      if (latest?.status === PlaybookVersionStatus.DRAFT)
        throw conflict(`Version ${latest.number} is already a draft; edit it instead.`, { draftVersionId: latest.id });
      const content = latest ? await this.content(ctx, latest.id, m) : { steps: [], objections: [] };
      const number = (latest?.number ?? 0) + 1;
      const version = await this.insertVersion(m, ctx, playbook.id, number, latest?.id ?? null, '', content);
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
  private async answerIdsOf(m: EntityManager, ctx: RequestContext, playbookId: string): Promise<Set<string>> {
    const rows: { id: string }[] = await m.query(
      `SELECT DISTINCT a->>'id' AS id FROM playbook_objection o JOIN playbook_version v ON v.id = o.version_id
         CROSS JOIN LATERAL jsonb_array_elements(o.answers) a
        WHERE v.playbook_id = $1 AND o.organization_id = $2`,
      [playbookId, ctx.organizationId],
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * For links from other contexts (an experiment testing a step): problems with a playbook id and
   * step key of the caller's organization, as field errors; the step must exist in some version.
   */
  async stepRefErrors(m: EntityManager, ctx: RequestContext, playbookId: string, stepKey: string, prefix: string): Promise<FieldError[]> {
    if (!isUuid(playbookId)) return [{ field: `${prefix}.playbookId`, message: 'must be a UUID' }];
    const playbook = await m.findOne(Playbook, { where: { id: playbookId, organizationId: ctx.organizationId } });
    if (!playbook) return [{ field: `${prefix}.playbookId`, message: `playbook ${playbookId} was not found` }];
    const [row] = await m.query(
      `SELECT 1 FROM playbook_step s JOIN playbook_version v ON v.id = s.version_id WHERE v.playbook_id = $1 AND s.key = $2 LIMIT 1`,
      [playbook.id, stepKey],
    );
    return row ? [] : [{ field: `${prefix}.playbookStepKey`, message: `playbook '${playbook.name}' has no step '${stepKey}'` }];
  }

  /** Validates and freezes a draft; the previously published version of the playbook is retired. */
  async publish(ctx: RequestContext, versionId: string): Promise<PlaybookVersion & { warnings: string[] }> {
    return this.tx.run(async (m) => {
      const version = await this.version(ctx, versionId, m, true);
      const playbook = await this.playbook(ctx, version.playbookId, m);
      await this.assertCanPublish(m, ctx, playbook.legionId);
      this.assertDraft(version);
      const content = await this.content(ctx, version.id, m);
      const errors = [...validateContent(content), ...(await this.personas.unknownPersonaErrors(m, ctx.organizationId, personaRefs(content)))];
      if (errors.length) throw badInput(errors, `Version ${version.number} cannot be published: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
      const warnings = missingVariantWarnings(content, await this.producedPersonas(m, ctx.organizationId, playbook.kind));
      const now = new Date();
      const previous = await m.find(PlaybookVersion, { where: { playbookId: playbook.id, status: PlaybookVersionStatus.PUBLISHED } });
      for (const p of previous) {
        await m.update(PlaybookVersion, { id: p.id }, { status: PlaybookVersionStatus.RETIRED, retiredAt: now });
      }
      Object.assign(version, { status: PlaybookVersionStatus.PUBLISHED, publishedAt: now, publishedById: ctx.userId });
      await m.save(version);
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
  private async producedPersonas(m: EntityManager, organizationId: string, kind: TeamKind): Promise<{ key: string; source: string }[]> {
    return m.query(
      `SELECT DISTINCT x.key, 'survey "' || s.name || '"' AS source
         FROM survey s JOIN survey_version v ON v.id = s.current_version_id,
              LATERAL (SELECT r->>'persona' FROM jsonb_array_elements(coalesce(v.definition->'personas', '[]'::jsonb)) r
                       UNION SELECT v.definition->>'defaultPersona') AS x(key)
        WHERE s.organization_id = $1 AND s.kind = $2 AND coalesce(x.key, '') <> ''`,
      [organizationId, kind === TeamKind.PRE_SALES ? 'INTAKE' : 'ONBOARDING'],
    );
  }

  /** Retires a published version: new cohorts cannot use it; running cohorts and the history keep reading it. */
  async retire(ctx: RequestContext, versionId: string): Promise<PlaybookVersion> {
    return this.tx.run(async (m) => {
      const version = await this.version(ctx, versionId, m, true);
      const playbook = await this.playbook(ctx, version.playbookId, m);
      await this.assertCanPublish(m, ctx, playbook.legionId);
      if (version.status === PlaybookVersionStatus.RETIRED) return version;
      if (version.status !== PlaybookVersionStatus.PUBLISHED) throw conflict(`Version ${version.number} is a draft; only published versions can be retired.`);
      Object.assign(version, { status: PlaybookVersionStatus.RETIRED, retiredAt: new Date() });
      await m.save(version);
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
    return this.tx.run(async (m) => {
      const source = await this.playbook(ctx, input.playbookId, m);
      const legion = await this.legionFor(m, ctx, input.legionId, 'legionId');
      await this.assertCanEdit(m, ctx, legion.id);
      if (legion.kind !== source.kind)
        throw badInput([{ field: 'legionId', message: `legion "${legion.name}" is ${legion.kind}; this playbook is ${source.kind}` }]);
      let from: PlaybookVersion | null;
      if (input.versionId) {
        from = await this.version(ctx, input.versionId, m);
        if (from.playbookId !== source.id) throw badInput([{ field: 'versionId', message: 'is not a version of this playbook' }]);
      } else {
        from =
          (await m.findOne(PlaybookVersion, { where: { playbookId: source.id, status: PlaybookVersionStatus.PUBLISHED }, order: { number: 'DESC' } })) ??
          (await m.findOne(PlaybookVersion, { where: { playbookId: source.id }, order: { number: 'DESC' } }));
      }
      const name = input.name?.trim() || source.name;
      await this.assertUniqueName(m, ctx, legion.id, name);
      const playbook = await m.save(
        m.create(Playbook, {
          organizationId: ctx.organizationId,
          legionId: legion.id,
          name,
          description: source.description,
          kind: source.kind,
          productName: source.productName,
          clonedFromPlaybookId: source.id,
          clonedFromVersionId: from?.id ?? null,
          createdById: ctx.userId,
        }),
      );
      const content = from ? await this.content(ctx, from.id, m) : { steps: [], objections: [] };
      const version = await this.insertVersion(m, ctx, playbook.id, 1, from?.id ?? null, from ? `Cloned from "${source.name}" v${from.number}` : '', content);
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

  private async legionFor(m: EntityManager, ctx: RequestContext, id: string, field: string): Promise<Legion> {
    const legion = await m.findOne(Legion, { where: { id, organizationId: ctx.organizationId } });
    if (!legion) throw badInput([{ field, message: 'no such legion in this organization' }]);
    return legion;
  }

  private async assertUniqueName(m: EntityManager, ctx: RequestContext, legionId: string, name: string): Promise<void> {
    if (await m.exists(Playbook, { where: { organizationId: ctx.organizationId, legionId, name } })) {
      throw conflict(`The legion already has a playbook named "${name}".`);
    }
  }

  private async insertVersion(
    m: EntityManager,
    ctx: RequestContext,
    playbookId: string,
    number: number,
    basedOnVersionId: string | null,
    changeNote: string,
    content: PlaybookContent,
  ): Promise<PlaybookVersion> {
    const version = await m.save(
      m.create(PlaybookVersion, {
        organizationId: ctx.organizationId,
        playbookId,
        number,
        status: PlaybookVersionStatus.DRAFT,
        basedOnVersionId,
        changeNote,
        publishedAt: null,
        publishedById: null,
        retiredAt: null,
      }),
    );
    await this.insertContent(m, ctx, version.id, content);
    return version;
  }

  private async insertContent(m: EntityManager, ctx: RequestContext, versionId: string, content: PlaybookContent): Promise<void> {
    if (content.steps.length) {
      await m.insert(
        PlaybookStep,
        content.steps.map((s, position) => ({ ...s, organizationId: ctx.organizationId, versionId, position })),
      );
    }
    if (content.objections.length) {
      await m.insert(
        PlaybookObjection,
        content.objections.map((o, position) => ({ ...o, organizationId: ctx.organizationId, versionId, position })),
      );
    }
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
