import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { passwordReset } from '../../platform/auth/schema.ts';
import { randomToken, sha256 } from '../../platform/auth/secrets.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import { parseInput } from '../../platform/errors.ts';
import { person, roleAssignment, userAccount } from '../../platform/identity/schema.ts';

const adminInput = z.object({
  email: z.email('Skriv en gyldig e-mailadresse').transform((s) => s.toLowerCase()),
  name: z.string().trim().min(1, 'Navn skal udfyldes'),
});

/**
 * `samspil admin create`: the way the first central administrator comes into a production
 * database. Prints a one-time link for choosing a password (valid 72 hours).
 */
export async function createCentralAdmin(db: Db, config: Config, raw: { email?: string; name?: string }): Promise<string> {
  const input = parseInput(adminInput, raw);
  const token = randomToken();
  const now = new Date();
  await db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: userAccount.id }).from(userAccount).where(and(eq(sql`lower(${userAccount.email})`, input.email), eq(userAccount.disabled, false)));
    if (existing) throw new Error(`Der findes allerede en bruger med e-mailadressen ${input.email}.`);
    const [p] = await tx.insert(person).values({ name: input.name, email: input.email, title: 'Administrator', municipalityCode: null }).returning();
    const [u] = await tx.insert(userAccount).values({ personId: p!.id, email: input.email }).returning();
    await tx.insert(roleAssignment).values({ personId: p!.id, municipalityCode: null, roleTypeKey: 'administrator' });
    await tx.insert(passwordReset).values({ userId: u!.id, tokenHash: sha256(token), expiresAt: new Date(now.getTime() + 72 * 3600_000) });
    await recordAudit(tx, { actor: null, db: tx, now, requestId: 'cli', config }, {
      action: 'person.created',
      entityType: 'person',
      entityId: p!.id,
      after: { name: input.name, email: input.email, role: 'administrator' },
    });
  });
  return `${config.publicUrl}/adgangskode/${token}`;
}
