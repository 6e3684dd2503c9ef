import { invalid } from '../../../platform/errors.ts';
import { parseDay } from '../../../platform/days.ts';
import { danishDay } from '../../../platform/views/format.ts';
import { esdhSystems, integrationStates, type EsdhSystem, type IntegrationState } from '../schema.ts';

/** "Not registered" is a choice of its own in the ESDH filter: those are the municipalities to chase first. */
export const ESDH_NONE = 'ikke-oplyst';
export type EsdhChoice = EsdhSystem | typeof ESDH_NONE;
export const ESDH_CHOICES: readonly EsdhChoice[] = [...esdhSystems, ESDH_NONE];

/** What the overview shows: the day of the deletion preview and the filters, as the GET form sends them. */
export type OverviewFilter = {
  day: string;
  notReady: boolean;
  vendorNotInTest: boolean;
  esdh: EsdhChoice | null;
  integration: IntegrationState | null;
  region: string | null;
};

type Query = Record<string, unknown>;

const text = (q: Query, name: string): string => {
  const v = q[name];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' ? one.trim() : '';
};
const ticked = (q: Query, name: string) => ['on', 'true', '1', 'ja'].includes(text(q, name));
const oneOf = <T extends string>(values: readonly T[], v: string): T | null => ((values as readonly string[]).includes(v) ? (v as T) : null);

/**
 * The overview's query: a choice that is not one of the lists is no filter (a mangled link still
 * shows the overview), but a date that is not a date is said so, since the numbers depend on it.
 * `dateError` is set then and the day falls back to today.
 */
export function parseOverviewQuery(q: Query, now: Date): { filter: OverviewFilter; dateError?: string } {
  const today = danishDay(now);
  const raw = text(q, 'dato');
  const day = raw === '' ? today : parseDay(raw);
  const filter: OverviewFilter = {
    day: day ?? today,
    notReady: ticked(q, 'ikkeKlar'),
    vendorNotInTest: ticked(q, 'ikkeITest'),
    esdh: oneOf(ESDH_CHOICES, text(q, 'esdh')),
    integration: oneOf(integrationStates, text(q, 'integration')),
    region: text(q, 'region') || null,
  };
  return day ? { filter } : { filter, dateError: 'Skriv en gyldig dato, fx 01.03.2027' };
}

/** The same, for the export and the API: a bad date is refused (422) rather than replaced. */
export function overviewFilterOrFail(q: Query, now: Date): OverviewFilter {
  const { filter, dateError } = parseOverviewQuery(q, now);
  if (dateError) throw invalid({ dato: dateError }, 'Datoen kunne ikke læses.');
  return filter;
}

/** The filter as a query string, for the export link and the way back from the task form. */
export function overviewQueryString(f: OverviewFilter): string {
  const q = new URLSearchParams({ dato: f.day });
  if (f.notReady) q.set('ikkeKlar', 'on');
  if (f.vendorNotInTest) q.set('ikkeITest', 'on');
  if (f.esdh) q.set('esdh', f.esdh);
  if (f.integration) q.set('integration', f.integration);
  if (f.region) q.set('region', f.region);
  return q.toString();
}

export const isFiltered = (f: OverviewFilter) => f.notReady || f.vendorNotInTest || f.esdh !== null || f.integration !== null || f.region !== null;
