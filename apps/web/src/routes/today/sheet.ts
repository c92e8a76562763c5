import { useState } from 'react';
import { useQuery, type CombinedError } from 'urql';
import type { AgendaItemFieldsFragment, AgendaSheetDetailsFragment, MyAgendaQuery } from '../../gql/graphql';
import { AgendaItemDetailsDoc } from './operations';

type Sheet = MyAgendaQuery['myAgendaSheet'];

/** An agenda item with its step, as the lists show it. */
export type ListItem = AgendaItemFieldsFragment & { step: Sheet['steps'][number] };

/** An item's script and objections (sent for some items only: docs/sop.md "Agenda sheet", `details`). */
export interface ItemDetails {
  script: Omit<Sheet['scripts'][number], 'id'> | null;
  objections: Omit<Sheet['objections'][number], 'ref'>[];
}

/** An agenda item with its step, script and objections, as the item card shows it. */
export type AgendaItem = ListItem & ItemDetails;

/** Each item's step (every item has it), by item id. */
export function sheetSteps(sheet: Sheet): Map<string, ListItem['step']> {
  const steps = new Map(sheet.steps.map((s) => [s.id, s]));
  const byItem = new Map<string, ListItem['step']>();
  for (const i of sheet.items) {
    const step = steps.get(i.stepId);
    if (step) byItem.set(i.id, step);
  }
  return byItem;
}

/** The script and objections of the items whose details the sheet sent, by item id (scriptRef and objectionSetRef resolved). */
export function sheetDetails(sheet: AgendaSheetDetailsFragment): Map<string, ItemDetails> {
  const scripts = new Map(sheet.scripts.map(({ id, ...s }) => [id, s]));
  const objections = new Map(sheet.objections.map(({ ref, ...o }) => [ref, o]));
  const sets = new Map(sheet.objectionSets.map((s) => [s.id, s.objectionRefs.flatMap((r) => objections.get(r) ?? [])]));
  const details = new Map<string, ItemDetails>();
  for (const i of sheet.items) {
    if (i.detailsSent === false) continue;
    details.set(i.id, { script: i.scriptRef ? (scripts.get(i.scriptRef) ?? null) : null, objections: sets.get(i.objectionSetRef ?? '') ?? [] });
  }
  return details;
}

/**
 * The details of item `id`: from the sheet when it sent them (the current items), else asked for
 * with AgendaItemDetailsDoc over the same range, and kept. `details` is null while they load (or failed:
 * `error`, `retry`).
 */
export function useItemDetails(
  variables: { from: string; to: string },
  sheet: Sheet | undefined,
  id: string | null,
): { details: ItemDetails | null; error?: CombinedError; retry: () => void } {
  // Every item's details seen so far, the latest answer winning: an item that stops being current
  // after a refetch (the one just completed) keeps them instead of asking again. Updated while
  // rendering when a new answer arrives (React's "state from the previous render" pattern).
  const [seen, setSeen] = useState<{ answers: AgendaSheetDetailsFragment[]; byItem: Map<string, ItemDetails> }>({ answers: [], byItem: new Map() });
  let byItem = seen.byItem;
  const merge = (a: AgendaSheetDetailsFragment | undefined) => {
    if (!a || seen.answers.includes(a)) return;
    if (byItem === seen.byItem) byItem = new Map(byItem);
    for (const [itemId, d] of sheetDetails(a)) byItem.set(itemId, d);
  };
  merge(sheet);
  const [{ data, error, operation }, refetch] = useQuery({
    query: AgendaItemDetailsDoc,
    variables: { ...variables, id: id ?? '' },
    pause: !id || !sheet || byItem.has(id),
  });
  merge(data?.myAgendaSheet);
  if (byItem !== seen.byItem) setSeen({ answers: [sheet, data?.myAgendaSheet].filter((a) => a !== undefined), byItem });
  const retry = () => refetch({ requestPolicy: 'network-only' });
  if (!id) return { details: null, retry };
  const details = byItem.get(id);
  if (details) return { details, retry };
  const answered = operation?.variables.id === id;
  // Answered for this id without it (the item left the range meanwhile): nothing to show.
  if (data && answered) return { details: { script: null, objections: [] }, retry };
  return { details: null, error: answered ? error : undefined, retry };
}
