import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { conflict } from '../../../platform/errors.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { isUniqueViolation } from '../../../platform/unique-violation.ts';
import { loadPackage, packageTitle } from '../load-package.ts';
import { compliancePackage } from '../schema.ts';
import { duplicateMessage, MAX_YEAR, packageOf, type CreatedPackage } from './create-package.ts';

/**
 * Copies the rows of one package into another, table by table: one statement per table however
 * large the package. Copied rows get new ids; children find their new parent by the stable `ref`
 * (unique within a package), which is also what lets "what changed" pair the years.
 */
async function copyContent(tx: Db, from: string, to: string): Promise<void> {
  await tx.execute(sql`insert into compliance_package_right (package_id, right_key, handling)
    select ${to}, right_key, handling from compliance_package_right where package_id = ${from}`);
  await tx.execute(sql`insert into compliance_activity (package_id, ref, name, purpose, legal_basis_note, recipients, third_countries, transfer_basis_key, retention_key, deletion, sort)
    select ${to}, ref, name, purpose, legal_basis_note, recipients, third_countries, transfer_basis_key, retention_key, deletion, sort
    from compliance_activity where package_id = ${from}`);
  // old activity id → new activity id, through the ref both share
  const pairs = sql`compliance_activity o join compliance_activity n on n.package_id = ${to} and n.ref = o.ref`;
  await tx.execute(sql`insert into compliance_activity_legal_basis (activity_id, basis_key)
    select n.id, x.basis_key from compliance_activity_legal_basis x join ${pairs} on o.id = x.activity_id where o.package_id = ${from}`);
  await tx.execute(sql`insert into compliance_activity_subject (activity_id, subject_key)
    select n.id, x.subject_key from compliance_activity_subject x join ${pairs} on o.id = x.activity_id where o.package_id = ${from}`);
  await tx.execute(sql`insert into compliance_activity_data (activity_id, data_key)
    select n.id, x.data_key from compliance_activity_data x join ${pairs} on o.id = x.activity_id where o.package_id = ${from}`);
  await tx.execute(sql`insert into compliance_column_g (activity_id, data_key, subject_key)
    select n.id, x.data_key, x.subject_key from compliance_column_g x join ${pairs} on o.id = x.activity_id where o.package_id = ${from}`);
  await tx.execute(sql`insert into compliance_package_supplier (package_id, supplier_id)
    select ${to}, supplier_id from compliance_package_supplier where package_id = ${from}`);
  await tx.execute(sql`insert into compliance_risk (package_id, ref, threat, impact, likelihood, consequence, existing_measures, residual_likelihood, residual_consequence, treatment, rationale, sort)
    select ${to}, ref, threat, impact, likelihood, consequence, existing_measures, residual_likelihood, residual_consequence, treatment, rationale, sort
    from compliance_risk where package_id = ${from}`);
  await tx.execute(sql`insert into compliance_risk_measure (risk_id, description, owner, deadline, sort)
    select n.id, m.description, m.owner, m.deadline, m.sort
    from compliance_risk_measure m
    join compliance_risk o on o.id = m.risk_id
    join compliance_risk n on n.package_id = ${to} and n.ref = o.ref
    where o.package_id = ${from}`);
}

/**
 * Starts next year's package as a draft copy of this one: the record with its legal bases,
 * categories and column G, the rights, principles, security measures and introduction, the
 * suppliers, and the risks with their planned measures; refs are kept and the copy remembers its
 * source. Refused (409) when the solution already has a package for that year. In one transaction
 * with its audit row; the same request twice makes one copy and answers both with it.
 */
export async function copyPackage(ctx: Ctx & { actor: Actor }, packageId: string, clientKey?: string): Promise<CreatedPackage & { created: boolean }> {
  const source = await loadPackage(ctx.db, ctx.actor, packageId, 'author');
  const year = source.year + 1;
  const taken = () => conflict(duplicateMessage(year, source.solutionName));
  if (year > MAX_YEAR) throw conflict(`Der kan ikke oprettes pakker efter ${MAX_YEAR}.`);
  const identity = requestIdentity('compliance-package-copy', ctx.actor.userId, clientKey, { packageId });
  try {
    return await ctx.db.transaction(async (tx) => {
      const first = await claimRequest<CreatedPackage>(tx, identity, ctx.now);
      if (first) return { ...first, created: false };
      if (await packageOf(tx, source.solutionKey, year)) throw taken();
      const [created] = await tx
        .insert(compliancePackage)
        .values({
          solutionKey: source.solutionKey,
          year,
          scaleKey: source.scaleKey,
          introduction: source.introduction,
          principles: source.principles,
          securityMeasures: source.securityMeasures,
          copiedFromId: source.id,
          createdBy: ctx.actor.userId,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning({ id: compliancePackage.id });
      const id = created!.id;
      await copyContent(tx, source.id, id);
      await recordAudit(tx, ctx, {
        action: 'compliance.package_copied',
        entityType: 'compliance_package',
        entityId: id,
        after: { solutionKey: source.solutionKey, year, status: 'draft', copiedFromId: source.id, copiedFromYear: source.year },
      });
      return { ...(await answerRequest(tx, identity, { id, title: packageTitle(year, source.solutionName) })), created: true };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'compliance_package_solution_year')) throw taken();
    throw error;
  }
}
