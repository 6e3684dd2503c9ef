import { desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { municipality, person, userAccount } from '../../../platform/identity/schema.ts';
import { aulaCategories } from '../categories.ts';
import {
  aulaMunicipality,
  aulaReadinessEvent,
  aulaRelevantCategory,
  readinessItems,
  type ArchiveKind,
  type ArchiveState,
  type EsdhSystem,
  type IntegrationState,
  type ReadinessItem,
} from '../schema.ts';

export type RelevantCategory = { key: string; name: string; relevant: boolean; isDefault: boolean };
/** ruleSetId: the rule version a confirmation named (the newest when it was given). */
export type ReadinessState = { item: ReadinessItem; done: boolean; at: Date | null; by: string | null; note: string; ruleSetId: string | null };

/** A municipality's Aula registration as its page, its API and (for all 98) the overview read it. */
export type AulaMunicipalityView = {
  code: string;
  name: string;
  esdh: { system: EsdhSystem | null; other: string | null; vendorInTest: boolean | null };
  integrationState: IntegrationState;
  archive: { kind: ArchiveKind | null; name: string | null; plannedOn: string | null; state: ArchiveState };
  relevantCategories: RelevantCategory[];
  readiness: ReadinessState[];
};

export type ReadinessEvent = { item: ReadinessItem; done: boolean; at: Date; by: string | null; note: string };

/** How much of the checklist's history the page shows: the newest events, enough to see who did what lately. */
export const HISTORY_LIMIT = 50;

/**
 * The registration of the given municipalities in three statements whatever their number (the
 * municipalities with their registration, the relevant-category rows, the newest event per
 * checklist item), so the overview of all 98 reads it the way one municipality's page does.
 * Codes that are not municipalities are left out.
 */
export async function loadMunicipalities(db: Db, codes: readonly string[]): Promise<AulaMunicipalityView[]> {
  if (codes.length === 0) return [];
  const list = [...new Set(codes)];
  const [rows, categoryRows, latest] = await Promise.all([
    db
      .select({ code: municipality.code, name: municipality.name, reg: aulaMunicipality })
      .from(municipality)
      .leftJoin(aulaMunicipality, eq(aulaMunicipality.municipalityCode, municipality.code))
      .where(inArray(municipality.code, list)),
    db
      .select({ code: aulaRelevantCategory.municipalityCode, category: aulaRelevantCategory.category, relevant: aulaRelevantCategory.relevant })
      .from(aulaRelevantCategory)
      .where(inArray(aulaRelevantCategory.municipalityCode, list)),
    db
      .selectDistinctOn([aulaReadinessEvent.municipalityCode, aulaReadinessEvent.item], {
        code: aulaReadinessEvent.municipalityCode,
        item: aulaReadinessEvent.item,
        done: aulaReadinessEvent.done,
        at: aulaReadinessEvent.at,
        note: aulaReadinessEvent.note,
        ruleSetId: aulaReadinessEvent.ruleSetId,
        by: person.name,
      })
      .from(aulaReadinessEvent)
      .leftJoin(userAccount, eq(userAccount.id, aulaReadinessEvent.by))
      .leftJoin(person, eq(person.id, userAccount.personId))
      .where(inArray(aulaReadinessEvent.municipalityCode, list))
      .orderBy(aulaReadinessEvent.municipalityCode, aulaReadinessEvent.item, desc(aulaReadinessEvent.at)),
  ]);
  const relevantRows = new Map(categoryRows.map((r) => [`${r.code}/${r.category}`, r.relevant]));
  const latestRows = new Map(latest.map((r) => [`${r.code}/${r.item}`, r]));
  const order = new Map(list.map((c, i) => [c, i]));
  return rows
    .sort((a, b) => order.get(a.code)! - order.get(b.code)!)
    .map(({ code, name, reg }) => ({
      code,
      name,
      esdh: { system: reg?.esdhSystem ?? null, other: reg?.esdhOther ?? null, vendorInTest: reg?.vendorInTest ?? null },
      integrationState: reg?.integrationState ?? 'ikke_startet',
      archive: { kind: reg?.archiveKind ?? null, name: reg?.archiveName ?? null, plannedOn: reg?.archivePlannedOn ?? null, state: reg?.archiveState ?? 'ikke_planlagt' },
      relevantCategories: aulaCategories.map((c) => ({
        key: c.key,
        name: c.name,
        relevant: relevantRows.get(`${code}/${c.key}`) ?? c.relevantByDefault,
        isDefault: c.relevantByDefault,
      })),
      readiness: readinessItems.map((item) => {
        const e = latestRows.get(`${code}/${item}`);
        return { item, done: e?.done ?? false, at: e?.at ?? null, by: e?.by ?? null, note: e?.note ?? '', ruleSetId: e?.ruleSetId ?? null };
      }),
    }));
}

export async function loadMunicipality(db: Db, code: string): Promise<AulaMunicipalityView | null> {
  return (await loadMunicipalities(db, [code]))[0] ?? null;
}

/** The checklist's history, newest first, bounded by HISTORY_LIMIT. */
export async function loadReadinessHistory(db: Db, code: string, limit = HISTORY_LIMIT): Promise<ReadinessEvent[]> {
  return db
    .select({ item: aulaReadinessEvent.item, done: aulaReadinessEvent.done, at: aulaReadinessEvent.at, note: aulaReadinessEvent.note, by: person.name })
    .from(aulaReadinessEvent)
    .leftJoin(userAccount, eq(userAccount.id, aulaReadinessEvent.by))
    .leftJoin(person, eq(person.id, userAccount.personId))
    .where(eq(aulaReadinessEvent.municipalityCode, code))
    .orderBy(desc(aulaReadinessEvent.at))
    .limit(limit);
}
