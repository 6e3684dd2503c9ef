import { createHash, randomUUID } from 'node:crypto';
import { and, eq, isNotNull, isNull, like } from 'drizzle-orm';
import { agreementRecipients, type Audience } from './addressees.ts';
import { fileSha256, PDF, versionHash } from './files.ts';
import type { AgreementStatus, AgreementType } from './schema.ts';
import { scheduleNextAgreementReminder } from './reminders/send-reminders.ts';
import type { SolutionPhase } from '../../platform/identity/schema.ts';
import { danishTime } from '../../platform/days.ts';
import { addDays, manualSlot } from '../../platform/reminders/schedule.ts';
import type { Db } from '../../db/client.ts';
import { referenceMunicipalities } from '../../db/reference/municipalities.ts';
import { solutions } from '../../db/reference/solutions.ts';
import {
  agreement,
  agreementDispatch,
  agreementFile,
  agreementNote,
  agreementReminder,
  agreementSignature,
  agreementSolution,
  agreementTarget,
  agreementVersion,
  person,
  solution,
  userAccount,
} from '../../db/schema.ts';
import { seedDemoItChefs } from '../organisations/index.ts';
import { DEMO_TITLES, documents, type DemoFile } from './demo-documents.ts';

export { DEMO_TITLES };

/**
 * The agreements from the programme leader meeting of May 2025, as if the app had recorded them:
 * the Byg og Miljø data processing agreement (two versions, a re-signing, a reminder round, 23
 * outstanding, Syddjurs in dialogue), the Microsoft Education cooperation agreement, the K98
 * agreement with its annex of twelve solutions, and older connection agreements that K98 replaces.
 * Documents are small, real PDFs; every hash is computed the way the app computes it.
 */

// ------------------------------------------------------------------------------- the deck's facts

/** Byg og Miljø: still unsigned after the reminder of 25 April 2025 (the deck's list). */
export const BYG_OG_MILJOE_OUTSTANDING = [
  'Albertslund',
  'Bornholm',
  'Egedal',
  'Fanø',
  'Faxe',
  'Fredensborg',
  'Faaborg-Midtfyn',
  'Gentofte',
  'Gladsaxe',
  'Glostrup',
  'Hedensted',
  'Herlev',
  'Hvidovre',
  'Langeland',
  'Lejre',
  'Lyngby-Taarbæk',
  'Odense',
  'Samsø',
  'Silkeborg',
  'Stevns',
  'Syddjurs',
  'Vallensbæk',
  'Aabenraa',
] as const;
export const BYG_OG_MILJOE_IN_DIALOGUE = 'Syddjurs';

/** Demo product managers (fictional). DUBU is being phased out and has none. */
const PORTFOLIO: Record<string, { phase: SolutionPhase; productManager: string | null }> = {
  aula: { phase: 'drift', productManager: 'Mette Kjærgaard' },
  borgerblikket: { phase: 'drift', productManager: 'Jonas Birk' },
  'byg-og-miljoe': { phase: 'drift', productManager: 'Lene Holmgaard' },
  'faelles-sprog-iii': { phase: 'drift', productManager: 'Rasmus Tang' },
  gateway: { phase: 'drift', productManager: 'Sofie Dahl' },
  infrastruktur: { phase: 'drift', productManager: 'Peter Lundsgaard' },
  kp: { phase: 'drift', productManager: 'Camilla Rask' },
  ksd: { phase: 'drift', productManager: 'Henrik Bach' },
  ky: { phase: 'drift', productManager: 'Anja Friis' },
  sapa: { phase: 'drift', productManager: 'Thomas Krogh' },
  sygesikring: { phase: 'drift', productManager: 'Louise Vinther' },
  valg: { phase: 'drift', productManager: 'Mads Elkjær' },
  flis: { phase: 'drift', productManager: 'Birgitte Storm' },
  dubu: { phase: 'udfasning', productManager: null },
};

// ------------------------------------------------------------------------------- helpers

const at = danishTime;
const hash = (s: string) => createHash('sha256').update(s).digest().readUInt32BE(0);

