import { Injectable } from '@nestjs/common';
import { extractVariables, pickVariant, type TemplateValues } from '@lib/script';
import { preloadFields } from '../common/graphql/preloaded.js';
import { byKeys, type RequestContext } from '../common/request-context.js';
import { AgendaDetails, detailedItemIds } from './agenda-details.js';
import { AgendaRepository, type AgendaLeadRow, type ItemContextRow } from './agenda.repository.js';
import type { AgendaSheetItem } from './agenda.service.js';
import type { ObjectionAnswerData, PlaybookObjection, PlaybookStep } from './entities/playbook.entity.js';
import type { AgendaItemModel, AgendaSheetModel, AgendaSheetObjectionModel, RenderedScriptModel } from './models/sop.models.js';
import { renderAnswers, renderScript, scriptValues } from './render.js';
import { SopLoaders } from './sop.loaders.js';

type Item = Pick<AgendaItemModel, 'id' | 'stepId' | 'cohortId' | 'leadId' | 'repId' | 'squadId' | 'day'>;

/** What one request has rendered so far: each distinct script and objection list once. */
interface RenderCache {
  scripts: Map<string, { id: string; script: RenderedScriptModel | null }>;
  objectionSets: Map<string, ObjectionSet>;
  objections: Map<string, AgendaSheetObjectionModel>;
  /** Per objection list (of `stepObjections`), its rendered set by persona and the values its answers read. */
  setsByList: Map<readonly PlaybookObjection[], Map<string, ObjectionSet>>;
  values: Map<string, Promise<ItemValues>>;
  /** Values of a sheet's items, computed when first needed. */
  lazyValues: Map<string, () => ItemValues>;
}

interface ItemValues {
  values: TemplateValues;
  persona: string | null;
  content: VersionContent | null;
}

/** Steps and objections of a playbook version. */
interface VersionContent {
  steps: Map<string, PlaybookStep>;
  objections: readonly PlaybookObjection[];
}

/** Published (and retired) versions never change: their steps and objections are kept, at most this many versions. */
const MAX_CACHED_VERSIONS = 200;

interface ObjectionSet {
  id: string;
  objections: AgendaSheetObjectionModel[];
}

/** Variables used by a template (parsed once per process; templates are few and shared by many items). */
const variablesOf = new Map<string, string[]>();
function variables(template: string): string[] {
  let v = variablesOf.get(template);
  if (!v) {
    if (variablesOf.size > 5000) variablesOf.clear();
    v = extractVariables(template);
    variablesOf.set(template, v);
  }
  return v;
}

/** The variables a set of templates reads, sorted (each variant or objection is looked at once per process while it lives). */
const readsOf = new WeakMap<object, string[]>();
function reads(owner: object, templates: () => readonly string[]): string[] {
  let names = readsOf.get(owner);
  if (!names) {
    const set = new Set<string>();
    for (const t of templates()) for (const n of variables(t)) set.add(n);
    names = [...set].sort();
    readsOf.set(owner, names);
  }
  return names;
}

/** The values of `names`, as a cache key (two items with equal keys render the same text). */
function valuesKey(names: readonly string[], values: TemplateValues): string {
  let key = '';
  for (const n of names) key += `${JSON.stringify(values[n] ?? null)},`;
  return key;
}

/** A step's objections then its playbook's, in that order (per list of a version's objections and step key). */
const stepObjectionsOf = new WeakMap<readonly PlaybookObjection[], Map<string, PlaybookObjection[]>>();
function stepObjections(all: readonly PlaybookObjection[], stepKey: string): PlaybookObjection[] {
  let byStep = stepObjectionsOf.get(all);
  if (!byStep) stepObjectionsOf.set(all, (byStep = new Map()));
  let list = byStep.get(stepKey);
  if (!list) {
    list = [...all.filter((o) => o.stepKey === stepKey), ...all.filter((o) => o.stepKey === null)];
    byStep.set(stepKey, list);
  }
  return list;
}

/** Whether an answer of the list has a persona (then the persona picks the order of answers). */
const personaMattersOf = new WeakMap<readonly PlaybookObjection[], boolean>();
function personaMattersIn(list: readonly PlaybookObjection[]): boolean {
  let m = personaMattersOf.get(list);
  if (m === undefined) {
    m = list.some((o) => o.answers.some((a) => a.persona !== null));
    personaMattersOf.set(list, m);
  }
  return m;
}

