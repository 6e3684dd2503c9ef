import { and, asc, count, desc, eq, gt, max, sql, type SQL } from 'drizzle-orm';
import { daysUntil } from '../../platform/attention/due.ts';
import type { AttentionCtx, AttentionItem, AttentionProvider } from '../../platform/attention/provider.ts';
import { frontPageSeenSql } from '../../platform/attention/seen.ts';
import { type Actor, isCentral } from '../../platform/context.ts';
import { roleType, solution } from '../../platform/identity/schema.ts';
import { danishCompare, danishList, formatDate, formatDateTime } from '../../platform/views/format.ts';
import { agreementTargetVisibleTo, signerSql } from './policy.ts';
import { currentSignatureSql, replacedSql } from './status-sql.ts';
import { agreement, agreementNote, agreementTarget } from './schema.ts';

/**
 * The agreements a municipality has yet to sign, for its users' front page and the municipality
 * page: sent (open for signing), addressed to it, and neither signed nor replaced by a signed K98
 * agreement, saying who signs and by when. One statement.
 *
 * The conditions are status.ts's derivation (signed, replaced, pending) written in SQL so the count
 * for the menu badge and the list need no per-agreement work; attention-municipal.test.ts checks
 * they list exactly what the municipality's agreement list calls "to be signed".
 */

const SOON_DAYS = 14;

/** A current signature that counts (made in Samspil, or an uploaded copy accepted by KOMBIT). */
const signedSql = currentSignatureSql('agreement_target', ['signed']);

/** An uploaded signed copy waiting for KOMBIT's review: signed as far as the municipality can tell. */
const pendingSinceSql = sql<string | null>`(select max(s.signed_at) from agreement_signature s where s.agreement_id = ${agreement.id}
  and s.municipality_code = ${agreementTarget.municipalityCode} and s.superseded_at is null and s.state = 'pending')`;

const replaced = replacedSql('agreement', 'agreement_target');

/** Open for signing and still owed by the municipality of the target row (pending copies included). */
function owedWhere(actor: Actor, code: string): SQL {
  return and(
    eq(agreementTarget.municipalityCode, code),
    eq(agreement.status, 'sent'),
    agreementTargetVisibleTo(actor),
    sql`not ${signedSql}`,
    sql`not ${replaced}`,
  )!;
}

/** The people in the municipality holding the role the agreement was sent to. */
const holdersSql = sql<unknown>`(select coalesce(json_agg(p.name), '[]'::json) from role_assignment ra
  join person p on p.id = ra.person_id and p.active
  where ra.municipality_code = ${agreementTarget.municipalityCode} and ra.removed_at is null
    and ra.role_type_key = ${agreement.audienceRoleKey}
    and (${agreement.audienceSolutionKey} is null or ra.solution_key = ${agreement.audienceSolutionKey}))`;

function names(value: unknown): string[] {
  const list: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string').sort(danishCompare) : [];
}

async function owedAgreements(ctx: AttentionCtx, code: string, today: string, hrefOf: (id: string) => string): Promise<AttentionItem[]> {
  const rows = await ctx.db
    .select({
      id: agreement.id,
      title: agreement.title,
      deadline: agreement.deadline,
      inDialogue: agreementTarget.inDialogue,
      pendingSince: pendingSinceSql,
      mine: sql<boolean>`${signerSql(ctx.actor)}`,
      roleLabel: roleType.labelDa,
      solutionName: solution.name,
      holders: holdersSql,
    })
    .from(agreementTarget)
    .innerJoin(agreement, eq(agreement.id, agreementTarget.agreementId))
    .leftJoin(roleType, eq(roleType.key, agreement.audienceRoleKey))
    .leftJoin(solution, eq(solution.key, agreement.audienceSolutionKey))
    .where(owedWhere(ctx.actor, code))
    .orderBy(sql`${agreement.deadline} asc nulls last`, asc(agreement.id));
  return [...rows].sort((a, b) => danishCompare(a.title, b.title)).map((r): AttentionItem => {
    const href = hrefOf(r.id);
    if (r.pendingSince) {
      return {
        kind: 'agreement.pending',
        severity: 'info',
        label: 'Afventer KOMBIT',
        title: r.title,
        detail: `Underskrevet kopi indsendt ${formatDate(new Date(r.pendingSince))} – afventer KOMBITs godkendelse`,
        due: r.deadline,
        href,
      };
    }
    const role = r.roleLabel ? (r.solutionName ? `${r.roleLabel} for ${r.solutionName}` : r.roleLabel) : 'kommunens modtagere';
    const people = names(r.holders);
    const who = r.mine
      ? 'Du underskriver'
      : people.length > 0
        ? `Underskrives af ${role}, ${danishList(people)}`
        : `Underskrives af ${role} – ingen i rollegalleriet har rollen`;
    const days = r.deadline ? daysUntil(r.deadline, today) : Infinity;
    return {
      kind: 'agreement.sign',
      severity: days < 0 ? 'alert' : days <= SOON_DAYS ? 'warning' : 'info',
      title: r.title,
      detail: r.inDialogue ? `${who} · I dialog med KOMBIT` : who,
      due: r.deadline,
      href,
    };
  });
}

