import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { apiToken } from '../../platform/auth/schema.ts';
import { randomToken, sha256 } from '../../platform/auth/secrets.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { notFound, parseInput } from '../../platform/errors.ts';
import { isUuid } from '../../platform/http/page-schemas.ts';

export const tokenInput = z.object({
  name: z.string().trim().min(1, 'Giv nøglen et navn, så du kan kende den igen').max(100, 'Navnet må højst være 100 tegn'),
});

/** Personal API tokens: shown once at creation; only the SHA-256 is stored. */
export async function createApiToken(ctx: Ctx & { actor: Actor }, raw: unknown) {
  const input = parseInput(tokenInput, raw);
  const secret = `samspil_${randomToken(24)}`;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiToken)
      .values({ userId: ctx.actor.userId, name: input.name, tokenHash: sha256(secret), prefix: secret.slice(0, 14), createdAt: ctx.now })
      .returning({ id: apiToken.id, name: apiToken.name, prefix: apiToken.prefix, createdAt: apiToken.createdAt });
    await recordAudit(tx, ctx, {
      action: 'token.created',
      entityType: 'api_token',
      entityId: row!.id,
      municipalityCode: ctx.actor.municipalityCode,
      after: { name: input.name, prefix: row!.prefix },
    });
    return { ...row!, token: secret };
  });
}

export async function revokeApiToken(ctx: Ctx & { actor: Actor }, tokenId: string) {
  if (!isUuid(tokenId)) throw notFound('Nøglen findes ikke.');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(apiToken)
      .where(and(eq(apiToken.id, tokenId), eq(apiToken.userId, ctx.actor.userId)));
    if (!row) throw notFound('Nøglen findes ikke.');
    if (row.revokedAt) return { changed: false };
    await tx.update(apiToken).set({ revokedAt: ctx.now }).where(and(eq(apiToken.id, tokenId), isNull(apiToken.revokedAt)));
    await recordAudit(tx, ctx, {
      action: 'token.revoked',
      entityType: 'api_token',
      entityId: tokenId,
      municipalityCode: ctx.actor.municipalityCode,
      before: { name: row.name, prefix: row.prefix },
    });
    return { changed: true };
  });
}

export async function listApiTokens(ctx: Ctx & { actor: Actor }) {
  return ctx.db
    .select({ id: apiToken.id, name: apiToken.name, prefix: apiToken.prefix, createdAt: apiToken.createdAt, lastUsedAt: apiToken.lastUsedAt, revokedAt: apiToken.revokedAt })
    .from(apiToken)
    .where(eq(apiToken.userId, ctx.actor.userId))
    .orderBy(desc(apiToken.createdAt));
}
