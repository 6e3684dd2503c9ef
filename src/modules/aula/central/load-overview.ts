import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../platform/context.ts';
import { municipality } from '../../../platform/identity/schema.ts';
import { byDanishName, danishCompare } from '../../../platform/views/format.ts';
import { loadMunicipalities, type AulaMunicipalityView } from '../municipal/load-municipality.ts';
import { authorizeAulaOverview } from '../policy.ts';
import { deletionPreview } from '../preview/deletion-preview.ts';
import { loadRuleSets } from '../rules/in-force.ts';
import { readinessItems } from '../schema.ts';
import { ESDH_CHOICES, ESDH_NONE, type EsdhChoice, type OverviewFilter } from './overview-filter.ts';

export type DeletionCounts = { total: number; journalised: number; atRisk: number };

/** One municipality's line of the overview: its registration, region, checklist summary and files at risk on the day. */
export type OverviewRow = AulaMunicipalityView & {
  region: string;
  /** Checklist items ticked, of readinessItems.length. */
  readinessDone: number;
  /** Confirmed ready for the revised deletion rules. */
  ready: boolean;
  deletion: DeletionCounts;
};

/** A line of the small count tables: municipalities, how many are ready, and their files at risk. */
export type CountRow = { key: string; label: string; municipalities: number; ready: number; atRisk: number };

export type Overview = {
  day: string;
  /** The municipalities the filter lets through, Danish-sorted by name. */
  rows: OverviewRow[];
  /** How many there are in all (98), to say "12 af 98". */
  total: number;
  /** Every region, for the filter's choices. */
  regions: string[];
  byEsdh: CountRow[];
  byRegion: CountRow[];
};

/** The vendors of the three systems in the end-to-end test, so a count by system reads as one by vendor. */
export const ESDH_VENDOR_LABEL: Record<EsdhChoice, string> = {
  sbsys: 'SBSYS (Brugerklubben)',
  acadre: 'Acadre (Formpipe)',
  edoc: 'eDoc (Fujitsu)',
  andet: 'Andet system',
  [ESDH_NONE]: 'Ikke oplyst',
};

export const esdhChoiceOf = (m: Pick<AulaMunicipalityView, 'esdh'>): EsdhChoice => m.esdh.system ?? ESDH_NONE;

function matches(f: OverviewFilter, r: OverviewRow): boolean {
  if (f.notReady && r.ready) return false;
  if (f.vendorNotInTest && r.esdh.vendorInTest === true) return false;
  if (f.esdh && esdhChoiceOf(r) !== f.esdh) return false;
  if (f.integration && r.integrationState !== f.integration) return false;
  if (f.region && r.region !== f.region) return false;
  return true;
}

function countBy(rows: readonly OverviewRow[], keyOf: (r: OverviewRow) => string, keys: readonly string[], labelOf: (k: string) => string): CountRow[] {
  const counts = new Map(keys.map((key) => [key, { key, label: labelOf(key), municipalities: 0, ready: 0, atRisk: 0 }]));
  for (const r of rows) {
    const c = counts.get(keyOf(r))!;
    c.municipalities++;
    if (r.ready) c.ready++;
    c.atRisk += r.deletion.atRisk;
  }
  return [...counts.values()];
}

/**
 * A confirmation counts for the newest rule version only: one given for an earlier version (the
 * 2024 rules, say) does not make a municipality ready for the revised ones. A confirmation naming
 * no version was given before there were any.
 */
const confirmedFor = (confirmed: string | null, newest: string | null) => confirmed === null || confirmed === newest;

/**
 * The overview of all 98 on a day, in six statements whatever their number: the municipalities'
 * regions, the rule versions, their registrations (three, set-based), and the deletion preview per
 * municipality (one, on the versions already read).
 * The filter and the counts work on those 98 rows; nothing is counted per file here.
 */
export async function loadOverview(db: Db, actor: Actor | null, filter: OverviewFilter): Promise<Overview> {
  authorizeAulaOverview(actor);
  const [places, sets] = await Promise.all([db.select({ code: municipality.code, region: municipality.region }).from(municipality), loadRuleSets(db)]);
  const [registrations, preview] = await Promise.all([
    loadMunicipalities(
      db,
      places.map((p) => p.code),
    ),
    deletionPreview(db, actor, filter.day, 'municipality', {}, sets),
  ]);
  const newest = sets[0]?.id ?? null;
  const regionOf = new Map(places.map((p) => [p.code, p.region]));
  const counts = new Map(preview.map((p) => [p.key, p]));
  const all: OverviewRow[] = registrations
    .map((m) => {
      const c = counts.get(m.code);
      return {
        ...m,
        region: regionOf.get(m.code) ?? '',
        readinessDone: m.readiness.filter((r) => r.done).length,
        ready: m.readiness.some((r) => r.item === 'klar_til_sletteregler' && r.done && confirmedFor(r.ruleSetId, newest)),
        deletion: { total: c?.total ?? 0, journalised: c?.journalised ?? 0, atRisk: c?.atRisk ?? 0 },
      };
    })
    .sort(byDanishName);
  const rows = all.filter((r) => matches(filter, r));
  const regions = [...new Set(all.map((r) => r.region))].sort(danishCompare);
  return {
    day: filter.day,
    rows,
    total: all.length,
    regions,
    byEsdh: countBy(rows, esdhChoiceOf, ESDH_CHOICES, (k) => ESDH_VENDOR_LABEL[k as EsdhChoice]),
    byRegion: countBy(
      rows,
      (r) => r.region,
      regions,
      (k) => k,
    ),
  };
}

export const READINESS_ITEMS = readinessItems.length;
