import { and, eq, inArray, isNull, ne, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { danishCompare } from '../../platform/views/format.ts';
import { municipality } from '../../platform/identity/schema.ts';
import { agreement, agreementSignature, agreementSolution, agreementTarget, agreementVersion } from './schema.ts';

/**
 * Where a municipality stands with an agreement:
 * - signed: a current signature (made in Samspil, or an uploaded copy accepted by central staff);
 * - replaced: a connection agreement whose solutions are all in annex 1 of a K98 agreement the
 *   municipality has signed: replaced by K98 from the day of that signature;
 * - pending: an uploaded signed copy awaits central review;
 * - in_dialogue: central staff marked that a dialogue is going on (not reminded);
 * - not_signed: everything else.
 */
export type MunicipalStatus = 'signed' | 'replaced' | 'pending' | 'in_dialogue' | 'not_signed';
export const municipalStatuses: readonly MunicipalStatus[] = ['signed', 'replaced', 'pending', 'in_dialogue', 'not_signed'];

/** Who still owes a signature: the outstanding list. Reminders go to NOT_SIGNED only. */
export const OUTSTANDING: readonly MunicipalStatus[] = ['not_signed', 'in_dialogue'];
export const REMINDED: readonly MunicipalStatus[] = ['not_signed'];

export type CurrentSignature = {
  id: string;
  versionId: string;
  versionNumber: number;
  method: 'samspil' | 'upload';
  state: 'signed' | 'pending';
  signerName: string;
  signerTitle: string;
  signedAt: Date;
};

export type StatusRow = {
  agreementId: string;
  municipalityCode: string;
  municipalityName: string;
  status: MunicipalStatus;
  signature: CurrentSignature | null;
  replacedBy: { agreementId: string; title: string; from: Date } | null;
  inDialogue: boolean;
  dialogueSince: Date | null;
};

export type StatusFilter = { agreementIds?: string[]; municipalityCode?: string };

/**
 * Every addressed municipality's status for the agreements in the filter, in a constant number of
 * queries however many agreements and municipalities (the matrix asks for all of them), sorted by
 * agreement, then Danish municipality name.
 */
export async function loadStatuses(db: Db, filter: StatusFilter = {}): Promise<StatusRow[]> {
  if (filter.agreementIds && filter.agreementIds.length === 0) return [];
  const targetWhere: SQL[] = [];
  const sigWhere: SQL[] = [isNull(agreementSignature.supersededAt), ne(agreementSignature.state, 'rejected')];
  if (filter.agreementIds) {
    targetWhere.push(inArray(agreementTarget.agreementId, filter.agreementIds));
    sigWhere.push(inArray(agreementSignature.agreementId, filter.agreementIds));
  }
  if (filter.municipalityCode) {
    targetWhere.push(eq(agreementTarget.municipalityCode, filter.municipalityCode));
    sigWhere.push(eq(agreementSignature.municipalityCode, filter.municipalityCode));
  }
  const [targets, signatures] = await Promise.all([
    db
      .select({
        agreementId: agreementTarget.agreementId,
        type: agreement.type,
        municipalityCode: agreementTarget.municipalityCode,
        municipalityName: municipality.name,
        inDialogue: agreementTarget.inDialogue,
        dialogueSince: agreementTarget.dialogueSince,
      })
      .from(agreementTarget)
      .innerJoin(agreement, eq(agreement.id, agreementTarget.agreementId))
      .innerJoin(municipality, eq(municipality.code, agreementTarget.municipalityCode))
      .where(and(...targetWhere)),
    db
      .select({
        id: agreementSignature.id,
        agreementId: agreementSignature.agreementId,
        municipalityCode: agreementSignature.municipalityCode,
        versionId: agreementSignature.versionId,
        versionNumber: agreementVersion.number,
        method: agreementSignature.method,
        state: agreementSignature.state,
        signerName: agreementSignature.signerName,
        signerTitle: agreementSignature.signerTitle,
        signedAt: agreementSignature.signedAt,
      })
      .from(agreementSignature)
      .innerJoin(agreementVersion, eq(agreementVersion.id, agreementSignature.versionId))
      .where(and(...sigWhere)),
  ]);
  const sigOf = new Map(signatures.map((s) => [`${s.agreementId}|${s.municipalityCode}`, s]));
  const connectionIds = [...new Set(targets.filter((t) => t.type === 'tilslutningsaftale').map((t) => t.agreementId))];
  const replacement = await k98Replacements(db, connectionIds, filter.municipalityCode);

  const rows: StatusRow[] = targets.map((t) => {
    const s = sigOf.get(`${t.agreementId}|${t.municipalityCode}`);
    const signature: CurrentSignature | null = s
      ? { ...s, state: s.state === 'pending' ? 'pending' : 'signed' }
      : null;
    const replacedBy = replacement(t.agreementId, t.municipalityCode);
    const status: MunicipalStatus = replacedBy
      ? 'replaced'
      : signature?.state === 'signed'
        ? 'signed'
        : signature?.state === 'pending'
          ? 'pending'
          : t.inDialogue
            ? 'in_dialogue'
            : 'not_signed';
    return {
      agreementId: t.agreementId,
      municipalityCode: t.municipalityCode,
      municipalityName: t.municipalityName,
      status,
      signature,
      replacedBy,
      inDialogue: t.inDialogue,
      dialogueSince: t.dialogueSince,
    };
  });
  // Rank the (at most 98) names once: a collator comparison per pair of 5,880 rows was most of the matrix's time.
  const names = [...new Set(rows.map((r) => r.municipalityName))].sort(danishCompare);
  const rank = new Map(names.map((n, i) => [n, i]));
  return rows.sort((a, b) =>
    a.agreementId < b.agreementId ? -1 : a.agreementId > b.agreementId ? 1 : rank.get(a.municipalityName)! - rank.get(b.municipalityName)!,
  );
}

/**
 * K98 replaces the separate connection agreements of its annex-1 solutions: a connection
 * agreement counts as replaced for a municipality from the day that municipality signed a K98
 * agreement whose annex 1 holds all of the connection agreement's solutions. Two queries.
 */
async function k98Replacements(db: Db, connectionIds: string[], municipalityCode?: string) {
  const none = () => null;
  if (connectionIds.length === 0) return none;
  const solutionRows = await db
    .select({ agreementId: agreementSolution.agreementId, solutionKey: agreementSolution.solutionKey, type: agreement.type, title: agreement.title })
    .from(agreementSolution)
    .innerJoin(agreement, eq(agreement.id, agreementSolution.agreementId))
    .where(and(inArray(agreementSolution.agreementId, connectionIds)));
  const k98Rows = await db
    .select({ agreementId: agreementSolution.agreementId, solutionKey: agreementSolution.solutionKey, title: agreement.title })
    .from(agreementSolution)
    .innerJoin(agreement, eq(agreement.id, agreementSolution.agreementId))
    .where(and(eq(agreement.type, 'k98'), ne(agreement.status, 'draft')));
  if (k98Rows.length === 0) return none;
  const k98Ids = [...new Set(k98Rows.map((r) => r.agreementId))];
  const sigWhere = [
    inArray(agreementSignature.agreementId, k98Ids),
    isNull(agreementSignature.supersededAt),
    eq(agreementSignature.state, 'signed'),
  ];
  if (municipalityCode) sigWhere.push(eq(agreementSignature.municipalityCode, municipalityCode));
  const k98Signatures = await db
    .select({ agreementId: agreementSignature.agreementId, municipalityCode: agreementSignature.municipalityCode, signedAt: agreementSignature.signedAt })
    .from(agreementSignature)
    .where(and(...sigWhere));

  const annex = new Map<string, { title: string; solutions: Set<string> }>();
  for (const r of k98Rows) {
    const a = annex.get(r.agreementId) ?? { title: r.title, solutions: new Set<string>() };
    a.solutions.add(r.solutionKey);
    annex.set(r.agreementId, a);
  }
  const solutionsOf = new Map<string, string[]>();
  for (const r of solutionRows) solutionsOf.set(r.agreementId, [...(solutionsOf.get(r.agreementId) ?? []), r.solutionKey]);
  // Which K98 agreements cover each connection agreement completely
  const coveredBy = new Map<string, string[]>();
  for (const [id, keys] of solutionsOf) {
    coveredBy.set(
      id,
      [...annex].filter(([, a]) => keys.every((k) => a.solutions.has(k))).map(([k98Id]) => k98Id),
    );
  }
  const signedK98 = new Map<string, Date>();
  for (const s of k98Signatures) signedK98.set(`${s.agreementId}|${s.municipalityCode}`, s.signedAt);

  return (agreementId: string, code: string) => {
    let best: { agreementId: string; title: string; from: Date } | null = null;
    for (const k98Id of coveredBy.get(agreementId) ?? []) {
      const from = signedK98.get(`${k98Id}|${code}`);
      if (from && (!best || from < best.from)) best = { agreementId: k98Id, title: annex.get(k98Id)!.title, from };
    }
    return best;
  };
}

export type StatusCounts = Record<MunicipalStatus, number> & { addressed: number; outstanding: number };

export const emptyCounts = (): StatusCounts => ({
  signed: 0,
  replaced: 0,
  pending: 0,
  in_dialogue: 0,
  not_signed: 0,
  addressed: 0,
  outstanding: 0,
});

/** Counts per agreement, for lists, the matrix and the portfolio. */
export function countStatuses(rows: StatusRow[]): Map<string, StatusCounts> {
  const out = new Map<string, StatusCounts>();
  for (const r of rows) {
    const c = out.get(r.agreementId) ?? emptyCounts();
    c[r.status]++;
    c.addressed++;
    if (OUTSTANDING.includes(r.status)) c.outstanding++;
    out.set(r.agreementId, c);
  }
  return out;
}

/** Municipalities that have what the agreement asks: signed, or replaced by their K98 signature. */
export const coveredCount = (c: StatusCounts) => c.signed + c.replaced;

/**
 * "98 af 98 underskrevet (heraf 60 erstattet af K98-aftalen)": the one wording of the counts, on the
 * agreements list, an agreement's status page and the portfolio, so they never disagree.
 */
export function signedText(c: StatusCounts): string {
  const replaced = c.replaced > 0 ? ` (heraf ${c.replaced} erstattet af K98-aftalen)` : '';
  return `${coveredCount(c)} af ${c.addressed} underskrevet${replaced}`;
}
