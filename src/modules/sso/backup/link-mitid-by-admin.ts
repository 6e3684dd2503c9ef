import type { Actor, Ctx } from '../../../platform/context.ts';
import { invalid } from '../../../platform/errors.ts';
import { authorizeManageLogins } from '../policy.ts';
import { attachMitid } from './attach-mitid.ts';
import { isMitidUuid, normalizeMitidId } from './mitid-id.ts';
import { personInMunicipality } from './person-in-municipality.ts';

const EXAMPLE_UUID = '0f8fad5b-d9cb-469f-a165-70867728950e';

/**
 * The municipality's KLIK-administrator (or a central administrator) enters the MitID Erhverv
 * identifier a user gave them (shown when their backup login was refused). Same link again: no write.
 */
export async function linkMitidByAdmin(ctx: Ctx & { actor: Actor }, code: string, personId: string, body: Record<string, unknown>): Promise<{ created: boolean }> {
  authorizeManageLogins(ctx.actor, code);
  const raw = typeof body.identifikator === 'string' ? body.identifikator : '';
  if (raw.trim() === '') throw invalid({ identifikator: 'Skriv MitID Erhverv-identifikatoren' });
  if (!isMitidUuid(raw)) throw invalid({ identifikator: `Identifikatoren skal være et UUID, fx ${EXAMPLE_UUID}` });
  const subject = normalizeMitidId(raw);
  return ctx.db.transaction(async (tx) => {
    const target = await personInMunicipality(tx, personId, code);
    return attachMitid(tx, ctx, target, subject, { via: 'admin', by: ctx.actor.userId });
  });
}
