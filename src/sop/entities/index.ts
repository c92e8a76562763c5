import { AgendaCancelReason, AgendaItem, AgendaItemStatus, ObjectionLog } from './agenda-item.entity.js';
import { Cohort, CohortLead, CohortSquad } from './cohort.entity.js';
import { CohortType } from './cohort-type.entity.js';
import { Playbook, PlaybookObjection, PlaybookStep, PlaybookVersion } from './playbook.entity.js';
import { SopEntry, SopJoinMode } from './sop-entry.entity.js';

export * from './playbook.entity.js';
export { AgendaCancelReason, AgendaItem, AgendaItemStatus, Cohort, CohortLead, CohortSquad, CohortType, ObjectionLog, SopEntry, SopJoinMode };
export const SOP_ENTITIES = [
  Playbook,
  PlaybookVersion,
  PlaybookStep,
  PlaybookObjection,
  CohortType,
  Cohort,
  CohortSquad,
  CohortLead,
  AgendaItem,
  ObjectionLog,
  SopEntry,
];
