import { and, eq } from 'drizzle-orm';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/errors.ts';
import { loadAgreement } from '../load-agreement.ts';
import { agreementFile, agreementVersion } from '../schema.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';

/**
 * A version's document or annex, for whoever may read the agreement (central staff; users of an
 * addressed municipality once it is sent). The file must belong to a version of this agreement, so
 * a file id from another agreement answers 404 like one that does not exist.
 */
export async function readAgreementFile(ctx: Ctx & { actor: Actor }, agreementId: string, fileId: string) {
  await loadAgreement(ctx.db, ctx.actor, agreementId, 'read');
  if (!isUuid(fileId)) throw notFound('Filen findes ikke.');
  const [row] = await ctx.db
    .select({ file: agreementFile })
    .from(agreementFile)
    .innerJoin(agreementVersion, eq(agreementVersion.id, agreementFile.versionId))
    .where(and(eq(agreementFile.id, fileId), eq(agreementVersion.agreementId, agreementId)));
  if (!row) throw notFound('Filen findes ikke.');
  return row.file;
}