/**
 * Rendered answers per objection, by persona (when it matters) and the values they read, kept
 * across requests while the objection object lives: a published version's objections are kept by
 * AgendaRenderService (they never change), a draft's are loaded anew per request. Bounded per
 * objection (a template reading the lead's name renders once per lead).
 */
const renderedAnswers = new WeakMap<PlaybookObjection, Map<string, ObjectionAnswerData[]>>();
const MAX_RENDERED_PER_OBJECTION = 2000;
function answersOf(o: PlaybookObjection, key: string, persona: string | null, values: TemplateValues): ObjectionAnswerData[] {
  let byKey = renderedAnswers.get(o);
  if (!byKey) renderedAnswers.set(o, (byKey = new Map()));
  let answers = byKey.get(key);
  if (!answers) {
    if (byKey.size >= MAX_RENDERED_PER_OBJECTION) byKey.clear();
    answers = renderAnswers(o.answers, persona, values);
    byKey.set(key, answers);
  }
  return answers;
}

/**
 * Renders agenda items' scripts and objections, each distinct result once per request: two items
 * whose step, persona variant and the values the templates read are equal share one rendering
 * (and, in an AgendaSheet, one entry of the response).
 */
@Injectable()
export class AgendaRenderService {
  private readonly caches = new WeakMap<RequestContext, RenderCache>();
  private readonly published = new Map<string, VersionContent>();

  constructor(
    private readonly repo: AgendaRepository,
    private readonly loaders: SopLoaders,
  ) {}

  private cache(ctx: RequestContext): RenderCache {
    let c = this.caches.get(ctx);
    if (!c) {
      c = { scripts: new Map(), objectionSets: new Map(), objections: new Map(), setsByList: new Map(), values: new Map(), lazyValues: new Map() };
      this.caches.set(ctx, c);
    }
    return c;
  }

  /** The item's script for its lead's persona, rendered (null without a script), with its id within this request. */
  async script(ctx: RequestContext, item: Item): Promise<{ id: string; script: RenderedScriptModel | null } | null> {
    const { values, persona, content } = await this.values(ctx, item);
    const step = await this.step(ctx, item, content);
    return step ? this.renderScript(this.cache(ctx), step, persona, values) : null;
  }

  /**
   * The step's objections then the playbook's, answers for the lead's persona first, rendered; with
   * the list's id within this request. Each objection is rendered once per request for the persona
   * (when it has persona answers) and the values its answers read.
   */
  async objections(ctx: RequestContext, item: Item): Promise<ObjectionSet> {
    const { values, persona, content } = await this.values(ctx, item);
    const step = await this.step(ctx, item, content);
    if (!step) return { id: 'o0', objections: [] };
    const all = content && content.steps.has(step.id) ? content.objections : await this.loaders.objections(ctx, step.versionId);
    return this.renderObjections(this.cache(ctx), step, all, persona, values);
  }

