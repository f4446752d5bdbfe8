import type { Affiliation } from '@tsunagari/shared';

/**
 * The affiliations in the order of the shared enum, spelled out here: a value imported from the
 * shared schemas would bring zod into the public registration page, which a phone loads first.
 * The check below keeps the list equal to the enum.
 */
export const AFFILIATIONS = [
  'minsei_jido_iin',
  'teacher',
  'city_counsellor',
  'city_staff',
  'partner_staff',
  'other',
] as const satisfies readonly Affiliation[];
const everyAffiliation: [Exclude<Affiliation, (typeof AFFILIATIONS)[number]>] extends [never] ? true : false = true;
void everyAffiliation;
