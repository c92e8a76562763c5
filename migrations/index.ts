import { Intake1795466035789 } from './1795466035789-Intake.js';
import { Leads1795464148785 } from './1795464148785-Leads.js';
import { Init1795463775669 } from './1795463775669-Init.js';
/** Every migration, in order. `npm run migration:generate -- <Name>` appends to this list. */
export const MIGRATIONS = [
  Init1795463775669,
  Leads1795464148785,
  Intake1795466035789,
];