/**
 * Items: `agreement.sign` (the municipality must sign) and `agreement.pending` (an uploaded signed
 * copy awaits KOMBIT's review: nothing for the municipality to do, but not done either, so it
 * stays on the list, saying so). The menu badge counts only `agreement.sign`.
 */
export const agreementsToSignProvider: AttentionProvider = {
  key: 'agreements.sign',
  heading: 'Aftaler til underskrift',
  order: 20,
  statements: 1,
  menu: 'aftaler',
  forActor: (ctx, today) => {
    const code = ctx.actor.municipalityCode;
    if (code === null) return null;
    return owedAgreements(ctx, code, today, (id) => `/aftaler/${id}`);
  },
  forMunicipality: (ctx, code, today) =>
    owedAgreements(ctx, code, today, (id) => (isCentral(ctx.actor) ? `/aftaler/${id}/kommuner/${code}` : `/aftaler/${id}`)),
  countForActor: (actor) => {
    const code = actor.municipalityCode;
    if (code === null) return null;
    return sql`select count(*) from ${agreementTarget} inner join ${agreement} on ${agreement.id} = ${agreementTarget.agreementId}
      where ${owedWhere(actor, code)} and ${pendingSinceSql} is null`;
  },
};

/**
 * Notes KOMBIT wrote in the municipality's thread of an agreement after the user's last
 * front-page visit, one item per agreement; news, so no badge (see tasks' answers provider).
 */
export const agreementAnswersProvider: AttentionProvider = {
  key: 'agreements.answers',
  heading: 'Nye svar fra KOMBIT om aftaler',
  order: 31,
  statements: 1,
  forActor: (ctx) => {
    const code = ctx.actor.municipalityCode;
    if (code === null) return null;
    return (async () => {
      const latest = max(agreementNote.createdAt);
      const rows = await ctx.db
        .select({ id: agreement.id, title: agreement.title, notes: count(), latest })
        .from(agreementNote)
        .innerJoin(agreementTarget, and(eq(agreementTarget.agreementId, agreementNote.agreementId), eq(agreementTarget.municipalityCode, agreementNote.municipalityCode)))
        .innerJoin(agreement, eq(agreement.id, agreementNote.agreementId))
        .where(
          and(
            eq(agreementNote.municipalityCode, code),
            eq(agreementNote.fromCentral, true),
            gt(agreementNote.createdAt, frontPageSeenSql(ctx.actor, ctx.now)),
            agreementTargetVisibleTo(ctx.actor),
          ),
        )
        .groupBy(agreement.id, agreement.title)
        .orderBy(desc(latest), asc(agreement.id));
      return rows.map((r): AttentionItem => {
        const n = Number(r.notes);
        const at = r.latest ? `, senest ${formatDateTime(new Date(r.latest as unknown as string))}` : '';
        return {
          kind: 'agreement.answer',
          severity: 'info',
          label: 'Nyt svar',
          title: r.title,
          detail: `${n === 1 ? 'KOMBIT har skrevet en note' : `KOMBIT har skrevet ${n} noter`}${at}`,
          href: `/aftaler/${r.id}/kommuner/${code}#noter`,
        };
      });
    })();
  },
};
