import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { AttentionCtx, AttentionItem, AttentionProvider } from '../../../platform/attention/provider.ts';
import { solution } from '../../../platform/identity/schema.ts';
import { type Actor, isCentral } from '../../../platform/context.ts';
import { danishCompare, formatDate } from '../../../platform/views/format.ts';
import { packageTitle } from '../load-package.ts';
import { isRecipient, seesMunicipalStatus } from '../policy.ts';
import { compliancePackage, compliancePackageTarget } from '../schema.ts';

/** Delivered to the municipality, published, not yet acknowledged by it. */
const unacknowledged = (code: string): SQL =>
  and(eq(compliancePackageTarget.municipalityCode, code), eq(compliancePackage.status, 'published'), isNull(compliancePackageTarget.acknowledgedAt))!;

async function toAcknowledge(ctx: AttentionCtx, code: string, hrefOf: (id: string) => string): Promise<AttentionItem[]> {
  const rows = await ctx.db
    .select({
      id: compliancePackage.id,
      year: compliancePackage.year,
      solutionName: solution.name,
      deliveredAt: compliancePackageTarget.deliveredAt,
      openedAt: compliancePackageTarget.firstOpenedAt,
    })
    .from(compliancePackageTarget)
    .innerJoin(compliancePackage, eq(compliancePackage.id, compliancePackageTarget.packageId))
    .innerJoin(solution, eq(solution.key, compliancePackage.solutionKey))
    .where(unacknowledged(code));
  return rows
    .map((r) => ({ ...r, title: packageTitle(r.year, r.solutionName) }))
    .sort((a, b) => b.year - a.year || danishCompare(a.title, b.title))
    .map(
      (r): AttentionItem => ({
        kind: 'compliance.acknowledge',
        severity: 'info',
        label: 'Ny pakke',
        title: `Kvittér for modtagelsen af ${r.title}`,
        detail: `Leveret ${formatDate(r.deliveredAt)}${r.openedAt ? '' : ' · ikke åbnet endnu'}`,
        since: r.deliveredAt,
        href: hrefOf(r.id),
      }),
    );
}

/**
 * A municipality's compliance-package recipients see the packages delivered to it that it has not
 * acknowledged yet; one statement. Only recipients may open a package, so only they get the item
 * on their front page.
 */
export const acknowledgeProvider: AttentionProvider = {
  key: 'compliance.acknowledge',
  heading: 'Nye compliancepakker',
  order: 35,
  statements: 1,
  menu: 'compliance',
  forActor: (ctx) => {
    const code = ctx.actor.municipalityCode;
    if (code === null || !isRecipient(ctx.actor)) return null;
    return toAcknowledge(ctx, code, (id) => `/compliance/pakker/${id}#kvittering`);
  },
  // The municipality page and the meeting follow-up: central staff, and in the municipality those
  // who see its delivery status. Recipients acknowledge on the package; the others (and KOMBIT)
  // follow it on the municipality's delivery page.
  forMunicipality: (ctx, code) => {
    if (isCentral(ctx.actor)) return toAcknowledge(ctx, code, (id) => `/compliance/pakker/${id}/kommuner/${code}`);
    if (ctx.actor.municipalityCode !== code || !seesMunicipalStatus(ctx.actor)) return null;
    const recipient = isRecipient(ctx.actor);
    return toAcknowledge(ctx, code, (id) => (recipient ? `/compliance/pakker/${id}#kvittering` : `/compliance/pakker/${id}/kommuner/${code}`));
  },
  countForActor: (actor: Actor) => {
    const code = actor.municipalityCode;
    if (code === null || !isRecipient(actor)) return null;
    return sql`select count(*) from ${compliancePackageTarget} inner join ${compliancePackage} on ${compliancePackage.id} = ${compliancePackageTarget.packageId}
      where ${unacknowledged(code)}`;
  },
};
