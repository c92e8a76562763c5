import { Injectable } from '@nestjs/common';
import { extractVariables, pickVariant, type TemplateValues } from '@lib/script';
import type { RequestContext } from '../common/request-context.js';
import { OrganizationLoaders } from '../organization/organization.loaders.js';
import type { PlaybookStep } from './entities/playbook.entity.js';
import type { AgendaItemModel, AgendaSheetModel, AgendaSheetObjectionModel, RenderedScriptModel } from './models/sop.models.js';
import { renderAnswers, renderScript, scriptValues } from './render.js';
import { SopLoaders } from './sop.loaders.js';

type Item = Pick<AgendaItemModel, 'id' | 'stepId' | 'cohortId' | 'leadId' | 'repId' | 'squadId' | 'day'>;

/** What one request has rendered so far: each distinct script and objection list once. */
interface RenderCache {
  scripts: Map<string, { id: string; script: RenderedScriptModel | null }>;
  objectionSets: Map<string, ObjectionSet>;
  objections: Map<string, AgendaSheetObjectionModel>;
}

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

  constructor(
    private readonly loaders: SopLoaders,
    private readonly org: OrganizationLoaders,
  ) {}

  private cache(ctx: RequestContext): RenderCache {
    let c = this.caches.get(ctx);
    if (!c) {
      c = { scripts: new Map(), objectionSets: new Map(), objections: new Map() };
      this.caches.set(ctx, c);
    }
    return c;
  }

  /** The item's script for its lead's persona, rendered (null without a script), with its id within this request. */
  async script(ctx: RequestContext, item: Item): Promise<{ id: string; script: RenderedScriptModel | null } | null> {
    const step = await this.loaders.step(ctx, item.stepId);
    if (!step) return null;
    const { values, persona } = await this.values(ctx, item);
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
    const step = await this.loaders.step(ctx, item.stepId);
    if (!step) return { id: 'o0', objections: [] };
    const [all, { values, persona }] = await Promise.all([this.loaders.objections(ctx, step.versionId), this.values(ctx, item)]);
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
    const refs = await Promise.all(items.map((i) => Promise.all([this.loaders.step(ctx, i.stepId), this.script(ctx, i), this.objections(ctx, i)])));
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

  private async values(ctx: RequestContext, item: Item): Promise<{ values: TemplateValues; persona: string | null }> {
    const [cohort, lead, rep, squad] = await Promise.all([
      this.loaders.cohort(ctx, item.cohortId),
      item.leadId ? this.loaders.lead(ctx, item.leadId) : Promise.resolve(null),
      this.org.user(ctx, item.repId),
      this.org.squad(ctx, item.squadId),
    ]);
    const version = cohort ? await this.loaders.version(ctx, cohort.playbookVersionId) : null;
    const playbook = version ? await this.loaders.playbook(ctx, version.playbookId) : null;
    const values = scriptValues({
      lead,
      rep,
      squadName: squad?.name ?? null,
      cohort: cohort ?? { name: '', startDate: '', timeZone: 'UTC', offerDeadline: null },
      productName: cohort?.productName ?? playbook?.productName ?? null,
      day: item.day,
    });
    return { values, persona: lead?.persona ?? null };
  }
}
