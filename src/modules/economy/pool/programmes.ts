import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { municipality } from '../../../platform/identity/schema.ts';
import { poolProposal, poolProposalStep } from '../schema.ts';

/** A proposal the Porteføljeråd prioritised: a programme started with money from the pool. */
export type Programme = {
  number: number;
  title: string;
  /** The proposing municipality's name, or null when KOMBIT proposed it. */
  proposedBy: string | null;
  estimatedCostOre: number;
  /** The Danish day of the decision, yyyy-mm-dd. */
  decidedOn: string;
  href: string;
};

export const proposalHref = (number: number) => `/styring/puljen/forslag/${number}`;

/** More than a year's pool ever funds; a guard, not a page size. */
const MAX_PROGRAMMES = 200;

/**
 * The programmes started in a pool year (the proposals prioritised for it), by proposal number:
 * the yearly documents' "dokumentation for iværksatte programmer". One statement.
 */
export async function programmesOfYear(db: Db, year: number): Promise<Programme[]> {
  const rows = await db
    .select({
      number: poolProposal.number,
      title: poolProposal.title,
      proposedBy: municipality.name,
      estimatedCostOre: poolProposal.estimatedCostOre,
      decidedOn: sql<string>`to_char(${poolProposalStep.decidedAt} at time zone 'Europe/Copenhagen', 'YYYY-MM-DD')`,
    })
    .from(poolProposal)
    .innerJoin(poolProposalStep, and(eq(poolProposalStep.proposalId, poolProposal.id), eq(poolProposalStep.status, 'prioriteret')))
    .leftJoin(municipality, eq(municipality.code, poolProposal.municipalityCode))
    .where(and(eq(poolProposal.year, year), eq(poolProposal.status, 'prioriteret')))
    .orderBy(asc(poolProposal.number))
    .limit(MAX_PROGRAMMES);
  return rows.map((r) => ({ ...r, href: proposalHref(r.number) }));
}
