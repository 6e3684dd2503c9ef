import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { AppError, conflict, invalid, parseInput } from '../../../platform/errors.ts';
import { meetingItem } from '../schema.ts';
import { loadMeeting } from './load.ts';
import { itemInput, itemPosition, type ItemInput } from './meeting-input.ts';
import { authorizeGovernance } from './policy.ts';

export type SavedItem = { id: string; position: number; created: boolean; changed: boolean };

/** Every field's error at once: the number's and the item's. */
function parseItem(position: unknown, raw: unknown) {
  const errors: Record<string, string> = {};
  let pos = 0;
  let input: ItemInput | null = null;
  try {
    pos = parseInput(itemPosition, position);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    errors.position = error.fieldErrors._ ?? error.message;
  }
  try {
    input = parseInput(itemInput, raw);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    Object.assign(errors, error.fieldErrors);
  }
  if (Object.keys(errors).length > 0 || input === null) throw invalid(errors);
  return { position: pos, input };
}

/**
 * Writes agenda item number `position` of a meeting: its heading, description and, once the meeting
 * has treated it, the decision (empty: "Ikke behandlet endnu"). The number is the item's identity,
 * so the same item sent again changes nothing. `mode: 'add'` is the page's "new item" form, drawn
 * with the next free number: should that number have been taken meanwhile by another item, it is
 * refused (409) rather than overwritten; `mode: 'put'` (editing, the API) writes the item as sent.
 */
export async function saveMeetingItem(
  ctx: Ctx & { actor: Actor },
  meetingId: string,
  position: unknown,
  raw: unknown,
  mode: 'add' | 'put',
): Promise<SavedItem> {
  authorizeGovernance(ctx.actor, 'edit');
  const parsed = parseItem(position, raw);
  const { input } = parsed;
  return ctx.db.transaction(async (tx) => {
    // The meeting's row serialises writes to its agenda.
    const meeting = await loadMeeting(tx, meetingId, { forUpdate: true });
    const [current] = await tx
      .select()
      .from(meetingItem)
      .where(and(eq(meetingItem.meetingId, meeting.id), eq(meetingItem.position, parsed.position)));
    const after = { title: input.title, description: input.description, decision: input.decision };
    if (current) {
      const before = { title: current.title, description: current.description, decision: current.decision };
      if (before.title === after.title && before.description === after.description && before.decision === after.decision) {
        return { id: current.id, position: parsed.position, created: false, changed: false };
      }
      if (mode === 'add') {
        throw conflict(`Punkt ${parsed.position} er allerede på dagsordenen: ${current.title}. Genindlæs siden, og tilføj punktet igen.`, {
          title: `Punkt ${parsed.position} findes allerede`,
        });
      }
      await tx.update(meetingItem).set(after).where(eq(meetingItem.id, current.id));
      await recordAudit(tx, ctx, {
        action: 'governance.meeting_item_saved',
        entityType: 'council_meeting',
        entityId: meeting.id,
        before: { position: parsed.position, ...before },
        after: { position: parsed.position, ...after },
      });
      return { id: current.id, position: parsed.position, created: false, changed: true };
    }
    const [row] = await tx
      .insert(meetingItem)
      .values({ meetingId: meeting.id, position: parsed.position, ...after })
      .returning({ id: meetingItem.id });
    await recordAudit(tx, ctx, { action: 'governance.meeting_item_saved', entityType: 'council_meeting', entityId: meeting.id, after: { position: parsed.position, ...after } });
    return { id: row!.id, position: parsed.position, created: true, changed: true };
  });
}