  /**
   * An AgendaSheet (docs/sop.md "Agenda sheet") of items read with their context, lead and logs in
   * one statement (`AgendaService.myAgendaSheet` / `squadAgendaSheet`): the playbook content comes
   * from the process's cache of frozen versions (else from the loaders), the item fields `lead`,
   * `objectionLogs`, `script` and `objections` reuse what was read and rendered here.
   */
  async sheet(
    ctx: RequestContext,
    rows: AgendaSheetItem[],
    details: AgendaDetails = AgendaDetails.ALL,
    detailsFor?: readonly string[] | null,
  ): Promise<AgendaSheetModel> {
    const cache = this.cache(ctx);
    // The items left out get their step only: no values, no rendering (that is the sheet's CPU).
    const detailed = detailedItemIds(
      rows.map((r) => r.item),
      details,
      detailsFor,
    );
    const versions = new Map<string, string>();
    for (const r of rows) versions.set(r.context.versionId, r.context.versionStatus);
    const contents = new Map<string, VersionContent>();
    await Promise.all([...versions].map(async ([id, status]) => contents.set(id, await this.content(ctx, id, status))));
    const prepared = rows.map(({ item, context, lead, logs }) => {
      this.loaders.primeAgendaItem(ctx, item, lead, logs);
      // What the item fields `lead` and `objectionLogs` return for it (from the loaders just primed).
      preloadFields(item, { lead: item.leadId ? lead : null, objectionLogs: logs });
      const content = contents.get(context.versionId)!;
      const values = (): ItemValues => ({ values: valuesOf(context, lead, item.day), persona: lead?.persona ?? null, content });
      // An item left out computes its values only if its own `script` / `objections` field is asked for.
      cache.lazyValues.set(item.id, values);
      return { item, values, detailed: !detailed || detailed.has(item.id), step: content.steps.get(item.stepId) ?? null };
    });
    // An item whose step is not of its cohort's version (not made by the current code): read through the loaders, as the item fields do.
    const odd = prepared.filter((p) => !p.step);
    await Promise.all(odd.map(async (p) => (p.step = await this.loaders.step(ctx, p.item.stepId))));
    const oddObjections = new Map<string, readonly PlaybookObjection[]>();
    await Promise.all(
      [...new Set(odd.flatMap((p) => (p.step && p.detailed ? [p.step.versionId] : [])))].map(async (v) =>
        oddObjections.set(v, await this.loaders.objections(ctx, v)),
      ),
    );

    const steps = new Map<string, PlaybookStep>();
    const scripts = new Map<string, { id: string } & RenderedScriptModel>();
    const objectionSets = new Map<string, ObjectionSet>();
    const items = prepared.map(({ item, values: itemValues, detailed, step }) => {
      if (step) steps.set(step.id, step);
      if (!detailed) return Object.assign(item, { scriptRef: null, objectionSetRef: null, detailsSent: false });
      if (!step) {
        objectionSets.set('o0', { id: 'o0', objections: [] });
        return Object.assign(item, { scriptRef: null, objectionSetRef: 'o0', detailsSent: true });
      }
      const computed = itemValues();
      cache.values.set(item.id, Promise.resolve(computed));
      const { values, persona, content } = computed;
      const script = this.renderScript(cache, step, persona, values);
      if (script.script) scripts.set(script.id, { id: script.id, ...script.script });
      const all = content!.steps.has(step.id) ? content!.objections : oddObjections.get(step.versionId)!;
      const set = this.renderObjections(cache, step, all, persona, values);
      objectionSets.set(set.id, set);
      return Object.assign(item, { scriptRef: script.script ? script.id : null, objectionSetRef: set.id, detailsSent: true });
    });
    const objections = new Map<string, AgendaSheetObjectionModel>();
    for (const set of objectionSets.values()) for (const o of set.objections) objections.set(o.ref, o);
    return {
      items,
      steps: [...steps.values()],
      scripts: [...scripts.values()],
      objectionSets: [...objectionSets.values()].map((s) => ({ id: s.id, objectionRefs: s.objections.map((o) => o.ref) })),
      objections: [...objections.values()],
    };
  }

  /** The step's script for the persona with these values, rendered once per request. */
  private renderScript(
    cache: RenderCache,
    step: PlaybookStep,
    persona: string | null,
    values: TemplateValues,
  ): { id: string; script: RenderedScriptModel | null } {
    const variant = pickVariant(step.scripts, persona);
    const key = variant
      ? `${step.id}|${variant.persona ?? ''}|${valuesKey(
          reads(variant, () => [variant.text]),
          values,
        )}`
      : `${step.id}|none`;
    let hit = cache.scripts.get(key);
    if (!hit) {
      hit = { id: `s${cache.scripts.size + 1}`, script: renderScript(step.scripts, persona, values) };
      cache.scripts.set(key, hit);
    }
    return hit;
  }

