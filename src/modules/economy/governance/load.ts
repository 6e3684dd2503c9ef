import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { council, councilMeeting } from '../schema.ts';

export type Council = typeof council.$inferSelect;
export type MeetingWithCouncil = typeof councilMeeting.$inferSelect & { council: Pick<Council, 'id' | 'key' | 'name' | 'kind'> };

export const councilNotFound = () => notFound('Rådet findes ikke.');
export const meetingNotFound = () => notFound('Mødet findes ikke.');

/** A council by its key; 404 when there is none (whoever asks: councils are public to all signed in). */
export async function loadCouncil(db: Db, key: string, opts: { forUpdate?: boolean } = {}): Promise<Council> {
  if (!/^[a-z0-9-]{2,60}$/.test(key)) throw councilNotFound();
  const query = db.select().from(council).where(eq(council.key, key));
  const [row] = opts.forUpdate ? await query.for('update') : await query;
  if (!row) throw councilNotFound();
  return row;
}

/** A meeting with its council, in one statement; 404 for an id that names nothing. */
export async function loadMeeting(db: Db, id: string, opts: { forUpdate?: boolean } = {}): Promise<MeetingWithCouncil> {
  if (!isUuid(id)) throw meetingNotFound();
  const query = db
    .select({ meeting: councilMeeting, council: { id: council.id, key: council.key, name: council.name, kind: council.kind } })
    .from(councilMeeting)
    .innerJoin(council, eq(council.id, councilMeeting.councilId))
    .where(eq(councilMeeting.id, id));
  const [row] = opts.forUpdate ? await query.for('update', { of: councilMeeting }) : await query;
  if (!row) throw meetingNotFound();
  return { ...row.meeting, council: row.council };
}
