import { invalid, type FieldErrors } from '../../../platform/errors.ts';
import { parseDay } from '../../../platform/days.ts';
import { aulaCategoryKeys, type AulaCategory } from '../categories.ts';
import {
  archiveKinds,
  archiveStates,
  esdhSystems,
  integrationStates,
  readinessItems,
  type ArchiveKind,
  type ArchiveState,
  type EsdhSystem,
  type IntegrationState,
  type ReadinessItem,
} from '../schema.ts';

/**
 * What the municipality's forms and the API send, checked once with Danish messages. The form fields
 * carry the API's names, so a message lands next to the same field whichever way the value came.
 */

export type EsdhSection = { esdhSystem: EsdhSystem | null; esdhOther: string | null; vendorInTest: boolean | null; integrationState: IntegrationState };
export type ArchiveSection = { archiveKind: ArchiveKind | null; archiveName: string | null; archivePlannedOn: string | null; archiveState: ArchiveState };

const MAX_NAME = 200;
export const MAX_NOTE = 1000;

const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);
const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

function nameField(errors: FieldErrors, field: string, v: unknown, needed: boolean, missing: string): string | null {
  if (!needed) return null;
  if (v !== undefined && v !== null && typeof v !== 'string') errors[field] = 'Skriv navnet som tekst';
  else if (text(v) === '') errors[field] = missing;
  else if (text(v).length > MAX_NAME) errors[field] = `Navnet kan højst være ${MAX_NAME} tegn`;
  return text(v);
}

function esdhFields(body: Record<string, unknown>, errors: FieldErrors): EsdhSection {
  const system = body.esdhSystem;
  let esdhSystem: EsdhSystem | null = null;
  if (oneOf(esdhSystems, system)) esdhSystem = system;
  else if (!blank(system)) errors.esdhSystem = 'Vælg SBSYS, Acadre, eDoc eller Andet';
  const esdhOther = nameField(errors, 'esdhOther', body.esdhOther, esdhSystem === 'andet', 'Skriv navnet på kommunens ESDH-system, når det er et andet');
  const v = body.vendorInTest;
  let vendorInTest: boolean | null = null;
  if (v === true || v === 'ja') vendorInTest = true;
  else if (v === false || v === 'nej') vendorInTest = false;
  else if (!(v === null || v === undefined || v === 'ved-ikke' || v === '')) errors.vendorInTest = 'Svar ja, nej eller ved ikke';
  const state = body.integrationState;
  if (!oneOf(integrationStates, state)) errors.integrationState = 'Vælg integrationens status';
  return { esdhSystem, esdhOther, vendorInTest, integrationState: oneOf(integrationStates, state) ? state : 'ikke_startet' };
}

function archiveFields(body: Record<string, unknown>, errors: FieldErrors): ArchiveSection {
  const kind = body.archiveKind;
  let archiveKind: ArchiveKind | null = null;
  if (oneOf(archiveKinds, kind)) archiveKind = kind;
  else if (!blank(kind)) errors.archiveKind = 'Vælg Rigsarkivet eller et § 7-arkiv';
  const archiveName = nameField(errors, 'archiveName', body.archiveName, archiveKind === 'paragraf7', 'Skriv navnet på § 7-arkivet');
  const day = body.archivePlannedOn;
  let archivePlannedOn: string | null = null;
  if (!blank(day)) {
    archivePlannedOn = typeof day === 'string' ? parseDay(day) : null;
    if (archivePlannedOn === null) errors.archivePlannedOn = 'Skriv datoen som dd.mm.åååå, fx 01.03.2026';
  }
  const state = body.archiveState;
  if (!oneOf(archiveStates, state)) errors.archiveState = 'Vælg afleveringens status';
  return { archiveKind, archiveName, archivePlannedOn, archiveState: oneOf(archiveStates, state) ? state : 'ikke_planlagt' };
}

function done<T>(errors: FieldErrors, value: T, message: string): T {
  if (Object.keys(errors).length > 0) throw invalid(errors, message);
  return value;
}

export function parseEsdh(body: Record<string, unknown>): EsdhSection {
  const errors: FieldErrors = {};
  return done(errors, esdhFields(body, errors), 'ESDH og integration er ikke gemt. Ret felterne og prøv igen.');
}

export function parseArchive(body: Record<string, unknown>): ArchiveSection {
  const errors: FieldErrors = {};
  return done(errors, archiveFields(body, errors), 'Arkivet er ikke gemt. Ret felterne og prøv igen.');
}

/** The API's PUT: both sections at once, every field's error together. */
export function parseRegistration(body: Record<string, unknown>): EsdhSection & ArchiveSection {
  const errors: FieldErrors = {};
  const value = { ...esdhFields(body, errors), ...archiveFields(body, errors) };
  return done(errors, value, 'Kommunens Aula-oplysninger er ikke gemt. Ret felterne og prøv igen.');
}

/** The relevant categories: a list of keys (the form repeats the field; absent is none). */
export function parseRelevantCategories(raw: unknown): Set<AulaCategory> {
  const list = raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw : [raw];
  const unknown = list.filter((k) => !oneOf(aulaCategoryKeys, k));
  if (unknown.length > 0) throw invalid({ categories: `Ukendt kategori: ${unknown.map(String).join(', ')}` }, 'Kategorierne er ikke gemt.');
  return new Set(list as AulaCategory[]);
}

export type ReadinessInput = { item: ReadinessItem; done: boolean; note: string };

export function parseReadiness(body: Record<string, unknown>): ReadinessInput {
  const errors: FieldErrors = {};
  const item = body.item;
  if (!oneOf(readinessItems, item)) errors.item = 'Vælg et punkt på tjeklisten';
  const d = body.done;
  const isDone = d === true || d === 'true' || d === 'ja';
  if (!(isDone || d === false || d === 'false' || d === 'nej')) errors.done = 'Angiv om punktet er klaret';
  if (body.note !== undefined && body.note !== null && typeof body.note !== 'string') errors.note = 'Skriv bemærkningen som tekst';
  const note = text(body.note);
  if (note.length > MAX_NOTE) errors.note = `Bemærkningen kan højst være ${MAX_NOTE} tegn`;
  return done(errors, { item: item as ReadinessItem, done: isDone, note }, 'Tjeklisten er ikke ændret. Ret felterne og prøv igen.');
}
