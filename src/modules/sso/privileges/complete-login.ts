import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { municipality, person, userAccount } from '../../../platform/identity/schema.ts';
import type { ContextHandlerAssertion } from '../assertion.ts';
import { type LoginOutcome, openSsoSession, type SsoMeta } from '../open-session.ts';

/**
 * A verified Context Handler assertion becomes a session. FIRST CUT, to be replaced by the
 * privileges part: the user's own CVR picks the municipality and the e-mail an existing account.
 */
export async function completeContextHandlerLogin(
  ctx: Ctx,
  assertion: ContextHandlerAssertion,
  meta: Omit<SsoMeta, 'method'>,
): Promise<LoginOutcome> {
  return ctx.db.transaction(async (tx) => {
    const [m] = assertion.cvr ? await tx.select({ code: municipality.code }).from(municipality).where(eq(municipality.cvr, assertion.cvr)) : [];
    if (!m) throw new AppError(403, 'unknown_cvr', `Din organisation (CVR ${assertion.cvr ?? 'ukendt'}) er ikke en kommune i Samspil.`);
    const [u] = await tx
      .select({ id: userAccount.id })
      .from(userAccount)
      .innerJoin(person, eq(person.id, userAccount.personId))
      .where(and(eq(person.municipalityCode, m.code), eq(sql`lower(${person.email})`, (assertion.email ?? '').toLowerCase()), eq(person.active, true), eq(userAccount.disabled, false)));
    return openSsoSession(tx, ctx, u ? [u.id] : [], { ...meta, method: 'context-handler', samlNameId: assertion.nameId, samlSessionIndex: assertion.sessionIndex });
  });
}
