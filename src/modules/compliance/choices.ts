import { asc } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { complianceChoice, type ComplianceChoiceList } from './schema.ts';

export interface Choice {
  key: string;
  label: string;
  detail: string;
  grp: string;
}

export type Choices = Record<ComplianceChoiceList, Choice[]> & {
  /** The label of a key in a list; an unknown key shows as itself rather than disappearing. */
  label(list: ComplianceChoiceList, key: string | null): string;
};

/** Every choice list in one statement, in the lists' own order (not alphabetical: art. 6 before art. 9). */
export async function loadChoices(db: Db): Promise<Choices> {
  const rows = await db.select().from(complianceChoice).orderBy(asc(complianceChoice.list), asc(complianceChoice.sort));
  const lists = { 'data-subject': [], 'personal-data': [], 'legal-basis': [], retention: [], 'transfer-basis': [], right: [] } as Record<ComplianceChoiceList, Choice[]>;
  for (const r of rows) lists[r.list].push({ key: r.key, label: r.label, detail: r.detail, grp: r.grp });
  const byKey = new Map(rows.map((r) => [`${r.list}:${r.key}`, r.label]));
  return { ...lists, label: (list, key) => (key === null ? '' : (byKey.get(`${list}:${key}`) ?? key)) };
}
