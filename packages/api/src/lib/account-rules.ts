import { mayHoldPartnerRole, type Role } from '@tsunagari/shared';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { organisations } from '../db/schema/index.ts';
import { HttpProblem } from './problem.ts';

/**
 * Refuses a partner account (user or API key) in one of the city's own departments: a partner's
 * access is scoped to what its organisation runs, so a partner login in a city department is a
 * slip of the organisation picker, not a real account. An organisation that does not exist is
 * left to the foreign key (422 unknown_organisation).
 */
export async function assertRoleFitsOrganisation(db: DbOrTx, role: Role, organisationId: string) {
  if (role !== 'partner') return;
  const [org] = await db
    .select({ kind: organisations.kind })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  if (org && !mayHoldPartnerRole(org.kind)) {
    throw new HttpProblem(
      422,
      'partner_organisation_required',
      'A partner account belongs to a partner organisation, not a city department',
      [
        {
          path: 'body.organisationId',
          message: 'a partner account needs an organisation outside the city departments',
        },
      ],
    );
  }
}
