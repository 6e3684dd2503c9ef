import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { conflict, invalid, parseInput } from '../../../platform/errors.ts';
import { isUniqueViolation } from '../../../platform/unique-violation.ts';
import { solution } from '../../../platform/identity/schema.ts';
import { authorizeAuthoring } from './queries.ts';
import { projectInput, slugify } from '../inputs.ts';
import { project } from '../schema.ts';

const keyTaken = (key: string) => conflict(`Der findes allerede et projekt med nøglen ${key}.`, { key: `Nøglen ${key} er allerede brugt` });

/** A programme such as "Kontanthjælpsreformen" or "Valg 2025"; the key is derived from the name unless given. */
export async function createProject(ctx: Ctx & { actor: Actor }, raw: unknown): Promise<{ id: string; key: string }> {
  authorizeAuthoring(ctx.actor);
  const input = parseInput(projectInput, raw);
  const key = input.key ?? slugify(input.name);
  if (!key) throw invalid({ key: 'Skriv en nøgle med bogstaver a-z eller tal, fx valg-2025' });
  if (input.solutionKey) {
    const [known] = await ctx.db.select({ key: solution.key }).from(solution).where(eq(solution.key, input.solutionKey));
    if (!known) throw invalid({ solutionKey: 'Vælg en løsning fra listen' });
  }
  try {
    return await ctx.db.transaction(async (tx) => {
      const [taken] = await tx.select({ id: project.id }).from(project).where(eq(project.key, key));
      if (taken) throw keyTaken(key);
      const [created] = await tx
        .insert(project)
        .values({ key, name: input.name, description: input.description, solutionKey: input.solutionKey ?? null, createdAt: ctx.now })
        .returning({ id: project.id });
      await recordAudit(tx, ctx, {
        action: 'project.created',
        entityType: 'project',
        entityId: created!.id,
        after: { key, name: input.name, solutionKey: input.solutionKey ?? null },
      });
      return { id: created!.id, key };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'project_key_unique')) throw keyTaken(key);
    throw error;
  }
}
