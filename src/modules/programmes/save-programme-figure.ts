import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { conflict, parseInput } from '../../platform/errors.ts';
import { isUniqueViolation } from '../../platform/unique-violation.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../platform/idempotency/claim-request.ts';
import { figureInput } from './inputs.ts';
import { programmeIdByKey } from './load-programmes.ts';
import { authorizeProgramme } from './policy.ts';
import { programmeFigure, programmeFigurePoint } from './schema.ts';

/**
 * Adds a key figure by its name, or changes its unit and target, and adds its points: a point on a
 * day that already has one replaces its value (a corrected count), the other days stay. Two
 * statements for the points whatever their number.
 */
export async function saveProgrammeFigure(ctx: Ctx & { actor: Actor | null }, key: string, raw: unknown, clientKey?: string): Promise<{ id: string; created: boolean }> {
  authorizeProgramme(ctx.actor, 'edit');
  const input = parseInput(figureInput, raw);
  // The last value given for a day is the one meant.
  const points = [...new Map(input.points.map((p) => [p.on, p.value])).entries()].map(([on, value]) => ({ on, value }));
  const projectId = await programmeIdByKey(ctx.db, key);
  const identity = requestIdentity('programme-figure', ctx.actor.userId, clientKey, { projectId, ...input });
  // Two editors adding the same new figure at once: the second is told to try again, and then adds to the first's.
  const raced = (error: unknown) =>
    isUniqueViolation(error, 'programme_figure_name') ? conflict(`Nøgletallet ${input.name} blev oprettet samtidig af en anden. Prøv igen.`, { name: 'Prøv igen' }) : error;
  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<{ id: string; created: boolean }>(tx, identity, ctx.now);
    if (first) return { id: first.id, created: false };
    const [old] = await tx
      .select({ id: programmeFigure.id })
      .from(programmeFigure)
      .where(and(eq(programmeFigure.projectId, projectId), eq(programmeFigure.name, input.name)))
      .for('update');
    let id: string;
    if (old) {
      id = old.id;
      await tx.update(programmeFigure).set({ unit: input.unit, target: input.target }).where(eq(programmeFigure.id, id));
    } else {
      const [{ position } = { position: 0 }] = await tx
        .select({ position: sql<number>`coalesce(max(${programmeFigure.position}) + 1, 0)::int` })
        .from(programmeFigure)
        .where(eq(programmeFigure.projectId, projectId));
      const [row] = await tx
        .insert(programmeFigure)
        .values({ projectId, name: input.name, unit: input.unit, target: input.target, position, createdAt: ctx.now })
        .returning({ id: programmeFigure.id });
      id = row!.id;
    }
    if (points.length > 0) {
      await tx
        .insert(programmeFigurePoint)
        .values(points.map((p) => ({ figureId: id, pointOn: p.on, value: p.value })))
        .onConflictDoUpdate({ target: [programmeFigurePoint.figureId, programmeFigurePoint.pointOn], set: { value: sql`excluded.value` } });
    }
    await recordAudit(tx, ctx, {
      action: 'programme.figure_saved',
      entityType: 'programme_figure',
      entityId: id,
      after: { key, name: input.name, unit: input.unit, target: input.target, points: points.length },
    });
    return { ...(await answerRequest(tx, identity, { id })), created: !old };
  }).catch((error: unknown) => {
    throw raced(error);
  });
}
