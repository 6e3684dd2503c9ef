import type { Actor, Ctx } from '../../../platform/context.ts';
import { isCentral } from '../../../platform/context.ts';
import { notFound } from '../../../platform/errors.ts';
import { loadPackage, type PackageRow } from '../load-package.ts';
import { loadMunicipalityResponses, type MunicipalityResponse } from '../responses/load-responses.ts';
import { municipalityDelivery, type AccessEntry, type Recipient, type Target } from './delivery-queries.ts';

export type MunicipalityDeliveryView = {
  target: Target;
  recipients: Recipient[];
  log: { total: number; entries: AccessEntry[] };
  responses: MunicipalityResponse[];
};

/**
 * One municipality's delivery of a package, for its page and the API: central staff any
 * municipality it was delivered to; the municipality's recipients, programleder and
 * KLIK-administrator their own only (another code answers 404, as an unknown one does).
 */
export async function loadMunicipalityDelivery(ctx: Ctx & { actor: Actor }, packageId: string, code: string): Promise<{ pkg: PackageRow; view: MunicipalityDeliveryView }> {
  const pkg = await loadPackage(ctx.db, ctx.actor, packageId, 'status');
  if (!isCentral(ctx.actor) && ctx.actor.municipalityCode !== code) throw notFound('Kommunen findes ikke, eller pakken er ikke leveret til den.');
  const delivery = await municipalityDelivery(ctx.db, pkg.id, code);
  if (!delivery) throw notFound('Kommunen findes ikke, eller pakken er ikke leveret til den.');
  const responses = await loadMunicipalityResponses(ctx.db, pkg.id, code);
  return { pkg, view: { ...delivery, responses } };
}
