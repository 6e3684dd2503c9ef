import type { Db } from '../../db/client.ts';
import { actorLabel, type Ctx } from '../context.ts';
import type { AuditAction } from './actions.ts';
import { auditEvent } from './schema.ts';

export type AuditEntry = {
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  municipalityCode?: string | null;
  before?: unknown;
  after?: unknown;
};

/** Must be called with the transaction that makes the change, so the log and the change commit together. */
export async function recordAudit(tx: Db, ctx: Ctx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvent).values({
    at: ctx.now,
    actorUserId: ctx.actor?.userId ?? null,
    actorLabel: actorLabel(ctx.actor),
    municipalityCode: entry.municipalityCode ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: ctx.requestId,
  });
}
