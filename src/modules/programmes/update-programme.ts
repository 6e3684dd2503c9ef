import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { invalid, notFound, parseInput } from '../../platform/errors.ts';
import { person } from '../../platform/identity/schema.ts';
import { project } from '../tasks/index.ts';
import { detailsInput } from './inputs.ts';
import { authorizeProgramme } from './policy.ts';

/**
 * The programme's description and responsible person (one of KOMBIT's active staff). The same
 * values again change nothing and are not logged, so a repeat is harmless.
 */
export async function updateProgramme(ctx: Ctx & { actor: Actor | null }, key: string, raw: unknown): Promise<{ changed: boolean }> {
  authorizeProgramme(ctx.actor, 'edit');
  const input = parseInput(detailsInput, raw);
  return ctx.db.transaction(async (tx) => {
    const [old] = await tx
      .select({ id: project.id, description: project.description, responsiblePersonId: project.responsiblePersonId })
      .from(project)
      .where(eq(project.key, key))
      .for('update');
    if (!old) throw notFound('Programmet findes ikke.');
    if (input.responsiblePersonId !== null) {
      const [staff] = await tx
        .select({ id: person.id })
        .from(person)
        .where(and(eq(person.id, input.responsiblePersonId), isNull(person.municipalityCode), eq(person.active, true)));
      if (!staff) throw invalid({ responsiblePersonId: 'Vælg en ansvarlig blandt KOMBITs medarbejdere' });
    }
    if (old.description === input.description && old.responsiblePersonId === input.responsiblePersonId) return { changed: false };
    await tx.update(project).set(input).where(eq(project.id, old.id));
    await recordAudit(tx, ctx, {
      action: 'programme.saved',
      entityType: 'project',
      entityId: old.id,
      before: { description: old.description, responsiblePersonId: old.responsiblePersonId },
      after: { key, ...input },
    });
    return { changed: true };
  });
}
