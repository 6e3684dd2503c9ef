import { and, asc, count, countDistinct, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { formatDateLong, formatDayLong } from '../../platform/views/format.ts';
import { municipality, solution } from '../../platform/identity/schema.ts';
import { rolePlural } from './labels.ts';
import { agreementDispatch, agreementReminder, agreementVersion } from './schema.ts';

/**
 * An agreement's history in Danish sentences, as central staff tell it: when it went out and to
 * whom, which versions followed and whether they had to be signed again, and the reminder rounds.
 * The sentences are built from the stored rows only (dispatches, versions, reminders), so they
 * stay true when people change roles later.
 */

export type HistoryDispatch = {
  sentAt: Date;
  roleKey: string;
  solutionName: string | null;
  ccRoleKey: string | null;
  deadline: string;
  versionNumber: number;
  municipalityCodes: string[];
};
export type HistoryVersion = { number: number; createdAt: Date; changeNote: string; requiresResign: boolean };
/** One reminder round: the rows of one slot. */
export type HistoryReminderRound = { slot: string; sentAt: Date; municipalities: number; manual: boolean };
export type HistoryLine = { at: Date; kind: 'dispatch' | 'version' | 'reminder'; text: string };

export type HistoryInput = {
  dispatches: HistoryDispatch[];
  versions: HistoryVersion[];
  reminders: HistoryReminderRound[];
  /** How many municipalities there are: a dispatch to fewer says how many it went to. */
  totalMunicipalities: number;
  /** false for a municipality's own view: how many others were addressed or reminded is not theirs to know. */
  showCounts?: boolean;
};

const day = formatDateLong;
const municipalities = (n: number) => (n === 1 ? '1 kommune' : `${n} kommuner`);
/** Same time: a new version comes before the dispatch that sends it, reminders last. */
const KIND_ORDER: Record<HistoryLine['kind'], number> = { version: 0, dispatch: 1, reminder: 2 };

function audience(d: HistoryDispatch): string {
  const to = rolePlural(d.roleKey, d.solutionName);
  return d.ccRoleKey ? `${to} med ${rolePlural(d.ccRoleKey)} cc` : to;
}

export function historyLines(input: HistoryInput): HistoryLine[] {
  const showCounts = input.showCounts ?? true;
  const lines: HistoryLine[] = [];
  const dispatches = [...input.dispatches].sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime());
  dispatches.forEach((d, i) => {
    const count = showCounts && d.municipalityCodes.length < input.totalMunicipalities ? ` (${municipalities(d.municipalityCodes.length)})` : '';
    const prior = dispatches[i - 1];
    if (!prior) {
      lines.push({ at: d.sentAt, kind: 'dispatch', text: `Udsendt første gang ${day(d.sentAt)} – modtagere var ${audience(d)}, frist ${formatDayLong(d.deadline)}${count}` });
      return;
    }
    const again = prior.roleKey === d.roleKey && prior.solutionName === d.solutionName ? 'igen ' : '';
    const version = prior.versionNumber !== d.versionNumber ? ` (version ${d.versionNumber})` : '';
    lines.push({
      at: d.sentAt,
      kind: 'dispatch',
      text: `Udsendt på ny ${day(d.sentAt)}, frist ${formatDayLong(d.deadline)} – modtagere var ${again}${audience(d)}${version}${count}`,
    });
  });
  for (const v of input.versions) {
    if (v.number <= 1) continue;
    const note = v.changeNote.trim() ? `: ${v.changeNote.trim()}` : '';
    lines.push({
      at: v.createdAt,
      kind: 'version',
      text: `Version ${v.number} lagt op ${day(v.createdAt)}${note} – ${v.requiresResign ? 'kræver ny underskrift' : 'kræver ikke ny underskrift'}`,
    });
  }
  for (const r of input.reminders) {
    const to = showCounts ? ` til ${municipalities(r.municipalities)}` : '';
    lines.push({ at: r.sentAt, kind: 'reminder', text: `Påmindelse ${day(r.sentAt)}${to}${r.manual ? '' : ' (automatisk)'}` });
  }
  return lines.sort((a, b) => a.at.getTime() - b.at.getTime() || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}

export type HistoryRows = Omit<HistoryInput, 'dispatches'> & { dispatches: (HistoryDispatch & { recipients: number })[] };

/**
 * The rows behind the history, in a fixed number of queries whatever their number: the dispatches
 * and reminder rounds, plus the versions and the number of municipalities unless the caller has
 * them already. For a municipality: only the dispatches and reminder rounds that included it, and
 * no counts.
 */
export async function loadHistoryRows(
  db: Db,
  agreementId: string,
  opts: { municipalityCode?: string | null; versions?: HistoryVersion[]; totalMunicipalities?: number } = {},
): Promise<HistoryRows> {
  const code = opts.municipalityCode ?? null;
  const reminderWhere = code
    ? and(eq(agreementReminder.agreementId, agreementId), eq(agreementReminder.municipalityCode, code))
    : eq(agreementReminder.agreementId, agreementId);
  const [dispatches, reminders, versions, total] = await Promise.all([
    db
      .select({
        sentAt: agreementDispatch.sentAt,
        roleKey: agreementDispatch.roleKey,
        solutionName: solution.name,
        ccRoleKey: agreementDispatch.ccRoleKey,
        deadline: agreementDispatch.deadline,
        versionNumber: agreementDispatch.versionNumber,
        municipalityCodes: agreementDispatch.municipalityCodes,
        recipients: agreementDispatch.recipients,
      })
      .from(agreementDispatch)
      .leftJoin(solution, eq(solution.key, agreementDispatch.solutionKey))
      .where(eq(agreementDispatch.agreementId, agreementId))
      .orderBy(asc(agreementDispatch.sentAt)),
    db
      .select({
        slot: agreementReminder.slot,
        sentAt: sql<Date>`min(${agreementReminder.sentAt})`.mapWith(agreementReminder.sentAt),
        municipalities: countDistinct(agreementReminder.municipalityCode),
        manual: sql<boolean>`bool_or(${agreementReminder.manual})`.mapWith(Boolean),
      })
      .from(agreementReminder)
      .where(reminderWhere)
      .groupBy(agreementReminder.slot),
    opts.versions ??
      db
        .select({
          number: agreementVersion.number,
          createdAt: agreementVersion.createdAt,
          changeNote: agreementVersion.changeNote,
          requiresResign: agreementVersion.requiresResign,
        })
        .from(agreementVersion)
        .where(eq(agreementVersion.agreementId, agreementId))
        .orderBy(asc(agreementVersion.number)),
    opts.totalMunicipalities ?? db.select({ n: count() }).from(municipality).then(([r]) => r?.n ?? 98),
  ]);
  return {
    dispatches: code ? dispatches.filter((d) => d.municipalityCodes.includes(code)) : dispatches,
    versions,
    reminders: reminders.map((r) => ({ ...r, manual: r.manual || r.slot.startsWith('manual-') })),
    totalMunicipalities: total,
    showCounts: !code,
  };
}

/** The history lines of one agreement, as central staff (all) or a municipality (its own part) see them. */
export async function loadHistory(db: Db, agreementId: string, opts: { municipalityCode?: string | null } = {}): Promise<HistoryLine[]> {
  return historyLines(await loadHistoryRows(db, agreementId, opts));
}
