import type { Actor, Ctx } from '../../../platform/context.ts';
import { sumOre } from '../../../platform/money.ts';
import { byDanishName } from '../../../platform/views/format.ts';
import { authorizeEconomy } from '../policy.ts';
import type { EconomyDocumentKind } from '../schema.ts';
import { computeDocuments } from './compute-documents.ts';
import { yearPublications, type Publication } from './queries.ts';
import { loadDocumentRecipients } from './recipients.ts';

export type PublicationPlan = {
  year: number;
  kind: EconomyDocumentKind;
  /** Already published: there is nothing to confirm. */
  publication: Publication | null;
  problems: string[];
  municipalities: number;
  totalOre: number | null;
  /** People who will be mailed, each once. */
  recipients: number;
  /** Municipalities without an IT chief or økonomikontakt: they find the document in Samspil, but nobody is mailed. */
  withoutRecipients: string[];
};

/** What publishing would do now, for the confirmation page. A bounded number of statements. */
export async function planPublication(ctx: Ctx & { actor: Actor }, year: number, kind: EconomyDocumentKind): Promise<PublicationPlan> {
  authorizeEconomy(ctx.actor, 'edit', 'Kun KOMBITs økonomi og administratorer kan offentliggøre årets dokumenter.');
  const publication = (await yearPublications(ctx.db, year)).get(kind) ?? null;
  const base = { year, kind, publication, problems: [], municipalities: 0, totalOre: null, recipients: 0, withoutRecipients: [] };
  if (publication) return base;
  const computed = await computeDocuments(ctx.db, year, kind);
  if (computed.documents.length === 0) return { ...base, problems: computed.problems };
  const recipients = await loadDocumentRecipients(ctx.db);
  const covered = new Set(recipients.map((r) => r.municipalityCode));
  return {
    ...base,
    problems: computed.problems,
    municipalities: computed.documents.length,
    totalOre: sumOre(computed.documents.map((d) => d.totalOre)),
    recipients: new Set(recipients.map((r) => `${r.municipalityCode}:${r.email.toLowerCase()}`)).size,
    withoutRecipients: computed.documents
      .map((d) => d.municipality)
      .filter((m) => !covered.has(m.code))
      .sort(byDanishName)
      .map((m) => m.name),
  };
}
