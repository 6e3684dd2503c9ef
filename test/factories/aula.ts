import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { aulaCategories, type AulaCategory } from '../../src/modules/aula/categories.ts';
import { aulaDeletionRule, aulaInstitution, aulaRelevantCategory, aulaRuleSet, aulaSecureFile, type DeletionTrigger } from '../../src/modules/aula/schema.ts';

/**
 * A rule version with one rule per category: `periods` sets a category's months (default 36) and
 * trigger (default the child leaving). Returns the version's id.
 */
export async function buildAulaRuleSet(
  db: Db,
  o: { activationDate: string; name?: string; periods?: Partial<Record<AulaCategory, number>>; trigger?: DeletionTrigger },
): Promise<string> {
  const [set] = await db
    .insert(aulaRuleSet)
    .values({ name: o.name ?? `Regler fra ${o.activationDate}`, activationDate: o.activationDate })
    .returning({ id: aulaRuleSet.id });
  await db.insert(aulaDeletionRule).values(
    aulaCategories.map((c) => ({ ruleSetId: set!.id, category: c.key, trigger: o.trigger ?? 'barnet_fratraeder', periodMonths: o.periods?.[c.key] ?? 36 })),
  );
  return set!.id;
}

export type BuiltFile = {
  id: string;
  institution?: string;
  category: AulaCategory;
  trigger: string | null;
  journalised?: boolean;
  created?: string;
  esdh?: string;
};

/** Puts a municipality's institutions and secure files straight into the inventory (the import is tested on its own). */
export async function buildAulaFiles(db: Db, code: string, files: readonly BuiltFile[], institutions: Record<string, string> = { '101': 'Børnehuset Solsikken' }): Promise<void> {
  await db
    .insert(aulaInstitution)
    .values(Object.entries(institutions).map(([number, name]) => ({ municipalityCode: code, number, name })))
    .onConflictDoNothing();
  if (files.length === 0) return;
  await db.insert(aulaSecureFile).values(
    files.map((f) => ({
      municipalityCode: code,
      fileId: f.id,
      institutionNumber: f.institution ?? Object.keys(institutions)[0]!,
      category: f.category,
      createdOn: f.created ?? '2020-01-01',
      triggerOn: f.trigger,
      journalised: f.journalised ?? false,
      esdhReference: f.esdh ?? null,
    })),
  );
}

/** Marks a category relevant or not for the municipality, as its Aula page does. */
export async function setAulaRelevance(db: Db, code: string, category: AulaCategory, relevant: boolean): Promise<void> {
  await db
    .insert(aulaRelevantCategory)
    .values({ municipalityCode: code, category, relevant })
    .onConflictDoUpdate({ target: [aulaRelevantCategory.municipalityCode, aulaRelevantCategory.category], set: { relevant } });
}

/** Empties the Aula tables a test fills, so each test starts from its own inventory. */
export async function clearAula(db: Db): Promise<void> {
  for (const table of ['aula_secure_file', 'aula_institution', 'aula_relevant_category', 'aula_readiness_event', 'aula_deletion_rule', 'aula_rule_set']) {
    await db.execute(sql.raw(`delete from ${table}`));
  }
}
