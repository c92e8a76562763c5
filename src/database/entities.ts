import { AuditEvent } from '../audit/entities/audit-event.entity.js';
import { ApiKey } from '../auth/entities/api-key.entity.js';
import { LoginThrottle } from '../auth/entities/login-throttle.entity.js';
import { COMMERCE_ENTITIES } from '../commerce/entities/index.js';
import { LeadAssignmentEvent, RollupDaily } from '../metrics/entities/rollup.entity.js';
import { LEAD_ENTITIES } from '../leads/entities/lead.entity.js';
import { ORGANIZATION_ENTITIES } from '../organization/entities/index.js';
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
  LeadAssignmentEvent,
  ...RANKING_ENTITIES,
];
