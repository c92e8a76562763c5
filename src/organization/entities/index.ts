import { Legion } from './legion.entity.js';
import { Organization } from './organization.entity.js';
import { Squad } from './squad.entity.js';
import { SquadMembership } from './squad-membership.entity.js';
import { User } from './user.entity.js';

export { Legion, Organization, Squad, SquadMembership, User };
export * from './team-kind.js';
export const ORGANIZATION_ENTITIES = [Organization, User, Legion, Squad, SquadMembership];
