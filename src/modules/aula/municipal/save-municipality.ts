import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { authorizeAulaMunicipality } from '../policy.ts';
import { aulaMunicipality } from '../schema.ts';
import type { ArchiveSection, EsdhSection } from './municipality-input.ts';

const NOTHING_YET: EsdhSection & ArchiveSection = {
  esdhSystem: null,
  esdhOther: null,
  vendorInTest: null,
  integrationState: 'ikke_startet',
  archiveKind: null,
  archiveName: null,
  archivePlannedOn: null,
  archiveState: 'ikke_planlagt',
};
const FIELDS = Object.keys(NOTHING_YET) as (keyof typeof NOTHING_YET)[];

/**
 * Saves a municipality's ESDH and integration, its archive, or both (each page section sends its
 * own; the API both). The sections not sent keep their stored values, read under the row's lock so
 * two sections saved at once do not undo each other. Identical values write nothing and log
 * nothing, and a twin request that waited on the first finds its row already equal.
 */
export async function saveMunicipality(ctx: Ctx & { actor: Actor }, code: string, sections: Partial<EsdhSection & ArchiveSection>): Promise<{ changed: boolean }> {
  authorizeAulaMunicipality(ctx.actor, code, 'edit');
  return ctx.db.transaction(async (tx) => {
    const [was] = await tx.select().from(aulaMunicipality).where(eq(aulaMunicipality.municipalityCode, code)).for('update');
    const before = Object.fromEntries(FIELDS.map((f) => [f, was ? was[f] : NOTHING_YET[f]])) as typeof NOTHING_YET;
    const after = { ...before, ...sections };
    if (FIELDS.every((f) => before[f] === after[f])) return { changed: false };
    const differs = sql.join(
      FIELDS.map((f) => sql`${aulaMunicipality[f]} is distinct from ${after[f]}`),
      sql` or `,
    );
    const saved = await tx
      .insert(aulaMunicipality)
      .values({ municipalityCode: code, ...after, updatedAt: ctx.now, updatedBy: ctx.actor.userId })
      .onConflictDoUpdate({ target: aulaMunicipality.municipalityCode, set: { ...after, updatedAt: ctx.now, updatedBy: ctx.actor.userId }, setWhere: differs })
      .returning({ code: aulaMunicipality.municipalityCode });
    if (saved.length === 0) return { changed: false };
    await recordAudit(tx, ctx, { action: 'aula.municipality_saved', entityType: 'aula_municipality', entityId: code, municipalityCode: code, before: was ? before : null, after });
    return { changed: true };
  });
}
