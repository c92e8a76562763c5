import { Sop1795466582569 } from './1795466582569-Sop.js';
import { Leads1795464148785 } from './1795464148785-Leads.js';
import { Init1795463775669 } from './1795463775669-Init.js';
/** Every migration, in order. `npm run migration:generate -- <Name>` appends to this list. */
export const MIGRATIONS = [
  Init1795463775669,
  Leads1795464148785,
  Sop1795466582569,
];
