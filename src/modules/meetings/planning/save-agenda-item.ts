import { and, eq, max } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { invalid, notFound, parseInput } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { authorizeMeeting } from '../policy.ts';
import { meeting, meetingAgendaItem, meetingAgendaLink, meetingAgendaPresenter } from '../schema.ts';
import { unknownReferences } from './agenda-options.ts';
import { agendaItemInput, type AgendaItemInput } from './meeting-input.ts';
import { meetingNotFound } from '../paths.ts';

export const agendaItemNotFound = () => notFound('Dagsordenspunktet findes ikke.');

/** Locks the meeting's row: agenda writes of one meeting take turns, so positions stay 1…n. */
export async function lockMeeting(tx: Db, meetingId: string): Promise<void> {
  if (!isUuid(meetingId)) throw meetingNotFound();
  const [m] = await tx.select({ id: meeting.id }).from(meeting).where(eq(meeting.id, meetingId)).for('update');
  if (!m) throw meetingNotFound();
}

async function writeLinks(tx: Db, itemId: string, input: AgendaItemInput): Promise<void> {
  await tx.delete(meetingAgendaPresenter).where(eq(meetingAgendaPresenter.agendaItemId, itemId));
  await tx.delete(meetingAgendaLink).where(eq(meetingAgendaLink.agendaItemId, itemId));
  if (input.presenters.length > 0) await tx.insert(meetingAgendaPresenter).values(input.presenters.map((personId) => ({ agendaItemId: itemId, personId })));
  const links = [
    ...input.news.map((newsId) => ({ agendaItemId: itemId, newsId })),
    ...input.programmes.map((projectId) => ({ agendaItemId: itemId, projectId })),
    ...input.tasks.map((taskId) => ({ agendaItemId: itemId, taskId })),
    ...input.agreements.map((agreementId) => ({ agendaItemId: itemId, agreementId })),
  ];
  if (links.length > 0) await tx.insert(meetingAgendaLink).values(links);
}

async function checked(tx: Db, raw: unknown): Promise<AgendaItemInput> {
  const input = parseInput(agendaItemInput, raw);
  const errors = await unknownReferences(tx, input);
  if (Object.keys(errors).length > 0) throw invalid(errors);
  return input;
}

/** Adds an item at the end of the agenda; a double submit (same request key) adds it once. */
export async function addAgendaItem(ctx: Ctx & { actor: Actor }, meetingId: string, raw: unknown, clientKey?: string): Promise<{ id: string }> {
  authorizeMeeting(ctx.actor, 'edit');
  const parsed = parseInput(agendaItemInput, raw);
  const identity = requestIdentity(`meeting-agenda:${meetingId}`, ctx.actor.userId, clientKey, parsed);
  return ctx.db.transaction(async (tx) => {
    await lockMeeting(tx, meetingId);
    const first = await claimRequest<{ id: string }>(tx, identity, ctx.now);
    if (first) return first;
    const input = await checked(tx, raw);
    const [last] = await tx.select({ p: max(meetingAgendaItem.position) }).from(meetingAgendaItem).where(eq(meetingAgendaItem.meetingId, meetingId));
    const position = (last?.p ?? 0) + 1;
    const [row] = await tx
      .insert(meetingAgendaItem)
      .values({ meetingId, position, title: input.title, minutes: input.minutes, description: input.description, createdAt: ctx.now })
      .returning({ id: meetingAgendaItem.id });
    await writeLinks(tx, row!.id, input);
    await recordAudit(tx, ctx, { action: 'meeting.agenda_saved', entityType: 'meeting', entityId: meetingId, after: { itemId: row!.id, position, ...input } });
    return answerRequest(tx, identity, { id: row!.id });
  });
}

/** Corrects an item; its presenters and links are replaced by the ones sent. Unchanged values write nothing. */
export async function updateAgendaItem(ctx: Ctx & { actor: Actor }, meetingId: string, itemId: string, raw: unknown): Promise<{ changed: boolean }> {
  authorizeMeeting(ctx.actor, 'edit');
  if (!isUuid(itemId)) throw agendaItemNotFound();
  return ctx.db.transaction(async (tx) => {
    await lockMeeting(tx, meetingId);
    const [current] = await tx
      .select()
      .from(meetingAgendaItem)
      .where(and(eq(meetingAgendaItem.id, itemId), eq(meetingAgendaItem.meetingId, meetingId)));
    if (!current) throw agendaItemNotFound();
    const input = await checked(tx, raw);
    const [presenters, links] = await Promise.all([
      tx.select({ id: meetingAgendaPresenter.personId }).from(meetingAgendaPresenter).where(eq(meetingAgendaPresenter.agendaItemId, itemId)),
      tx.select().from(meetingAgendaLink).where(eq(meetingAgendaLink.agendaItemId, itemId)),
    ]);
    const ids = (pick: (l: (typeof links)[number]) => string | null) => links.map(pick).filter((x): x is string => x !== null).sort();
    const before: AgendaItemInput = {
      title: current.title,
      minutes: current.minutes,
      description: current.description,
      presenters: presenters.map((p) => p.id).sort(),
      news: ids((l) => l.newsId),
      programmes: ids((l) => l.projectId),
      tasks: ids((l) => l.taskId),
      agreements: ids((l) => l.agreementId),
    };
    const changed = (Object.keys(input) as (keyof AgendaItemInput)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(input[k]));
    if (changed.length === 0) return { changed: false };
    await tx.update(meetingAgendaItem).set({ title: input.title, minutes: input.minutes, description: input.description }).where(eq(meetingAgendaItem.id, itemId));
    await writeLinks(tx, itemId, input);
    const pick = (o: AgendaItemInput) => Object.fromEntries(changed.map((k) => [k, o[k]]));
    await recordAudit(tx, ctx, { action: 'meeting.agenda_saved', entityType: 'meeting', entityId: meetingId, before: { itemId, ...pick(before) }, after: { itemId, ...pick(input) } });
    return { changed: true };
  });
}
