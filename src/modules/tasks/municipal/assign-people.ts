import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record.ts';
import { invalid, parseInput } from '../../../platform/errors.ts';
import { notify } from '../../../platform/notify/notify.ts';
import { person, userAccount } from '../../../platform/identity/schema.ts';
import { inTargetTx, loadTargetTask, refreshTargetStatus, type ActorCtx } from '../refresh-target-status.ts';
import { taskTarget } from '../schema.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';

const personId = z.preprocess(
  (v) => (v === '' || v === undefined ? null : v),
  z.string().refine(isUuid, 'Vælg en person fra listen').nullable(),
);

/** Empty or null clears a role on the task. */
export const assignPeopleInput = z.object({ responsiblePersonId: personId, executorPersonId: personId });

export const peopleLabels: Record<string, string> = { responsiblePersonId: 'Ansvarlig', executorPersonId: 'Udfører' };

/**
 * Names the municipality's responsible person (ansvarlig) and executor (udfører) for a task, from
 * the municipality's active people. The same choice again is a no-op. A newly named person (other
 * than the one who names them) is told by mail or in their digest, with a link to the task.
 */
export async function assignPeople(ctx: ActorCtx, taskId: string, municipalityCode: string, raw: unknown) {
  const t = await loadTargetTask(ctx, taskId, municipalityCode, 'act');
  const input = parseInput(assignPeopleInput, raw);
  return inTargetTx(ctx, t, municipalityCode, { requireOpen: true }, async (tx, target) => {
    const ids = [input.responsiblePersonId, input.executorPersonId].filter((x): x is string => x !== null);
    const found =
      ids.length === 0
        ? []
        : await tx
            .select({ id: person.id, name: person.name, email: person.email, userId: userAccount.id, digestMode: userAccount.digestMode })
            .from(person)
            .leftJoin(userAccount, and(eq(userAccount.personId, person.id), eq(userAccount.disabled, false)))
            .where(and(inArray(person.id, ids), eq(person.municipalityCode, municipalityCode), eq(person.active, true)));
    const byId = new Map(found.map((p) => [p.id, p]));
    const errors: Record<string, string> = {};
    if (input.responsiblePersonId && !byId.has(input.responsiblePersonId)) errors.responsiblePersonId = 'Vælg en aktiv person fra kommunens rollegalleri';
    if (input.executorPersonId && !byId.has(input.executorPersonId)) errors.executorPersonId = 'Vælg en aktiv person fra kommunens rollegalleri';
    if (Object.keys(errors).length > 0) throw invalid(errors);

    const before = { responsiblePersonId: target.responsiblePersonId, executorPersonId: target.executorPersonId };
    const after = { responsiblePersonId: input.responsiblePersonId, executorPersonId: input.executorPersonId };
    if (before.responsiblePersonId === after.responsiblePersonId && before.executorPersonId === after.executorPersonId) {
      return { changed: false };
    }
    await tx
      .update(taskTarget)
      .set(after)
      .where(and(eq(taskTarget.taskId, t.id), eq(taskTarget.municipalityCode, municipalityCode)));
    await recordAudit(tx, ctx, { action: 'task.people_assigned', entityType: 'task', entityId: t.id, municipalityCode, before, after });
    await refreshTargetStatus(tx, target, ctx.now, { municipalActivity: true });

    const link = `${ctx.config.publicUrl}/opgaver/${t.id}`;
    const newly = [
      { id: after.responsiblePersonId, changed: after.responsiblePersonId !== before.responsiblePersonId, as: 'ansvarlig' },
      { id: after.executorPersonId, changed: after.executorPersonId !== before.executorPersonId, as: 'udfører' },
    ];
    for (const n of newly) {
      const p = n.id && n.changed ? byId.get(n.id) : undefined;
      if (!p || p.id === ctx.actor.personId) continue;
      await notify(tx, ctx.now, [{ email: p.email, userId: p.userId, digestMode: p.digestMode, municipalityCode }], {
        subject: `Du er ${n.as} for opgaven ${t.code}`,
        body: `${ctx.actor.name} har gjort dig til ${n.as} for opgaven "${t.title}" (${t.code}).\n\nSe opgaven: ${link}\n`,
        kind: 'task.people_assigned',
        dedupeKey: `task-assigned:${t.id}:${municipalityCode}:${n.as}:${p.id}:${ctx.now.getTime()}`,
      });
    }
    return { changed: true };
  });
}
