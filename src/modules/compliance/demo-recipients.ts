import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { danishTime } from '../../platform/days.ts';
import { addDays } from '../../platform/reminders/schedule.ts';
import type { DemoPackage } from './demo-content.ts';
import type { PackageRow } from './demo.ts';
import { complianceAccess, compliancePackageTarget, complianceResponseMeasure, complianceRisk, complianceRiskResponse, type RiskResponse } from './schema.ts';

const FAXE = '0320';

type SeededPackage = { row: PackageRow & { id: string }; def: DemoPackage };

/**
 * What the demo's recipients did with the packages delivered to them: opened, downloaded,
 * responded to risks and acknowledged; Faxe's two on Aula 2025, a few other municipalities, and
 * the live KY package that Faxe has not opened yet. In the caller's transaction, one statement per
 * table.
 */
export async function seedRecipientActivity(
  tx: Db,
  s: { p2025: SeededPackage[]; kyLive: SeededPackage | null; recipient: (code: string, n?: 1 | 2) => string; today: string; liveKyDay: string },
): Promise<void> {
  const { p2025, kyLive, recipient, today, liveKyDay } = s;
  // ---- what the recipients did: opened, downloaded, responded, acknowledged
  const at = (day: string, h: number, m = 0) => danishTime(day, h, m);
  type Act = { pkg: { row: PackageRow & { id: string }; def: DemoPackage }; code: string; opened?: [Date, string]; acknowledged?: [Date, string]; views?: [Date, string, string?][] };
  const file = (p: { row: PackageRow; def: DemoPackage }, ext: string) => `compliancepakke-${p.row.year}-${p.def.solutionKey}.${ext}`;
  const aula = p2025[0]!;
  const ky = p2025[1]!;
  const bom = p2025[2]!;
  const acts: Act[] = [
    {
      pkg: aula,
      code: FAXE,
      opened: [at('2025-08-04', 9, 12), recipient(FAXE)],
      acknowledged: [at('2025-08-12', 14, 5), recipient(FAXE)],
      views: [
        [at('2025-08-04', 9, 12), recipient(FAXE)],
        [at('2025-08-04', 9, 20), recipient(FAXE), 'xlsx'],
        [at('2025-08-06', 13, 5), recipient(FAXE, 2)],
        [at('2025-08-06', 13, 10), recipient(FAXE, 2), 'pdf'],
        [at('2025-08-11', 10, 20), recipient(FAXE, 2)],
      ],
    },
    ...(
      [
        ['0101', aula, '2025-07-03', '2025-07-10'],
        ['0461', aula, '2025-07-28', '2025-08-19'],
        ['0751', aula, '2025-08-05', '2025-08-06'],
        ['0851', aula, '2025-08-14', '2025-09-02'],
        ['0265', aula, '2025-08-20', null],
        ['0101', ky, '2025-07-21', '2025-07-24'],
        ['0751', ky, '2025-08-05', '2025-08-07'],
        ['0265', ky, '2025-08-20', '2025-08-27'],
        ['0101', bom, '2025-08-13', '2025-08-18'],
        ['0630', bom, '2025-08-25', '2025-09-01'],
      ] as const
    ).map(([code, pkg, opened, ack]): Act => ({
      pkg,
      code,
      opened: [at(opened, 10), recipient(code)],
      acknowledged: ack ? [at(ack, 11), recipient(code)] : undefined,
      views: [
        [at(opened, 10), recipient(code)],
        [at(opened, 10, 4), recipient(code), 'xlsx'],
      ],
    })),
  ];
  if (kyLive) {
    // Days after delivery, up to yesterday; Faxe has not opened it.
    const day = (n: number) => (addDays(liveKyDay, n) < today ? addDays(liveKyDay, n) : addDays(today, -1));
    for (const [code, opened, ack] of [
      ['0101', 1, 3],
      ['0461', 2, 6],
      ['0751', 4, 4],
      ['0851', 7, null],
    ] as const) {
      acts.push({
        pkg: kyLive,
        code,
        opened: [at(day(opened), 9, 30), recipient(code)],
        acknowledged: ack === null ? undefined : [at(day(ack), 15), recipient(code)],
        views: [[at(day(opened), 9, 30), recipient(code)], [at(day(opened), 9, 35), recipient(code), 'pdf']],
      });
    }
  }
  for (const a of acts) {
    await tx
      .update(compliancePackageTarget)
      .set({ firstOpenedAt: a.opened?.[0] ?? null, acknowledgedAt: a.acknowledged?.[0] ?? null, acknowledgedBy: a.acknowledged?.[1] ?? null })
      .where(and(eq(compliancePackageTarget.packageId, a.pkg.row.id), eq(compliancePackageTarget.municipalityCode, a.code)));
  }
  await tx.insert(complianceAccess).values(
    acts.flatMap((a) =>
      (a.views ?? []).map(([when, personId, ext]) => ({
        packageId: a.pkg.row.id,
        municipalityCode: a.code,
        personId,
        kind: ext ? ('download' as const) : ('view' as const),
        file: ext ? file(a.pkg, ext) : '',
        at: when,
      })),
    ),
  );

  // ---- responses to risks: Faxe's two on Aula 2025, and a few from others so the aggregates have content
  const packageRisks = await tx
    .select({ id: complianceRisk.id, ref: complianceRisk.ref, packageId: complianceRisk.packageId })
    .from(complianceRisk)
    .where(inArray(complianceRisk.packageId, [aula.row.id, ...(kyLive ? [kyLive.row.id] : [])]));
  const riskId = (packageId: string, ref: string) => packageRisks.find((r) => r.packageId === packageId && r.ref === ref)!.id;
  type Resp = {
    packageId: string;
    code: string;
    ref: string;
    response: RiskResponse;
    reason?: string;
    residual?: [number, number];
    measure?: { description: string; owner: string; deadline: string };
    by: string;
    when: Date;
  };
  const responses: Resp[] = [
    {
      packageId: aula.row.id,
      code: FAXE,
      ref: 'R3',
      response: 'own-measures',
      residual: [1, 4],
      measure: { description: 'Kvartalsvis gennemgang af rettigheder til sikre filer på alle skoler og dagtilbud, med kvittering fra lederen.', owner: 'Børn og Læring, Faxe Kommune', deadline: '2025-12-31' },
      by: recipient(FAXE, 2),
      when: at('2025-08-11', 10, 30),
    },
    {
      packageId: aula.row.id,
      code: FAXE,
      ref: 'R9',
      response: 'not-relevant',
      reason: 'Faxe Kommune har slået SMS- og e-mailnotifikationer fra i Aula; forældre får kun besked i appen.',
      by: recipient(FAXE, 2),
      when: at('2025-08-11', 10, 45),
    },
    {
      packageId: aula.row.id,
      code: '0101',
      ref: 'R3',
      response: 'own-measures',
      residual: [2, 3],
      measure: { description: 'Central styring af rettigheder til sikre filer i forvaltningen.', owner: 'Børne- og Ungdomsforvaltningen', deadline: '2026-03-31' },
      by: recipient('0101'),
      when: at('2025-07-09', 13),
    },
    { packageId: aula.row.id, code: '0101', ref: 'R1', response: 'accepted', by: recipient('0101'), when: at('2025-07-09', 13, 10) },
    {
      packageId: aula.row.id,
      code: '0461',
      ref: 'R3',
      response: 'own-measures',
      residual: [2, 4],
      measure: { description: 'Rettigheder gennemgås ved hvert skoleårs start.', owner: 'Børn- og Ungeforvaltningen, IT', deadline: '2025-09-30' },
      by: recipient('0461'),
      when: at('2025-08-18', 9),
    },
    { packageId: aula.row.id, code: '0751', ref: 'R3', response: 'accepted', by: recipient('0751'), when: at('2025-08-06', 10) },
    { packageId: aula.row.id, code: '0751', ref: 'R4', response: 'accepted', by: recipient('0751'), when: at('2025-08-06', 10, 5) },
    {
      packageId: aula.row.id,
      code: '0851',
      ref: 'R10',
      response: 'own-measures',
      residual: [1, 3],
      measure: { description: 'Journalisering af alle filkategorier testes på tre skoler før aktivering.', owner: 'Skoleforvaltningen', deadline: '2026-06-01' },
      by: recipient('0851'),
      when: at('2025-09-01', 14),
    },
    ...(kyLive ? [{ packageId: kyLive.row.id, code: '0101', ref: 'R9', response: 'accepted' as const, by: recipient('0101'), when: at(addDays(liveKyDay, 1) < today ? addDays(liveKyDay, 1) : addDays(today, -1), 11) }] : []),
  ];
  const responseIds = responses.map(() => randomUUID());
  await tx.insert(complianceRiskResponse).values(
    responses.map((r, i) => ({
      id: responseIds[i]!,
      packageId: r.packageId,
      riskId: riskId(r.packageId, r.ref),
      municipalityCode: r.code,
      response: r.response,
      reason: r.reason ?? '',
      residualLikelihood: r.residual?.[0] ?? null,
      residualConsequence: r.residual?.[1] ?? null,
      updatedBy: r.by,
      updatedAt: r.when,
    })),
  );
  await tx.insert(complianceResponseMeasure).values(
    responses.flatMap((r, i) => (r.measure ? [{ responseId: responseIds[i]!, description: r.measure.description, owner: r.measure.owner, deadline: r.measure.deadline, sort: 1 }] : [])),
  );
}
