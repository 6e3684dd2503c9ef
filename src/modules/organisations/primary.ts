import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { roleAssignment } from '../../platform/identity/schema.ts';

type Slot = { municipalityCode: string; roleTypeKey: string; solutionKey: string | null };

const sameSlot = (s: Slot) =>
  and(
    eq(roleAssignment.municipalityCode, s.municipalityCode),
    eq(roleAssignment.roleTypeKey, s.roleTypeKey),
    s.solutionKey === null ? isNull(roleAssignment.solutionKey) : eq(roleAssignment.solutionKey, s.solutionKey),
    isNull(roleAssignment.removedAt),
  );

/** After the primary holder leaves, the longest-serving remaining holder becomes primary. */
export async function promoteSuccessor(tx: Db, slot: Slot, exceptId: string): Promise<string | null> {
  const [next] = await tx
    .select({ id: roleAssignment.id })
    .from(roleAssignment)
    .where(and(sameSlot(slot), ne(roleAssignment.id, exceptId)))
    .orderBy(asc(roleAssignment.createdAt), asc(roleAssignment.id))
    .limit(1);
  if (!next) return null;
  await tx.update(roleAssignment).set({ isPrimary: true }).where(eq(roleAssignment.id, next.id));
  return next.id;
}

export async function currentPrimary(tx: Db, slot: Slot) {
  const [row] = await tx
    .select({ id: roleAssignment.id, personId: roleAssignment.personId })
    .from(roleAssignment)
    .where(and(sameSlot(slot), eq(roleAssignment.isPrimary, true)));
  return row ?? null;
}

export async function demote(tx: Db, assignmentId: string) {
  await tx.update(roleAssignment).set({ isPrimary: false }).where(eq(roleAssignment.id, assignmentId));
}
