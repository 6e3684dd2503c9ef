import { and, eq, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { loadActor } from '../../platform/auth/load-actor.ts';
import { userAccount } from '../../platform/identity/schema.ts';
import { createApiToken } from './api-tokens.ts';

/** `samspil token create --user EMAIL`: the token is created as that user, and audited as such. */
export async function createTokenForEmail(db: Db, config: Config, email: string, name: string): Promise<string> {
  const [user] = await db.select({ id: userAccount.id }).from(userAccount).where(and(eq(sql`lower(${userAccount.email})`, email.toLowerCase()), eq(userAccount.disabled, false)));
  const actor = user ? await loadActor(db, user.id) : null;
  if (!actor) throw new Error(`Der findes ingen aktiv bruger med e-mailadressen ${email}.`);
  const created = await createApiToken({ actor, db, now: new Date(), requestId: 'cli', config }, { name });
  return created.token;
}
