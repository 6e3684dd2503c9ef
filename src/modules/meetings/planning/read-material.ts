import { and, eq } from 'drizzle-orm';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { authorizeMeeting } from '../policy.ts';
import { meetingMaterial } from '../schema.ts';

/** One material with its bytes, for whoever reads the meeting. */
export async function readMaterial(ctx: Ctx & { actor: Actor | null }, meetingId: string, materialId: string) {
  authorizeMeeting(ctx.actor, 'read');
  if (!isUuid(meetingId) || !isUuid(materialId)) throw notFound('Filen findes ikke.');
  const [f] = await ctx.db
    .select({ filename: meetingMaterial.filename, contentType: meetingMaterial.contentType, content: meetingMaterial.content, sha256: meetingMaterial.sha256 })
    .from(meetingMaterial)
    .where(and(eq(meetingMaterial.id, materialId), eq(meetingMaterial.meetingId, meetingId)));
  if (!f) throw notFound('Filen findes ikke.');
  return f;
}
