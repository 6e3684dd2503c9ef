import { and, desc, eq, gte, ilike, lt, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { auditEvent } from '../../platform/audit/schema.ts';
import { type Actor, isCentralAdmin } from '../../platform/context.ts';
import { municipalAdminRoles } from '../../db/reference/role-types.ts';
import { forbidden } from '../../platform/errors.ts';
import { danishDaysRange } from '../../platform/days.ts';
import { containsPattern } from '../../platform/like-pattern.ts';

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);
export const auditFilter = z.object({
  kommune: z.preprocess(emptyToUndefined, z.string().regex(/^\d{4}$/, 'Kommunekoden består af fire cifre').optional()),
  handling: z.preprocess(emptyToUndefined, z.string().max(100).optional()),
  soeg: z.preprocess(emptyToUndefined, z.string().max(200).optional()),
  fra: z.preprocess(emptyToUndefined, z.iso.date('Skriv datoen som ÅÅÅÅ-MM-DD').optional()),
  til: z.preprocess(emptyToUndefined, z.iso.date('Skriv datoen som ÅÅÅÅ-MM-DD').optional()),
  foer: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().optional()),
});
export type AuditFilter = z.infer<typeof auditFilter>;

/**
 * Central administrators read the whole log; a municipality's administrators read only entries
 * about their own municipality, whatever filter they send.
 */
export function auditScope(actor: Actor): string | null {
  if (isCentralAdmin(actor)) return null;
  if (isMunicipalAdmin(actor)) return actor.municipalityCode;
  throw forbidden('Loggen er forbeholdt administratorer.');
}

const isMunicipalAdmin = (actor: Actor): actor is Actor & { municipalityCode: string } =>
  actor.municipalityCode !== null && actor.roles.some((r) => municipalAdminRoles.includes(r.roleTypeKey));

/** Whether `auditScope` lets the actor in; the menu shows "Log" by it. */
export const mayReadAudit = (actor: Actor): boolean => isCentralAdmin(actor) || isMunicipalAdmin(actor);

export const PAGE_SIZE = 100;

export async function listAudit(db: Db, actor: Actor, f: AuditFilter) {
  const scope = auditScope(actor);
  const where: (SQL | undefined)[] = [];
  if (scope) where.push(eq(auditEvent.municipalityCode, scope));
  else if (f.kommune) where.push(eq(auditEvent.municipalityCode, f.kommune));
  if (f.handling) where.push(eq(auditEvent.action, f.handling));
  if (f.soeg) {
    const contains = containsPattern(f.soeg);
    where.push(or(ilike(auditEvent.actorLabel, contains), ilike(auditEvent.entityId, contains)));
  }
  // The dates are Danish days: an event at 00:30 on 1 June in Denmark is 22:30 UTC on 31 May.
  const { start, end } = danishDaysRange(f.fra, f.til);
  if (start) where.push(gte(auditEvent.at, start));
  if (end) where.push(lt(auditEvent.at, end));
  if (f.foer) where.push(lt(auditEvent.id, f.foer));
  const rows = await db
    .select()
    .from(auditEvent)
    .where(and(...where))
    .orderBy(desc(auditEvent.id))
    .limit(PAGE_SIZE + 1);
  return { rows: rows.slice(0, PAGE_SIZE), nextBefore: rows.length > PAGE_SIZE ? rows[PAGE_SIZE - 1]!.id : null, scope };
}
