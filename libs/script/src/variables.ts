/** A variable that SOP script templates may use, e.g. `{{lead.firstName}}`. */
export interface ScriptVariable {
  name: string;
  description: string;
}

/** The canonical variables available to SOP scripts (the `allowed` list for validateTemplate). */
export const SCRIPT_VARIABLES = [
  { name: 'lead.name', description: "Lead's full name" },
  { name: 'lead.firstName', description: "Lead's first name, for a personal greeting" },
  { name: 'lead.persona', description: "Lead's persona (the segment the script variant targets)" },
  { name: 'lead.tier', description: "Lead's intent tier from the intake score" },
  { name: 'rep.name', description: "Assigned sales rep's full name" },
  { name: 'rep.firstName', description: "Assigned sales rep's first name" },
  { name: 'squad.name', description: "Name of the rep's squad" },
  { name: 'cohort.name', description: 'Name of the camp cohort' },
  { name: 'cohort.startDate', description: 'Cohort start date (day 0), as shown to the lead' },
  { name: 'day', description: 'Current camp day number (0 = start date)' },
  { name: 'product.name', description: 'Name of the course or product being sold' },
  { name: 'deadline', description: 'Offer or enrolment deadline, as shown to the lead' },
] as const satisfies readonly ScriptVariable[];

export type ScriptVariableName = (typeof SCRIPT_VARIABLES)[number]['name'];

/** Names only, in the same order as SCRIPT_VARIABLES. */
export const SCRIPT_VARIABLE_NAMES: readonly ScriptVariableName[] = SCRIPT_VARIABLES.map((v) => v.name);
