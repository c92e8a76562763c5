import { Rankings1795466521582 } from './1795466521582-Rankings.js';
import { Commerce1795464749243 } from './1795464749243-Commerce.js';
import { Leads1795464148785 } from './1795464148785-Leads.js';
import { Init1795463775669 } from './1795463775669-Init.js';
/** Every migration, in order. `npm run migration:generate -- <Name>` appends to this list. */
export const MIGRATIONS = [
  Init1795463775669,
  Leads1795464148785,
  Commerce1795464749243,
  Rankings1795466521582,
];