  /** The step's objection list for the persona with these values, each objection and each list rendered once per request. */
  private renderObjections(
    cache: RenderCache,
    step: PlaybookStep,
    all: readonly PlaybookObjection[],
    persona: string | null,
    values: TemplateValues,
  ): ObjectionSet {
    const objections = stepObjections(all, step.key);
    // The whole set depends only on the list, the persona (when an answer has one) and the values
    // its answers read: items that agree on those share it without keying each objection again.
    let byValues = cache.setsByList.get(objections);
    if (!byValues) cache.setsByList.set(objections, (byValues = new Map()));
    const setKey = `${personaMattersIn(objections) ? (persona ?? '') : ''}|${valuesKey(
      reads(objections, () => objections.flatMap((o) => o.answers.map((a) => a.text))),
      values,
    )}`;
    const known = byValues.get(setKey);
    if (known) return known;
    const list = objections.map((o) => {
      const personaMatters = o.answers.some((a) => a.persona !== null);
      const answersKey = `${personaMatters ? (persona ?? '') : ''}|${valuesKey(
        reads(o, () => o.answers.map((a) => a.text)),
        values,
      )}`;
      const key = `${o.id}|${answersKey}`;
      let hit = cache.objections.get(key);
      if (!hit) {
        hit = {
          ref: `b${cache.objections.size + 1}`,
          id: o.id,
          key: o.key,
          stepKey: o.stepKey,
          objection: o.objection,
          answers: answersOf(o, answersKey, persona, values),
        };
        cache.objections.set(key, hit);
      }
      return hit;
    });
    const key = list.map((o) => o.ref).join(',');
    let set = cache.objectionSets.get(key);
    if (!set) {
      set = { id: `o${cache.objectionSets.size + 1}`, objections: list };
      cache.objectionSets.set(key, set);
    }
    byValues.set(setKey, set);
    return set;
  }

  /** The item's step: from its version's content when loaded, else through the loader. */
  private async step(ctx: RequestContext, item: Item, content: VersionContent | null): Promise<PlaybookStep | null> {
    return content?.steps.get(item.stepId) ?? (await this.loaders.step(ctx, item.stepId));
  }

  /** The item's script values, its lead's persona and its version's content, once per item and request. */
  private values(ctx: RequestContext, item: Item): Promise<ItemValues> {
    const { values: cache, lazyValues } = this.cache(ctx);
    let v = cache.get(item.id);
    if (!v) {
      const lazy = lazyValues.get(item.id);
      v = lazy ? Promise.resolve(lazy()) : this.loadValues(ctx, item);
      cache.set(item.id, v);
    }
    return v;
  }

  private async loadValues(ctx: RequestContext, item: Item): Promise<ItemValues> {
    const [row, lead] = await Promise.all([
      ctx
        .loader<string, ItemContextRow | null>('sop.agendaContext', async (ids) =>
          byKeys(ids, await this.repo.itemContexts(ctx.organizationId, ids), (r) => r.itemId),
        )
        .load(item.id),
      item.leadId ? this.loaders.lead(ctx, item.leadId) : Promise.resolve(null),
    ]);
    const content = row ? await this.content(ctx, row.versionId, row.versionStatus) : null;
    return { values: valuesOf(row, lead, item.day), persona: lead?.persona ?? null, content };
  }

  /** A version's steps and objections; kept across requests once the version is no longer a DRAFT (then they never change). */
  private async content(ctx: RequestContext, versionId: string, status: string): Promise<VersionContent> {
    const kept = this.published.get(versionId);
    if (kept) return kept;
    const [steps, objections] = await Promise.all([this.loaders.steps(ctx, versionId), this.loaders.objections(ctx, versionId)]);
    const content = { steps: new Map(steps.map((s) => [s.id, s])), objections };
    if (status !== 'DRAFT') {
      if (this.published.size >= MAX_CACHED_VERSIONS) this.published.delete(this.published.keys().next().value!);
      this.published.set(versionId, content);
    }
    return content;
  }
}

/** An item's script values from its context row (null when its cohort is gone) and its lead. */
function valuesOf(row: ItemContextRow | null, lead: AgendaLeadRow | null, day: number): TemplateValues {
  return scriptValues({
    lead,
    rep: row?.repName != null ? { name: row.repName } : null,
    squadName: row?.squadName ?? null,
    cohort: row
      ? { name: row.cohortName, startDate: row.startDate, timeZone: row.timeZone, offerDeadline: row.offerDeadline }
      : { name: '', startDate: '', timeZone: 'UTC', offerDeadline: null },
    productName: row?.cohortProduct ?? row?.playbookProduct ?? null,
    day,
  });
}
