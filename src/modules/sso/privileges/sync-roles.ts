import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Ctx } from '../../../platform/context.ts';
import { roleAssignment, roleType } from '../../../platform/identity/schema.ts';
import { grantRole, promoteSuccessor } from '../../organisations/index.ts';

export type RolePair = { roleTypeKey: string; solutionKey: string | null };
export type RoleType = typeof roleType.$inferSelect;
export type NotGranted = RolePair & { reason: string };

export const pairKey = (p: RolePair) => `${p.roleTypeKey}|${p.solutionKey ?? ''}`;

/**
 * Brings one person's roles in one municipality in line with what Context Handler grants now.
 * Only the pairs the mapping table names are Context Handler's to govern: a granted pair not held
 * is assigned, a held governed pair no privilege grants any more is removed (kept as history, the
 * next holder promoted to primary as the gallery does). Pairs no mapping names are the role
 * gallery's and are left alone. Every change is audited as the gallery's are ('role.assigned',
 * 'role.removed'). A grant that would break the role's maximum per municipality is not made: it is
 * returned (and audited by the caller), the login goes on.
 */
export async function syncRoles(
  tx: Db,
  ctx: Ctx,
  who: { municipalityCode: string; personId: string; personName: string },
  granted: RolePair[],
  governed: Set<string>,
  types: Map<string, RoleType>,
): Promise<{ added: RolePair[]; removed: RolePair[]; notGranted: NotGranted[] }> {
  const held = await tx
    .select({ id: roleAssignment.id, roleTypeKey: roleAssignment.roleTypeKey, solutionKey: roleAssignment.solutionKey, isPrimary: roleAssignment.isPrimary })
    .from(roleAssignment)
    .where(and(eq(roleAssignment.personId, who.personId), eq(roleAssignment.municipalityCode, who.municipalityCode), isNull(roleAssignment.removedAt)));
  const heldKeys = new Set(held.map(pairKey));
  const grantedKeys = new Set(granted.map(pairKey));
  const added: RolePair[] = [];
  const removed: RolePair[] = [];
  const notGranted: NotGranted[] = [];

  for (const pair of granted) {
    if (heldKeys.has(pairKey(pair))) continue;
    const type = types.get(pair.roleTypeKey);
    if (!type || type.scope !== 'municipal') {
      notGranted.push({ ...pair, reason: 'Rollen er ikke en af kommunernes roller.' });
      continue;
    }
    if (type.maxPerMunicipality !== null && (await holdersBesides(tx, who, pair.roleTypeKey)) >= type.maxPerMunicipality) {
      notGranted.push({ ...pair, reason: `Kommunen har allerede ${String(type.maxPerMunicipality)} med rollen ${type.labelDa}, som er det højeste antal.` });
      continue;
    }
    await grantRole(tx, ctx, { ...who, ...pair, primary: false });
    added.push(pair);
  }

  for (const row of held) {
    const key = pairKey(row);
    if (!governed.has(key) || grantedKeys.has(key)) continue;
    await tx.update(roleAssignment).set({ removedAt: ctx.now, isPrimary: false }).where(and(eq(roleAssignment.id, row.id), isNull(roleAssignment.removedAt)));
    const slot = { municipalityCode: who.municipalityCode, roleTypeKey: row.roleTypeKey, solutionKey: row.solutionKey };
    const promoted = row.isPrimary ? await promoteSuccessor(tx, slot, row.id) : null;
    await recordAudit(tx, ctx, {
      action: 'role.removed',
      entityType: 'role_assignment',
      entityId: row.id,
      municipalityCode: who.municipalityCode,
      before: { personId: who.personId, roleTypeKey: row.roleTypeKey, solutionKey: row.solutionKey, isPrimary: row.isPrimary },
      after: { source: 'context-handler', ...(promoted ? { newPrimaryAssignmentId: promoted } : {}) },
    });
    removed.push({ roleTypeKey: row.roleTypeKey, solutionKey: row.solutionKey });
  }
  return { added, removed, notGranted };
}

async function holdersBesides(tx: Db, who: { municipalityCode: string; personId: string }, roleTypeKey: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(roleAssignment)
    .where(and(eq(roleAssignment.municipalityCode, who.municipalityCode), eq(roleAssignment.roleTypeKey, roleTypeKey), ne(roleAssignment.personId, who.personId), isNull(roleAssignment.removedAt)));
  return row?.n ?? 0;
}
