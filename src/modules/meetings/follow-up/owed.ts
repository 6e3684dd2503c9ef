import { attentionProviders, byUrgency, type AttentionCtx, type AttentionSection } from '../../../platform/attention/provider.ts';
import type { Actor } from '../../../platform/context.ts';

/**
 * The front page's providers whose items are something the municipality owes: its open and overdue
 * tasks, agreements to sign, compliance packages to acknowledge and yearly documents (invoices) to
 * read. Left out: the role gallery's gaps (standing data the program leader keeps on the front page
 * every day, and in the demo every municipality has some, so each mail would repeat the same list),
 * news and answers (to read, not owed). A new provider of owed items is added here by key.
 */
export const OWED_PROVIDERS: readonly string[] = ['tasks.open', 'agreements.sign', 'compliance.acknowledge', 'economy.documents'];

/**
 * Whose eyes the summary is seen through: KOMBIT's, so the text is the same whoever previews it (a
 * consultant, or the municipality itself) and is the text that is sent. Central providers read no
 * identity of the actor; the nil ids keep any query that did well-formed.
 */
const KOMBIT_VIEW: Actor = {
  userId: '00000000-0000-0000-0000-000000000000',
  personId: '00000000-0000-0000-0000-000000000000',
  name: 'KOMBIT',
  email: '',
  municipalityCode: null,
  municipalityName: null,
  roles: [],
};

/** The statements one municipality's summary costs: the providers' own bound. */
export const owedStatements = () =>
  attentionProviders()
    .filter((p) => OWED_PROVIDERS.includes(p.key) && p.forMunicipality)
    .reduce((n, p) => n + p.statements, 0);

/**
 * What the municipality owes, from the same providers as its page (`attentionForMunicipality`),
 * only those in OWED_PROVIDERS, each section's items most urgent first.
 */
export async function owedSections(ctx: Omit<AttentionCtx, 'actor'>, code: string, today: string): Promise<AttentionSection[]> {
  const view: AttentionCtx = { ...ctx, actor: KOMBIT_VIEW };
  const sections: AttentionSection[] = [];
  // One after another: PGlite has one connection.
  for (const p of attentionProviders()) {
    if (!OWED_PROVIDERS.includes(p.key) || !p.forMunicipality) continue;
    const pending = p.forMunicipality(view, code, today);
    if (!pending) continue;
    const items = await pending;
    sections.push({ key: p.key, heading: p.heading, items: [...items].sort(byUrgency) });
  }
  return sections;
}
