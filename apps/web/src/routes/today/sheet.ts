import type { AgendaItemFieldsFragment, MyAgendaQuery } from '../../gql/graphql';

type Sheet = MyAgendaQuery['myAgendaSheet'];

/** An agenda item with its step, script and objections, as the screen shows it. */
export type AgendaItem = AgendaItemFieldsFragment & {
  step: Sheet['steps'][number];
  script: Omit<Sheet['scripts'][number], 'id'> | null;
  objections: Omit<Sheet['objections'][number], 'ref'>[];
};

/** What an item takes from the sheet's side tables (docs/sop.md "Agenda sheet"), by item id. */
export type SheetParts = Map<string, Pick<AgendaItem, 'step' | 'script' | 'objections'>>;

/** Resolves each item's stepId, scriptRef and objectionSetRef against the sheet's side tables. */
export function sheetParts(sheet: Sheet): SheetParts {
  const steps = new Map(sheet.steps.map((s) => [s.id, s]));
  const scripts = new Map(sheet.scripts.map(({ id, ...s }) => [id, s]));
  const objections = new Map(sheet.objections.map(({ ref, ...o }) => [ref, o]));
  const sets = new Map(sheet.objectionSets.map((s) => [s.id, s.objectionRefs.flatMap((r) => objections.get(r) ?? [])]));
  const parts: SheetParts = new Map();
  for (const i of sheet.items) {
    const step = steps.get(i.stepId);
    if (!step) continue;
    parts.set(i.id, { step, script: i.scriptRef ? (scripts.get(i.scriptRef) ?? null) : null, objections: sets.get(i.objectionSetRef ?? '') ?? [] });
  }
  return parts;
}
