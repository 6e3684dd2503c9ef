import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { conflict, invalid, parseInput } from '../../../platform/errors.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { roleType, solution } from '../../../platform/identity/schema.ts';
import { authorizeMappings } from '../policy.ts';
import { ssoPrivilegeMapping } from '../schema.ts';
import { MAX_MAPPINGS } from './complete-login.ts';

/** A privilege is a URI as Context Handler names user-system roles: http(s) or urn, without spaces. */
const PRIVILEGE_URI = /^(https?:\/\/[^\s/]+\S*|urn:[a-z0-9][a-z0-9-]{0,31}:\S+)$/i;

export const mappingInput = z.object({
  privilege: z
    .string({ error: 'Skriv rettighedens URI' })
    .trim()
    .min(1, 'Skriv rettighedens URI')
    .max(1024, 'Rettighedens URI må højst være 1024 tegn')
    .regex(PRIVILEGE_URI, 'Rettigheden skal være en URI, der begynder med http://, https:// eller urn:'),
  roleTypeKey: z.string({ error: 'Vælg en rolle' }).trim().min(1, 'Vælg en rolle').max(100),
  solutionKey: z
    .string()
    .trim()
    .max(100)
    .nullish()
    .transform((s) => s || null),
});

/**
 * Maps a Context Handler privilege to a municipal role (and a solution when the role is per
 * solution). The same request twice adds it once and answers alike; the same mapping asked for
 * again later is refused (409) and writes nothing.
 */
export async function addMapping(ctx: Ctx & { actor: Actor }, raw: unknown, clientKey?: string): Promise<{ id: string; created: boolean }> {
  authorizeMappings(ctx.actor);
  const input = parseInput(mappingInput, raw);
  const identity = requestIdentity('sso-mapping', ctx.actor.userId, clientKey, input);
  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<{ id: string }>(tx, identity, ctx.now);
    if (first) return { id: first.id, created: false };
    const [type] = await tx.select().from(roleType).where(eq(roleType.key, input.roleTypeKey));
    if (!type || type.scope !== 'municipal') throw invalid({ roleTypeKey: 'Vælg en af kommunernes roller' });
    if (type.perSolution) {
      if (!input.solutionKey) throw invalid({ solutionKey: `Vælg hvilken løsning rollen ${type.labelDa} gælder` });
      const [known] = await tx.select({ key: solution.key }).from(solution).where(eq(solution.key, input.solutionKey));
      if (!known) throw invalid({ solutionKey: 'Vælg en løsning fra listen' });
    } else if (input.solutionKey) {
      throw invalid({ solutionKey: `Rollen ${type.labelDa} gælder hele kommunen og har ingen løsning` });
    }
    const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(ssoPrivilegeMapping);
    if (n >= MAX_MAPPINGS) throw conflict(`Der kan højst være ${String(MAX_MAPPINGS)} tilknytninger. Fjern nogle, før du tilføjer flere.`);
    const [row] = await tx
      .insert(ssoPrivilegeMapping)
      .values({ ...input, createdAt: ctx.now, createdBy: ctx.actor.userId })
      .onConflictDoNothing()
      .returning({ id: ssoPrivilegeMapping.id });
    if (!row) throw conflict(`Rettigheden er allerede tilknyttet rollen ${type.labelDa}${input.solutionKey ? ' for den løsning' : ''}.`, { privilege: 'Tilknytningen findes allerede' });
    await recordAudit(tx, ctx, { action: 'sso.mapping_added', entityType: 'sso_privilege_mapping', entityId: row.id, after: input });
    return { ...(await answerRequest(tx, identity, { id: row.id })), created: true };
  });
}
