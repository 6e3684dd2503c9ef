import { createHash, randomUUID } from 'node:crypto';
import { eq, like } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { referenceMunicipalities } from '../../db/reference/municipalities.ts';
import { person, userAccount } from '../../db/schema.ts';
import { danishDay } from '../../platform/days.ts';
import { addDays } from '../../platform/reminders/schedule.ts';
import { danishTime } from '../../platform/days.ts';
import { agreementRecipients } from './addressees.ts';
import { LIVE_TITLE, liveDocuments } from './demo-documents.ts';
import { fileSha256, PDF, versionHash } from './files.ts';
import { scheduleNextAgreementReminder } from './reminders/send-reminders.ts';
import { agreement, agreementDispatch, agreementFile, agreementSignature, agreementSolution, agreementTarget, agreementVersion } from './schema.ts';

export { LIVE_TITLE };

/** The live agreement goes to the program leaders, who sign it themselves (no cc). */
export const LIVE_AGREEMENT = { sentDaysAgo: 16, deadlineInDays: 12, signedShare: 0.55, notSigned: ['0320'] } as const;

const hash = (s: string) => createHash('sha256').update(s).digest().readUInt32BE(0);

/**
 * An agreement out for signature as of the day the demo is seeded (`now`, Danish days): sent 16
 * days ago to the program leaders, deadline in 12 days, a little over half signed, Faxe not. The
 * 2025 agreements stay history; this one gives both front pages something to sign and to follow up.
 * Its reminders are scheduled from `now`, so the first (7 days before the deadline) comes later.
 */
export async function seedLiveDemoAgreement(db: Db, now: Date): Promise<void> {
  const [existing] = await db.select({ id: agreement.id }).from(agreement).where(eq(agreement.title, LIVE_TITLE)).limit(1);
  if (existing) return;
  const today = danishDay(now);
  const sentDay = addDays(today, -LIVE_AGREEMENT.sentDaysAgo);
  const createdAt = danishTime(addDays(sentDay, -2), 10, 0);
  const sentAt = danishTime(sentDay, 10, 0);
  const deadline = addDays(today, LIVE_AGREEMENT.deadlineInDays);
  const codes = referenceMunicipalities().map((m) => m.code);
  const files = await liveDocuments(createdAt);

  await db.transaction(async (tx) => {
    const [consultant] = await tx.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.email, 'konsulent@samspil.demo'));
    const by = consultant?.id ?? null;
    const leaders = new Map(
      (
        await tx
          .select({ personId: person.id, userId: userAccount.id, name: person.name, title: person.title, code: person.municipalityCode })
          .from(person)
          .innerJoin(userAccount, eq(userAccount.personId, person.id))
          .where(like(person.email, 'programleder-%@samspil.demo'))
      ).map((p) => [p.code!, p]),
    );
    const audience = { roleKey: 'programleder', solutionKey: null, ccRoleKey: null };
    const id = randomUUID();
    const stored = files.map((f) => ({ ...f, sha256: fileSha256(f.content), size: f.content.length, contentType: PDF }));
    const version = { id: randomUUID(), agreementId: id, number: 1, changeNote: '', requiresResign: true, sha256: versionHash(stored), createdBy: by, createdAt };

    await tx.insert(agreement).values({
      id,
      type: 'databehandleraftale',
      title: LIVE_TITLE,
      description: 'Tillægget udvider instruksen i databehandleraftalen for Borgerblikket, så unge på 15–17 år kan se deres egne sager i Mit Overblik. Programlederen underskriver for kommunen.',
      status: 'sent',
      currentVersionId: version.id,
      audienceRoleKey: audience.roleKey,
      audienceSolutionKey: null,
      ccRoleKey: null,
      deadline,
      lastDispatchedAt: sentAt,
      createdBy: by,
      createdAt,
      updatedAt: sentAt,
    });
    await tx.insert(agreementSolution).values({ agreementId: id, solutionKey: 'borgerblikket' });
    await tx.insert(agreementVersion).values(version);
    await tx.insert(agreementFile).values(stored.map((f) => ({ ...f, versionId: version.id, uploadedBy: by, uploadedAt: createdAt })));
    await tx.insert(agreementTarget).values(codes.map((code) => ({ agreementId: id, municipalityCode: code, addedAt: sentAt })));
    await tx.insert(agreementDispatch).values({
      agreementId: id,
      requestKey: randomUUID(),
      versionId: version.id,
      versionNumber: 1,
      roleKey: audience.roleKey,
      solutionKey: null,
      ccRoleKey: null,
      deadline,
      municipalityCodes: codes,
      recipients: (await agreementRecipients(tx, audience, codes, { includeCc: true })).length,
      sentAt,
      sentBy: by,
    });

    // Signed on weekdays since the dispatch, up to yesterday; deterministic per municipality and day.
    const days: string[] = [];
    for (let d = addDays(sentDay, 1); d < today; d = addDays(d, 1)) {
      const wd = new Date(`${d}T12:00:00Z`).getUTCDay();
      if (wd !== 0 && wd !== 6) days.push(d);
    }
    const signers = codes.filter((c) => !(LIVE_AGREEMENT.notSigned as readonly string[]).includes(c) && hash(`live-bb|${c}`) / 2 ** 32 < LIVE_AGREEMENT.signedShare);
    const signatures = days.length === 0 ? [] : signers.flatMap((code) => {
      const signer = leaders.get(code);
      if (!signer) return [];
      const h = hash(`live-bb-at|${code}`);
      return [
        {
          agreementId: id,
          versionId: version.id,
          municipalityCode: code,
          method: 'samspil' as const,
          state: 'signed' as const,
          signerUserId: signer.userId,
          signerPersonId: signer.personId,
          signerName: signer.name,
          signerTitle: signer.title,
          signedAt: danishTime(days[h % days.length]!, 8 + ((h >>> 8) % 8), (h >>> 16) % 60),
          versionSha256: version.sha256,
          ip: `10.${Number(code.slice(0, 2))}.${Number(code.slice(2))}.${20 + (h % 200)}`,
        },
      ];
    });
    for (let i = 0; i < signatures.length; i += 200) await tx.insert(agreementSignature).values(signatures.slice(i, i + 200));
    await scheduleNextAgreementReminder(tx, id, now);
  });
}
