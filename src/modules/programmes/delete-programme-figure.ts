import { and, asc, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { isUuid } from '../../platform/http/page-schemas.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../platform/idempotency/claim-request.ts';
import { programmeIdByKey } from './load-programmes.ts';
import { authorizeProgramme } from './policy.ts';
import { programmeFigure, programmeFigurePoint } from './schema.ts';

/**
 * Removes a key figure with all its points (by cascade); the audit entry keeps the figure and every
 * point, so a mistaken delete can be typed back in. A double submit under the form's request key
 * answers as the first did; a figure already gone answers `deleted: false`.
 */
export async function deleteProgrammeFigure(ctx: Ctx & { actor: Actor | null }, key: string, figureId: string, clientKey?: string): Promise<{ deleted: boolean; name: string | null }> {
  authorizeProgramme(ctx.actor, 'edit');
  const projectId = await programmeIdByKey(ctx.db, key);
  if (!isUuid(figureId)) return { deleted: false, name: null };
  const identity = requestIdentity('programme-figure-delete', ctx.actor.userId, clientKey, { projectId, figureId });
  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<{ deleted: boolean; name: string | null }>(tx, identity, ctx.now);
    if (first) return first;
    const [figure] = await tx
      .select()
      .from(programmeFigure)
      .where(and(eq(programmeFigure.id, figureId), eq(programmeFigure.projectId, projectId)))
      .for('update');
    if (!figure) return answerRequest(tx, identity, { deleted: false, name: null });
    // One after the other: a transaction is one connection, which runs one statement at a time.
    const points = await tx
      .select({ on: programmeFigurePoint.pointOn, value: programmeFigurePoint.value })
      .from(programmeFigurePoint)
      .where(eq(programmeFigurePoint.figureId, figureId))
      .orderBy(asc(programmeFigurePoint.pointOn));
    await tx.delete(programmeFigure).where(eq(programmeFigure.id, figureId));
    await recordAudit(tx, ctx, {
      action: 'programme.figure_deleted',
      entityType: 'programme_figure',
      entityId: figureId,
      before: { key, name: figure.name, unit: figure.unit, target: figure.target, points },
    });
    return answerRequest(tx, identity, { deleted: true, name: figure.name });
  });
}
