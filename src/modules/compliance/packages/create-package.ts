import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { DEFAULT_RISK_SCALE } from '../../../db/reference/risk-scales.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { conflict, forbidden, invalid, parseInput } from '../../../platform/errors.ts';
import { solution } from '../../../platform/identity/schema.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { isUniqueViolation } from '../../../platform/unique-violation.ts';
import { packageTitle } from '../load-package.ts';
import { isComplianceAuthor } from '../policy.ts';
import { compliancePackage } from '../schema.ts';

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export const createPackageInput = z
  .object({
    solution: z.string({ message: 'Vælg en løsning' }).trim().min(1, 'Vælg en løsning').max(100, 'Vælg en løsning fra listen').describe('Løsningens nøgle, fx aula'),
    year: z.preprocess(
      (v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
      z
        .number({ message: 'Skriv året som fire cifre, fx 2025' })
        .int('Skriv året som fire cifre, fx 2025')
        .min(MIN_YEAR, `Året skal være mellem ${MIN_YEAR} og ${MAX_YEAR}`)
        .max(MAX_YEAR, `Året skal være mellem ${MIN_YEAR} og ${MAX_YEAR}`),
    ),
  })
  .meta({ id: 'CompliancePackageCreateInput' });

export const createPackageLabels: Record<string, string> = { solution: 'Løsning', year: 'År' };

export type CreatedPackage = { id: string; title: string };

/** Only central information security starts packages; other central staff and the municipalities read them. */
export function authorizePackageAuthoring(actor: Actor): void {
  if (!isComplianceAuthor(actor)) throw forbidden('Kun KOMBITs informationssikkerhed kan oprette compliancepakker.');
}

export const duplicateMessage = (year: number, solutionName: string) =>
  `Der findes allerede en compliancepakke for ${solutionName} ${year}. Der kan kun være én pakke pr. løsning og år.`;

/** The package of a solution and year, if there is one (the unique index makes it one). */
export async function packageOf(db: Db, solutionKey: string, year: number): Promise<{ id: string } | undefined> {
  const [row] = await db
    .select({ id: compliancePackage.id })
    .from(compliancePackage)
    .where(and(eq(compliancePackage.solutionKey, solutionKey), eq(compliancePackage.year, year)));
  return row;
}

/**
 * Starts an empty draft for a solution and year, audited in the same transaction. One package per
 * solution and year: a second is refused with the reason (409), nothing written. The same request
 * twice (a double click: the form's key, or the same content within seconds) makes one package and
 * answers both with it.
 */
export async function createPackage(ctx: Ctx & { actor: Actor }, raw: unknown, clientKey?: string): Promise<CreatedPackage & { created: boolean }> {
  authorizePackageAuthoring(ctx.actor);
  const input = parseInput(createPackageInput, raw);
  const [sol] = await ctx.db.select({ key: solution.key, name: solution.name }).from(solution).where(eq(solution.key, input.solution));
  if (!sol) throw invalid({ solution: 'Vælg en løsning fra listen' });
  const identity = requestIdentity('compliance-package-create', ctx.actor.userId, clientKey, input);
  const taken = () => conflict(duplicateMessage(input.year, sol.name), { year: duplicateMessage(input.year, sol.name) });
  try {
    return await ctx.db.transaction(async (tx) => {
      const first = await claimRequest<CreatedPackage>(tx, identity, ctx.now);
      if (first) return { ...first, created: false };
      if (await packageOf(tx, sol.key, input.year)) throw taken();
      const [created] = await tx
        .insert(compliancePackage)
        .values({ solutionKey: sol.key, year: input.year, scaleKey: DEFAULT_RISK_SCALE, createdBy: ctx.actor.userId, createdAt: ctx.now, updatedAt: ctx.now })
        .returning({ id: compliancePackage.id });
      const id = created!.id;
      await recordAudit(tx, ctx, {
        action: 'compliance.package_created',
        entityType: 'compliance_package',
        entityId: id,
        after: { solutionKey: sol.key, year: input.year, status: 'draft', scaleKey: DEFAULT_RISK_SCALE },
      });
      return { ...(await answerRequest(tx, identity, { id, title: packageTitle(input.year, sol.name) })), created: true };
    });
  } catch (error) {
    // Two authors starting the same package at once: the unique index decides, the other gets the reason.
    if (isUniqueViolation(error, 'compliance_package_solution_year')) throw taken();
    throw error;
  }
}
