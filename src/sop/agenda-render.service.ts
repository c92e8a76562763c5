import { Injectable } from '@nestjs/common';
import { extractVariables, pickVariant, type TemplateValues } from '@lib/script';
import { byKeys, type RequestContext } from '../common/request-context.js';
import { AgendaRepository, type ItemContextRow } from './agenda.repository.js';
import type { PlaybookObjection, PlaybookStep } from './entities/playbook.entity.js';
import type { AgendaItemModel, AgendaSheetModel, AgendaSheetObjectionModel, RenderedScriptModel } from './models/sop.models.js';
import { renderAnswers, renderScript, scriptValues } from './render.js';
import { SopLoaders } from './sop.loaders.js';

type Item = Pick<AgendaItemModel, 'id' | 'stepId' | 'cohortId' | 'leadId' | 'repId' | 'squadId' | 'day'>;

/** What one request has rendered so far: each distinct script and objection list once. */
interface RenderCache {
  scripts: Map<string, { id: string; script: RenderedScriptModel | null }>;
  objectionSets: Map<string, ObjectionSet>;
  objections: Map<string, AgendaSheetObjectionModel>;
  values: Map<string, Promise<ItemValues>>;
}

interface ItemValues {
  values: TemplateValues;
  persona: string | null;
  content: VersionContent | null;
}

/** Steps and objections of a playbook version. */
interface VersionContent {
  steps: Map<string, PlaybookStep>;
  objections: PlaybookObjection[];
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

/** The values a set of templates actually reads, as a cache key (two items with equal keys render the same text). */
function valuesKey(templates: readonly string[], values: TemplateValues): string {
  const names = new Set<string>();
  for (const t of templates) for (const n of variables(t)) names.add(n);
  return JSON.stringify([...names].sort().map((n) => [n, values[n] ?? null]));
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
      c = { scripts: new Map(), objectionSets: new Map(), objections: new Map(), values: new Map() };
      this.caches.set(ctx, c);
    }
    return c;
  }

  /** The item's script for its lead's persona, rendered (null without a script), with its id within this request. */
  async script(ctx: RequestContext, item: Item): Promise<{ id: string; script: RenderedScriptModel | null } | null> {
    const { values, persona, content } = await this.values(ctx, item);
    const step = await this.step(ctx, item, content);
    if (!step) return null;
    const variant = pickVariant(step.scripts, persona);
    const key = variant ? `${step.id}|${variant.persona ?? ''}|${valuesKey([variant.text], values)}` : `${step.id}|none`;
    const scripts = this.cache(ctx).scripts;
    let hit = scripts.get(key);
    if (!hit) {
      hit = { id: `s${scripts.size + 1}`, script: renderScript(step.scripts, persona, values) };
      scripts.set(key, hit);
    }
    return hit;
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
    const cache = this.cache(ctx);
    const list = [...all.filter((o) => o.stepKey === step.key), ...all.filter((o) => o.stepKey === null)].map((o) => {
      const personaMatters = o.answers.some((a) => a.persona !== null);
      const key = `${o.id}|${personaMatters ? (persona ?? '') : ''}|${valuesKey(
        o.answers.map((a) => a.text),
        values,
      )}`;
      let hit = cache.objections.get(key);
      if (!hit) {
        hit = {
          ref: `b${cache.objections.size + 1}`,
          id: o.id,
          key: o.key,
          stepKey: o.stepKey,
          objection: o.objection,
          answers: renderAnswers(o.answers, persona, values),
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
    return set;
  }

  /** Items with their distinct steps, scripts and objection lists in side tables (docs/sop.md "Agenda sheet"). */
  async sheet(ctx: RequestContext, items: AgendaItemModel[]): Promise<AgendaSheetModel> {
    const refs = await Promise.all(
      items.map(async (i) => Promise.all([this.step(ctx, i, (await this.values(ctx, i)).content), this.script(ctx, i), this.objections(ctx, i)])),
    );
    const steps = new Map<string, PlaybookStep>();
    const scripts = new Map<string, { id: string } & RenderedScriptModel>();
    const objectionSets = new Map<string, ObjectionSet>();
    const out = items.map((item, n) => {
      const [step, script, objections] = refs[n]!;
      if (step) steps.set(step.id, step);
      if (script?.script) scripts.set(script.id, { id: script.id, ...script.script });
      objectionSets.set(objections.id, objections);
      return Object.assign(item, { scriptRef: script?.script ? script.id : null, objectionSetRef: objections.id });
    });
    const objections = new Map<string, AgendaSheetObjectionModel>();
    for (const set of objectionSets.values()) for (const o of set.objections) objections.set(o.ref, o);
    return {
      items: out,
      steps: [...steps.values()],
      scripts: [...scripts.values()],
      objectionSets: [...objectionSets.values()].map((s) => ({ id: s.id, objectionRefs: s.objections.map((o) => o.ref) })),
      objections: [...objections.values()],
    };
  }

  /** The item's step: from its version's content when loaded, else through the loader. */
  private async step(ctx: RequestContext, item: Item, content: VersionContent | null): Promise<PlaybookStep | null> {
    return content?.steps.get(item.stepId) ?? (await this.loaders.step(ctx, item.stepId));
  }

  /** The item's script values, its lead's persona and its version's content, once per item and request. */
  private values(ctx: RequestContext, item: Item): Promise<ItemValues> {
    const cache = this.cache(ctx).values;
    let v = cache.get(item.id);
    if (!v) {
      v = this.loadValues(ctx, item);
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
    const values = scriptValues({
      lead,
      rep: row?.repName != null ? { name: row.repName } : null,
      squadName: row?.squadName ?? null,
      cohort: row
        ? { name: row.cohortName, startDate: row.startDate, timeZone: row.timeZone, offerDeadline: row.offerDeadline }
        : { name: '', startDate: '', timeZone: 'UTC', offerDeadline: null },
      productName: row?.cohortProduct ?? row?.playbookProduct ?? null,
      day: item.day,
    });
    return { values, persona: lead?.persona ?? null, content };
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