/** Weekdays from `from` to `to`, both included. */
function weekdays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const wd = new Date(`${d}T12:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(d);
  }
  return out;
}

/** A working-hours moment on one of `days`, the same for a municipality on every machine. */
function momentFor(code: string, salt: string, days: string[]): Date {
  const h = hash(`${salt}|${code}`);
  return at(days[h % days.length]!, 8 + ((h >>> 8) % 8), (h >>> 16) % 60);
}

/** Exactly n municipalities, `first` among them, the rest spread deterministically. */
function choose(codes: string[], salt: string, n: number, first: string[] = []): string[] {
  const rest = codes.filter((c) => !first.includes(c)).sort((a, b) => hash(`${salt}|${a}`) - hash(`${salt}|${b}`));
  return [...first, ...rest].slice(0, n);
}

const ipFor = (code: string) => `10.${Number(code.slice(0, 2))}.${Number(code.slice(2))}.${20 + (hash(code) % 200)}`;

// ------------------------------------------------------------------------------- rows

type Rows = {
  agreements: (typeof agreement.$inferInsert)[];
  solutions: (typeof agreementSolution.$inferInsert)[];
  versions: (typeof agreementVersion.$inferInsert)[];
  files: (typeof agreementFile.$inferInsert)[];
  targets: (typeof agreementTarget.$inferInsert)[];
  dispatches: (typeof agreementDispatch.$inferInsert)[];
  signatures: (typeof agreementSignature.$inferInsert)[];
  reminders: (typeof agreementReminder.$inferInsert)[];
  notes: (typeof agreementNote.$inferInsert)[];
};

type Person = { personId: string; userId: string | null; name: string; title: string; email: string };

/** Everything the seed needs from the demo people, in two queries. */
async function demoPeople(tx: Db) {
  const rows = await tx
    .select({ personId: person.id, userId: userAccount.id, name: person.name, title: person.title, email: person.email, code: person.municipalityCode })
    .from(person)
    .leftJoin(userAccount, eq(userAccount.personId, person.id))
    .where(and(like(person.email, '%@samspil.demo'), isNotNull(person.municipalityCode)));
  const byRole = (prefix: string) => new Map(rows.filter((r) => r.email.startsWith(prefix)).map((r) => [r.code!, r as Person]));
  const [consultant] = await tx
    .select({ userId: userAccount.id, name: person.name })
    .from(userAccount)
    .innerJoin(person, eq(person.id, userAccount.personId))
    .where(and(eq(userAccount.email, 'konsulent@samspil.demo'), isNull(person.municipalityCode)));
  return { programleder: byRole('programleder-'), itChef: byRole('it-chef-'), consultant: consultant ?? null };
}

function holder(people: Map<string, Person>, code: string): Person {
  const p = people.get(code);
  if (!p) throw new Error(`Demodata for aftaler: ingen demo-person i ${code}; kør seedDemo først`);
  return p;
}

/**
 * Seeds the agreements demo once; a database that already has agreements is left alone. `now` is
 * the day the demo is seeded: the reminders of the 2025 agreements are scheduled from it (their
 * deadlines are long past, so none is left to send).
 */
export async function seedDemoAgreements(db: Db, now: Date = new Date()): Promise<void> {
  const [existing] = await db.select({ id: agreement.id }).from(agreement).limit(1);
  if (existing) return;
  const docs = await documents();
  const municipalities = referenceMunicipalities();
  const codes = municipalities.map((m) => m.code);
  const codeOf = (name: string) => {
    const m = municipalities.find((x) => x.name === name);
    if (!m) throw new Error(`Demodata for aftaler: kommunen "${name}" findes ikke i municipalities.csv`);
    return m.code;
  };

  await db.transaction(async (tx) => {
    await seedDemoItChefs(tx);
    const people = await demoPeople(tx);
    const by = people.consultant?.userId ?? null;
    const rows: Rows = { agreements: [], solutions: [], versions: [], files: [], targets: [], dispatches: [], signatures: [], reminders: [], notes: [] };
    const sent: string[] = [];

    const addVersion = (agreementId: string, number: number, files: DemoFile[], createdAt: Date, o: { changeNote?: string; requiresResign?: boolean } = {}) => {
      const stored = files.map((f) => ({ ...f, sha256: fileSha256(f.content), size: f.content.length, contentType: PDF }));
      const v = { id: randomUUID(), agreementId, number, changeNote: o.changeNote ?? '', requiresResign: o.requiresResign ?? true, sha256: versionHash(stored), createdBy: by, createdAt };
      rows.versions.push(v);
      rows.files.push(...stored.map((f) => ({ ...f, versionId: v.id, uploadedBy: by, uploadedAt: createdAt })));
      return v;
    };

    const recipientCount = async (audience: Audience) => (await agreementRecipients(tx, audience, codes, { includeCc: true })).length;

    const addDispatch = async (agreementId: string, v: { id: string; number: number }, audience: Audience, deadline: string, sentAt: Date) => {
      rows.dispatches.push({
        agreementId,
        requestKey: randomUUID(),
        versionId: v.id,
        versionNumber: v.number,
        roleKey: audience.roleKey,
        solutionKey: audience.solutionKey,
        ccRoleKey: audience.ccRoleKey,
        deadline,
        municipalityCodes: codes,
        recipients: await recipientCount(audience),
        sentAt,
        sentBy: by,
      });
    };

    const addAgreement = (a: {
      type: AgreementType;
      title: string;
      description: string;
      status: AgreementStatus;
      solutionKeys: string[];
      audience: Audience;
      deadline: string;
      createdAt: Date;
      firstSentAt: Date;
      lastSentAt: Date;
      currentVersionId: string;
      id: string;
    }) => {
      rows.agreements.push({
        id: a.id,
        type: a.type,
        title: a.title,
        description: a.description,
        status: a.status,
        currentVersionId: a.currentVersionId,
        audienceRoleKey: a.audience.roleKey,
        audienceSolutionKey: a.audience.solutionKey,
        ccRoleKey: a.audience.ccRoleKey,
        deadline: a.deadline,
        lastDispatchedAt: a.lastSentAt,
        createdBy: by,
        createdAt: a.createdAt,
        updatedAt: a.lastSentAt,
      });
      rows.solutions.push(...a.solutionKeys.map((solutionKey) => ({ agreementId: a.id, solutionKey })));
      rows.targets.push(...codes.map((code) => ({ agreementId: a.id, municipalityCode: code, addedAt: a.firstSentAt })));
      if (a.status === 'sent') sent.push(a.id);
    };

    const sign = (agreementId: string, v: { id: string; sha256: string }, code: string, signedAt: Date, signer: Person, extra: Partial<typeof agreementSignature.$inferInsert> = {}) => {
      rows.signatures.push({
        agreementId,
        versionId: v.id,
        municipalityCode: code,
        method: 'samspil',
        state: 'signed',
        signerUserId: signer.userId,
        signerPersonId: signer.personId,
        signerName: signer.name,
        signerTitle: signer.title,
        signedAt,
        versionSha256: v.sha256,
        ip: ipFor(code),
        ...extra,
      });
    };

    const programledere: Audience = { roleKey: 'programleder', solutionKey: null, ccRoleKey: null };
    const itChefs: Audience = { roleKey: 'it-chef', solutionKey: null, ccRoleKey: 'programleder' };

    // --- Byg og Miljø: sent 7 March, corrected and sent again 28 March, reminded 25 April -------------
    {
      const id = randomUUID();
      const v1 = addVersion(id, 1, docs.bom.v1, at('2025-03-07', 9, 30));
      const v2 = addVersion(id, 2, docs.bom.v2, at('2025-03-28', 10, 0), { changeNote: 'Rettelse af fejl i bilag', requiresResign: true });
      const firstSent = at('2025-03-07', 10, 0);
      const againSent = at('2025-03-28', 11, 0);
      await addDispatch(id, v1, programledere, '2025-04-04', firstSent);
      await addDispatch(id, v2, programledere, '2025-04-22', againSent);
      addAgreement({
        id,
        type: 'databehandleraftale',
        title: DEMO_TITLES.bygOgMiljoe,
        description: 'Databehandleraftalen for Byg og Miljø mellem kommunerne og KOMBIT. Version 2 retter en fejl i bilag 3 og skal underskrives på ny.',
        status: 'sent',
        solutionKeys: ['byg-og-miljoe'],
        audience: programledere,
        deadline: '2025-04-22',
        createdAt: at('2025-03-05', 14, 0),
        firstSentAt: firstSent,
        lastSentAt: againSent,
        currentVersionId: v2.id,
      });
      const outstanding = BYG_OG_MILJOE_OUTSTANDING.map(codeOf);
      const signers = codes.filter((c) => !outstanding.includes(c));
      // Some signed version 1 before the correction; version 2 required signing again, so those
      // signatures are superseded (they stay on record).
      for (const code of choose(codes, 'bom-v1', 18)) {
        sign(id, v1, code, momentFor(code, 'bom-v1', weekdays('2025-03-10', '2025-03-27')), holder(people.programleder, code), {
          supersededAt: v2.createdAt,
          supersededByVersionId: v2.id,
        });
      }
      const v2Days = weekdays('2025-03-31', '2025-04-22');
      for (const code of signers) sign(id, v2, code, momentFor(code, 'bom-v2', v2Days), holder(people.programleder, code));

      const roundId = randomUUID();
      const reminded = await agreementRecipients(tx, programledere, outstanding, { includeCc: false });
      const remindedAt = at('2025-04-25', 10, 0);
      rows.reminders.push(
        ...reminded.map((r) => ({ agreementId: id, municipalityCode: r.municipalityCode, slot: manualSlot(roundId), recipientEmail: r.email, sentAt: remindedAt, manual: true, sentBy: by })),
      );

      const syddjurs = codeOf(BYG_OG_MILJOE_IN_DIALOGUE);
      const since = at('2025-05-02', 11, 15);
      const target = rows.targets.find((t) => t.agreementId === id && t.municipalityCode === syddjurs)!;
      target.inDialogue = true;
      target.dialogueSince = since;
      const pl = holder(people.programleder, syddjurs);
      rows.notes.push(
        {
          agreementId: id,
          municipalityCode: syddjurs,
          authorUserId: pl.userId,
          authorName: pl.name,
          fromCentral: false,
          body: 'Vi har spørgsmål til bilag 3 om underdatabehandlere og vender tilbage, når de er afklaret.',
          createdAt: at('2025-04-29', 13, 40),
        },
        {
          agreementId: id,
          municipalityCode: syddjurs,
          authorUserId: by,
          authorName: people.consultant?.name ?? 'KOMBIT',
          fromCentral: true,
          body: 'Dialog pågår ml. Syddjurs og KOMBIT om bilag 3',
          createdAt: since,
        },
      );
    }

    // --- Microsoft Education: IT-chefer with programledere cc, 15 May – 30 June 2025 -------------------
    {
      const id = randomUUID();
      const v1 = addVersion(id, 1, docs.edu, at('2025-05-12', 10, 0));
      const sentAt = at('2025-05-15', 10, 0);
      await addDispatch(id, v1, itChefs, '2025-06-30', sentAt);
      addAgreement({
        id,
        type: 'samarbejdsaftale',
        title: DEMO_TITLES.microsoftEducation,
        description: 'Kommunerne laver i fællesskab én konsekvensanalyse af Microsoft Education. Københavns Kommune er primær samarbejdspart.',
        status: 'sent',
        solutionKeys: [],
        audience: itChefs,
        deadline: '2025-06-30',
        createdAt: at('2025-05-12', 9, 0),
        firstSentAt: sentAt,
        lastSentAt: sentAt,
        currentVersionId: v1.id,
      });
      const days = weekdays('2025-05-16', '2025-06-30');
      for (const code of choose(codes, 'microsoft-education', 40, ['0101'])) sign(id, v1, code, momentFor(code, 'microsoft-education', days), holder(people.itChef, code));
    }

    // --- K98: annex 1 is the twelve solutions in operation, open 15 May – 1 July 2025 ------------------
    const aarhus = codeOf('Aarhus');
    const k98Signers = choose(
      codes.filter((c) => c !== aarhus),
      'k98',
      60,
      ['0101'],
    );
    {
      const id = randomUUID();
      const v1 = addVersion(id, 1, docs.k98, at('2025-05-08', 10, 0));
      const sentAt = at('2025-05-15', 11, 0);
      await addDispatch(id, v1, itChefs, '2025-07-01', sentAt);
      addAgreement({
        id,
        type: 'k98',
        title: DEMO_TITLES.k98,
        description: 'Én aftale for de fælleskommunale løsninger i drift (bilag 1). Erstatter løsningernes tilslutningsaftaler, når kommunen underskriver. Åben for underskrift 15. maj–1. juli 2025.',
        status: 'sent',
        solutionKeys: solutions.filter((s) => s.k98).map((s) => s.key),
        audience: itChefs,
        deadline: '2025-07-01',
        createdAt: at('2025-05-08', 9, 0),
        firstSentAt: sentAt,
        lastSentAt: sentAt,
        currentVersionId: v1.id,
      });
      const days = weekdays('2025-05-20', '2025-07-01');
      for (const code of k98Signers) sign(id, v1, code, momentFor(code, 'k98', days), holder(people.itChef, code));
      // Aarhus signed on paper and uploaded the copy: it awaits review by KOMBIT.
      sign(id, v1, aarhus, at('2025-06-30', 14, 5), holder(people.itChef, aarhus), {
        method: 'upload',
        state: 'pending',
        uploadFilename: 'k98-aftalen-underskrevet-aarhus.pdf',
        uploadContentType: PDF,
        uploadSize: docs.aarhusUpload.length,
        uploadSha256: fileSha256(docs.aarhusUpload),
        uploadContent: docs.aarhusUpload,
      });
    }

    // --- Connection agreements from 2020–2021; K98 replaces Aula's and Valg's, never FLIS's ------------
    const connection = async (key: 'aula' | 'valg' | 'flis', files: DemoFile[], o: { created: string; sent: string; deadline: string; lastDay: string; status: AgreementStatus; missing: string[] }) => {
      const id = randomUUID();
      const v1 = addVersion(id, 1, files, at(o.created, 10, 0));
      const sentAt = at(o.sent, 10, 0);
      await addDispatch(id, v1, programledere, o.deadline, sentAt);
      addAgreement({
        id,
        type: 'tilslutningsaftale',
        title: DEMO_TITLES[key],
        description: `Kommunens tilslutning til ${solutions.find((s) => s.key === key)!.name}.`,
        status: o.status,
        solutionKeys: [key],
        audience: programledere,
        deadline: o.deadline,
        createdAt: at(o.created, 9, 0),
        firstSentAt: sentAt,
        lastSentAt: sentAt,
        currentVersionId: v1.id,
      });
      const days = weekdays(addDays(o.sent, 1), o.lastDay);
      for (const code of codes.filter((c) => !o.missing.includes(c))) sign(id, v1, code, momentFor(code, `tilslutning-${key}`, days), holder(people.programleder, code));
    };
    // Everyone signed Aula and Valg, so they are closed; FLIS still lacks three (the same three as the FLIS task).
    await connection('aula', docs.aula, { created: '2020-08-20', sent: '2020-09-01', deadline: '2020-11-30', lastDay: '2021-03-31', status: 'closed', missing: [] });
    await connection('valg', docs.valg, { created: '2021-01-11', sent: '2021-01-15', deadline: '2021-03-31', lastDay: '2021-06-30', status: 'closed', missing: [] });
    await connection('flis', docs.flis, {
      created: '2020-10-01',
      sent: '2020-10-05',
      deadline: '2020-12-18',
      lastDay: '2021-02-26',
      status: 'sent',
      missing: ['Brøndby', 'Faxe', 'Norddjurs'].map(codeOf),
    });

    await tx.insert(agreement).values(rows.agreements);
    await tx.insert(agreementSolution).values(rows.solutions);
    await tx.insert(agreementVersion).values(rows.versions);
    await tx.insert(agreementFile).values(rows.files);
    await tx.insert(agreementTarget).values(rows.targets);
    await tx.insert(agreementDispatch).values(rows.dispatches);
    // In chunks: a single insert of every signature would pass PostgreSQL's limit of bind parameters on a bigger demo.
    for (let i = 0; i < rows.signatures.length; i += 200) await tx.insert(agreementSignature).values(rows.signatures.slice(i, i + 200));
    await tx.insert(agreementReminder).values(rows.reminders);
    await tx.insert(agreementNote).values(rows.notes);

    for (const [key, p] of Object.entries(PORTFOLIO)) await tx.update(solution).set(p).where(eq(solution.key, key));
    for (const id of sent) await scheduleNextAgreementReminder(tx, id, now);
  });
}
