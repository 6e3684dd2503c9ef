import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { invalid, notFound, parseInput } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { municipality } from '../../../platform/identity/schema.ts';
import { councilMember } from '../schema.ts';
import { memberInput, type MemberInput } from './council-input.ts';
import { loadCouncil } from './load.ts';
import { authorizeGovernance } from './policy.ts';

export const memberNotFound = () => notFound('Medlemmet findes ikke.');

/** The organisation as stored: what was typed, or the chosen municipality ("Faxe Kommune") when nothing was. */
async function organisationOf(tx: Db, input: MemberInput): Promise<string> {
  if (input.municipalityCode === null) return input.organisation;
  const [m] = await tx.select({ name: municipality.name }).from(municipality).where(eq(municipality.code, input.municipalityCode));
  if (!m) throw invalid({ municipalityCode: 'Vælg en kommune fra listen' });
  return input.organisation === '' ? `${m.name} Kommune` : input.organisation;
}

/**
 * Adds a seat to a council (memberId null) or corrects one: the seat, who fills it (no name: the
 * seat is vacant), their organisation or municipality, and whether they chair the council. A
 * council has one chair, so naming a new one takes the mark from the old. Audited in the same
 * transaction. Adding the same seat twice in one request's window (a double click, a retry with the
 * same key) adds it once; saving unchanged values changes nothing (`changed: false`).
 */
export async function saveMember(
  ctx: Ctx & { actor: Actor },
  key: string,
  memberId: string | null,
  raw: unknown,
  clientKey?: string,
): Promise<{ id: string; changed: boolean }> {
  authorizeGovernance(ctx.actor, 'edit');
  if (memberId !== null && !isUuid(memberId)) throw memberNotFound();
  const input = parseInput(memberInput, raw);
  return ctx.db.transaction(async (tx) => {
    // The council's row serialises its member writes, so two chairs cannot be named at once.
    const c = await loadCouncil(tx, key, { forUpdate: true });
    const identity = memberId === null ? requestIdentity('governance-member-add', ctx.actor.userId, clientKey, { council: c.id, ...input }) : null;
    if (identity) {
      const first = await claimRequest<{ id: string }>(tx, identity, ctx.now);
      if (first) return { id: first.id, changed: false };
    }
    const columns = { seat: input.seat, name: input.name, organisation: await organisationOf(tx, input), municipalityCode: input.municipalityCode, chair: input.chair };
    let id: string;
    let before: typeof columns | null = null;
    if (memberId === null) {
      const [last] = await tx
        .select({ sort: sql<number>`coalesce(max(${councilMember.sort}), 0)::int` })
        .from(councilMember)
        .where(eq(councilMember.councilId, c.id));
      const [row] = await tx
        .insert(councilMember)
        .values({ councilId: c.id, ...columns, sort: (last?.sort ?? 0) + 1 })
        .returning({ id: councilMember.id });
      id = row!.id;
    } else {
      const [current] = await tx
        .select()
        .from(councilMember)
        .where(and(eq(councilMember.id, memberId), eq(councilMember.councilId, c.id)));
      if (!current) throw memberNotFound();
      before = { seat: current.seat, name: current.name, organisation: current.organisation, municipalityCode: current.municipalityCode, chair: current.chair };
      if ((Object.keys(columns) as (keyof typeof columns)[]).every((k) => before![k] === columns[k])) return { id: memberId, changed: false };
      await tx.update(councilMember).set(columns).where(eq(councilMember.id, memberId));
      id = memberId;
    }
    if (columns.chair) {
      await tx
        .update(councilMember)
        .set({ chair: false })
        .where(and(eq(councilMember.councilId, c.id), ne(councilMember.id, id), eq(councilMember.chair, true)));
    }
    await recordAudit(tx, ctx, {
      action: 'governance.member_saved',
      entityType: 'council',
      entityId: c.id,
      before: before === null ? null : { memberId: id, ...before },
      after: { council: c.key, memberId: id, ...columns },
    });
    if (identity) await answerRequest(tx, identity, { id });
    return { id, changed: true };
  });
}
