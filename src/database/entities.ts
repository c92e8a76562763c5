import { AuditEvent } from '../audit/entities/audit-event.entity.js';
import { ApiKey } from '../auth/entities/api-key.entity.js';
import { LoginThrottle } from '../auth/entities/login-throttle.entity.js';
import { COMMERCE_ENTITIES } from '../commerce/entities/index.js';
import { COURSE_SERVICE_ENTITIES } from '../course-service/entities/index.js';
import { EXPERIMENT_ENTITIES } from '../experiments/entities/experiment.entity.js';
import { LeadAssignmentEvent, RollupDaily, RollupPeriod } from '../metrics/entities/rollup.entity.js';
import { INTAKE_ENTITIES } from '../intake/entities/index.js';
import { JobRun } from '../jobs/entities/job-run.entity.js';
import { LEAD_ENTITIES } from '../leads/entities/lead.entity.js';
import { ORGANIZATION_ENTITIES } from '../organization/entities/index.js';
import { SOP_ENTITIES } from '../sop/entities/index.js';
import { Persona } from '../personas/persona.entity.js';
import { RANKING_ENTITIES } from '../rankings/entities/ranking.entities.js';

/** Every entity of every bounded context; migrations are generated against this list. */
export const ENTITIES = [
  ...ORGANIZATION_ENTITIES,
  ApiKey,
  LoginThrottle,
  AuditEvent,
  ...LEAD_ENTITIES,
  ...COMMERCE_ENTITIES,
  RollupDaily,
  RollupPeriod,
  LeadAssignmentEvent,
  ...COURSE_SERVICE_ENTITIES,
  ...EXPERIMENT_ENTITIES,
  ...SOP_ENTITIES,
  Persona,
  ...INTAKE_ENTITIES,
  ...RANKING_ENTITIES,
  JobRun,
];
