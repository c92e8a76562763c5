import { DateTime } from 'luxon';
import { pickVariant, renderTemplate, type TemplateValues } from '@lib/script';
import type { ObjectionAnswerData, ScriptVariantData } from './entities/playbook.entity.js';

export interface ScriptContext {
  lead: { name: string; persona: string | null; tier: string | null } | null;
  rep: { name: string } | null;
  squadName: string | null;
  cohort: { name: string; startDate: string; timeZone: string; offerDeadline: Date | null };
  productName: string | null;
  day: number;
}

const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;

/** Values of the SCRIPT_VARIABLES for one agenda item (absent ones stay visible as {{name}} when rendered). */
export function scriptValues(c: ScriptContext): TemplateValues {
  return {
    'lead.name': c.lead?.name,
    'lead.firstName': c.lead ? firstName(c.lead.name) : undefined,
    'lead.persona': c.lead?.persona,
    'lead.tier': c.lead?.tier,
    'rep.name': c.rep?.name,
    'rep.firstName': c.rep ? firstName(c.rep.name) : undefined,
    'squad.name': c.squadName,
    'cohort.name': c.cohort.name,
    'cohort.startDate': c.cohort.startDate,
    day: c.day,
    'product.name': c.productName,
    deadline: c.cohort.offerDeadline ? deadlineText(c.cohort.offerDeadline, c.cohort.timeZone) : undefined,
  };
}

/** The offer deadline as scripts show it, in the cohort's zone (formatted once per instant and zone: the items of a cohort share it). */
const deadlines = new Map<string, string>();
function deadlineText(at: Date, zone: string): string {
  const key = `${at.getTime()}|${zone}`;
  let text = deadlines.get(key);
  if (text === undefined) {
    if (deadlines.size >= 1000) deadlines.clear();
    text = DateTime.fromJSDate(at, { zone }).toFormat('ccc d LLL yyyy HH:mm');
    deadlines.set(key, text);
  }
  return text;
}

/** The variant for the lead's persona (else the default text) rendered with the item's values; null when the step has no script. */
export function renderScript(
  scripts: ScriptVariantData[],
  persona: string | null,
  values: TemplateValues,
): { text: string; persona: string | null; missingVariables: string[] } | null {
  const variant = pickVariant(scripts, persona);
  if (!variant) return null;
  const { text, missing } = renderTemplate(variant.text, values);
  return { text, persona: variant.persona, missingVariables: missing };
}

/** Answers for the lead's persona first, then general ones (no persona), then the rest; each rendered. */
export function renderAnswers(answers: ObjectionAnswerData[], persona: string | null, values: TemplateValues): ObjectionAnswerData[] {
  const rank = (a: ObjectionAnswerData) => (persona !== null && a.persona === persona ? 0 : a.persona === null ? 1 : 2);
  return answers
    .map((a, i) => ({ a, i }))
    .sort((x, y) => rank(x.a) - rank(y.a) || x.i - y.i)
    .map(({ a }) => ({ ...a, text: renderTemplate(a.text, values).text }));
}
