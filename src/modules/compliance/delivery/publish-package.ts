import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { municipality } from '../../../platform/identity/schema.ts';
import { notifyEach, type Notification, type NotifyRecipient } from '../../../platform/notify/notify.ts';
import { danishCompare } from '../../../platform/views/format.ts';
import { buildPackageContent } from '../content.ts';
import { loadPackage } from '../load-package.ts';
import { compliancePackage } from '../schema.ts';
import { deliveryCounts } from './delivery-queries.ts';
import { byMunicipality, loadHolders, PROGRAM_LEADER_ROLE, type Holder } from './holders.ts';
import { recipientText, registerRecipientText } from './publish-text.ts';

/*
 * Who a package goes to: every municipality using the solution. Every solution in the reference
 * list (src/db/reference/solutions.ts) is in operation with all 98 municipalities connected today,
 * so a package is delivered to every municipality. Should a solution come to serve only some, the
 * target set is the one place to narrow (the statement in `publishPackage` and `planDelivery`).
 */

export type DeliveryPlan = {
  municipalities: number;
  /** People who will get the package's mail (each once). */
  recipients: number;
  /** Municipalities without any recipient; their programledere are asked to register one. */
  withoutRecipients: { code: string; name: string }[];
  /** Programledere who will get that request. */
  programLeaders: number;
};

function plan(municipalities: { code: string; name: string }[], holders: Holder[]) {
  const held = byMunicipality(holders);
  const recipients = new Map<string, Holder>();
  const leaders = new Map<string, Holder>();
  const without: { code: string; name: string }[] = [];
  for (const m of municipalities) {
    const own = held.get(m.code) ?? [];
    const mine = own.filter((h) => h.role !== PROGRAM_LEADER_ROLE);
    for (const h of mine) recipients.set(h.personId, h);
    if (mine.length > 0) continue;
    without.push(m);
    for (const h of own) if (h.role === PROGRAM_LEADER_ROLE) leaders.set(h.personId, h);
  }
  return { recipients: [...recipients.values()], leaders: [...leaders.values()], without: without.sort((a, b) => danishCompare(a.name, b.name)) };
}

const allMunicipalities = (db: Db) => db.select({ code: municipality.code, name: municipality.name }).from(municipality);

/** What publishing would do now, for the confirmation page (the caller has checked the policy): two statements. */
export async function planDelivery(db: Db): Promise<DeliveryPlan> {
  const municipalities = await allMunicipalities(db);
  const p = plan(municipalities, await loadHolders(db, { programLeaders: true }));
  return { municipalities: municipalities.length, recipients: p.recipients.length, withoutRecipients: p.without, programLeaders: p.leaders.length };
}

export type PublishResult = {
  packageId: string;
  /** The package was published before this request (by a twin request or earlier): nothing was sent now. */
  alreadyPublished: boolean;
  publishedAt: string;
  municipalities: number;
  municipalitiesWithoutRecipients: number;
  /** Recipients mailed by this request (0 when already published). */
  recipientsMailed: number;
  /** Programledere asked to register a recipient by this request (0 when already published). */
  programLeadersMailed: number;
};

const asRecipient = (h: Holder): NotifyRecipient => ({ email: h.email, userId: h.userId, digestMode: h.digestMode, municipalityCode: h.municipalityCode });

/**
 * Publishes a draft: in one transaction the status flips (only from draft, so of two requests at
 * once exactly one publishes), the content is frozen, the package is delivered to every
 * municipality, each designated recipient is mailed once and the programledere of municipalities
 * without a recipient are asked to register one, and the publication is audited. A fixed number of
 * statements whatever the number of municipalities. The same request again (a double click, a
 * client's retry with its key) gets the first answer; any other request on a published package is
 * told it was already published, and nothing is sent.
 */
export async function publishPackage(ctx: Ctx & { actor: Actor }, packageId: string, clientKey?: string): Promise<PublishResult> {
  const pkg = await loadPackage(ctx.db, ctx.actor, packageId, 'author');
  const identity = requestIdentity('compliance.publish', ctx.actor.userId, clientKey, { packageId });
  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<PublishResult>(tx, identity, ctx.now);
    if (first) return first;
    // A twin request waits here on the row until the first commits, then finds the package published.
    const [flipped] = await tx
      .update(compliancePackage)
      .set({ status: 'published', publishedAt: ctx.now, publishedBy: ctx.actor.userId, updatedAt: ctx.now })
      .where(and(eq(compliancePackage.id, packageId), eq(compliancePackage.status, 'draft')))
      .returning({ publishedAt: compliancePackage.publishedAt });
    if (!flipped) {
      const [current] = await tx.select({ publishedAt: compliancePackage.publishedAt }).from(compliancePackage).where(eq(compliancePackage.id, packageId));
      const counts = await deliveryCounts(tx, packageId);
      return answerRequest(tx, identity, {
        packageId,
        alreadyPublished: true,
        publishedAt: (current?.publishedAt ?? ctx.now).toISOString(),
        municipalities: counts.delivered,
        municipalitiesWithoutRecipients: counts.delivered - counts.withRecipients,
        recipientsMailed: 0,
        programLeadersMailed: 0,
      } satisfies PublishResult);
    }

    const content = await buildPackageContent(tx, packageId);
    await tx.update(compliancePackage).set({ publishedContent: content }).where(eq(compliancePackage.id, packageId));
    await tx.execute(sql`insert into compliance_package_target (package_id, municipality_code, delivered_at)
      select ${packageId}, m.code, ${ctx.now.toISOString()}::timestamptz from municipality m
      on conflict do nothing`);
    const municipalities = await allMunicipalities(tx);
    const p = plan(municipalities, await loadHolders(tx, { programLeaders: true }));

    const text = { packageId, title: pkg.title, solutionName: pkg.solutionName, year: pkg.year, publicUrl: ctx.config.publicUrl };
    const toRecipients: Notification = { ...recipientText(text), kind: 'compliance-package', dedupeKey: `compliance-publish:${packageId}` };
    const nameOf = new Map(municipalities.map((m) => [m.code, m.name]));
    await notifyEach(tx, ctx.now, [
      ...p.recipients.map((h) => ({ recipient: asRecipient(h), notification: toRecipients })),
      ...p.leaders.map((h) => ({
        recipient: asRecipient(h),
        notification: {
          ...registerRecipientText({ ...text, municipalityCode: h.municipalityCode, municipalityName: nameOf.get(h.municipalityCode) ?? h.municipalityCode }),
          kind: 'compliance-package-no-recipient',
          dedupeKey: `compliance-publish-no-recipient:${packageId}`,
        },
      })),
    ]);

    const result: PublishResult = {
      packageId,
      alreadyPublished: false,
      publishedAt: ctx.now.toISOString(),
      municipalities: municipalities.length,
      municipalitiesWithoutRecipients: p.without.length,
      recipientsMailed: p.recipients.length,
      programLeadersMailed: p.leaders.length,
    };
    await recordAudit(tx, ctx, {
      action: 'compliance.package_published',
      entityType: 'compliance_package',
      entityId: packageId,
      before: { status: 'draft' },
      after: {
        status: 'published',
        title: pkg.title,
        municipalities: result.municipalities,
        recipientsMailed: result.recipientsMailed,
        withoutRecipients: p.without.map((m) => m.code).sort(),
        programLeadersMailed: result.programLeadersMailed,
      },
    });
    return answerRequest(tx, identity, result);
  });
}
