import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rolesWithPrimary } from '../../db/reference/role-types.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { invalid, type FieldErrors } from '../../platform/errors.ts';
import { readUploadedTable, type Table } from '../../platform/spreadsheet/read.ts';
import { inGalleryTx } from './gallery-tx.ts';
import { personInput } from './inputs.ts';
import { authorize } from './policy.ts';
import { changePerson, grantRole, insertPerson } from './gallery-writes.ts';
import { referenceLists } from './queries.ts';
import { person, roleAssignment } from '../../platform/identity/schema.ts';
import { sameDanishText } from '../../platform/views/format.ts';

export type ImportResult = { created: number; updated: number; rolesAssigned: number; unchanged: number };

const MAX_ROWS = 5000;

/** Lower-cased header names accepted for each column; the first are the export's own headers. */
const COLUMNS = {
  name: ['navn'],
  email: ['e-mail', 'email', 'mail'],
  title: ['titel'],
  phone: ['telefon', 'tlf'],
  role: ['rolle'],
  solution: ['løsning', 'loesning'],
  primary: ['primær', 'primaer'],
} as const;
type ColumnKey = keyof typeof COLUMNS;

type Reference = Awaited<ReturnType<typeof referenceLists>>;
type Existing = {
  people: { id: string; name: string; email: string; title: string; phone: string }[];
  assignments: { id: string; personId: string; roleTypeKey: string; solutionKey: string | null; isPrimary: boolean }[];
};
type PersonPlan = { line: number; email: string; name: string; title: string; phone: string };
type RolePlan = { line: number; email: string; roleTypeKey: string; roleLabel: string; solutionKey: string | null; primary: boolean };
type Plan = { people: Map<string, PersonPlan>; roles: RolePlan[]; rowCount: number };

/** The multipart body holds the file as a Buffer under `fil`; anything else means no file was chosen. */
export function uploadedFile(body: unknown): Buffer {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>).fil : undefined;
  const file = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  if (!Buffer.isBuffer(file) || file.length === 0) {
    throw invalid({ fil: 'Vælg en XLSX- eller CSV-fil med rollegalleriet' }, 'Der er ikke valgt nogen fil, eller filen er tom.');
  }
  return file;
}

/**
 * Adds and updates people and roles from a spreadsheet; never removes anything. Every row is
 * checked against the locked gallery first, and a single bad row means nothing is written, so a
 * half-imported file can never leave the gallery in a state nobody asked for.
 */
export async function importGallery(ctx: Ctx & { actor: Actor }, municipalityCode: string, file: Buffer, filename = 'import'): Promise<ImportResult> {
  authorize(ctx.actor, 'manage', municipalityCode);
  const table = await readUploadedTable(file, filename);
  // Reference data changes only with deployments, so it need not be read under the lock.
  const reference = await referenceLists(ctx.db);
  return inGalleryTx(ctx, municipalityCode, async (tx) => {
    const existing = await loadExisting(tx, municipalityCode);
    const { plan, errors } = validate(table, reference, existing);
    const bad = Object.keys(errors).length;
    if (bad > 0) throw invalid(errors, `Filen har fejl i ${bad} ${bad === 1 ? 'række' : 'rækker'}. Intet er importeret; ret fejlene og prøv igen.`);
    const result = await apply(tx, ctx, municipalityCode, plan, existing);
    if (result.created + result.updated + result.rolesAssigned > 0) {
      await recordAudit(tx, ctx, {
        action: 'gallery.imported',
        entityType: 'municipality',
        entityId: municipalityCode,
        municipalityCode,
        after: { ...result, rows: plan.rowCount },
      });
    }
    return result;
  });
}

async function loadExisting(tx: Db, code: string): Promise<Existing> {
  // One after the other: a transaction is one connection, and node-postgres queues (and warns about) overlapping queries.
  const people = await tx
    .select({ id: person.id, name: person.name, email: person.email, title: person.title, phone: person.phone })
    .from(person)
    .where(and(eq(person.municipalityCode, code), eq(person.active, true)));
  const assignments = await tx
    .select({
      id: roleAssignment.id,
      personId: roleAssignment.personId,
      roleTypeKey: roleAssignment.roleTypeKey,
      solutionKey: roleAssignment.solutionKey,
      isPrimary: roleAssignment.isPrimary,
    })
    .from(roleAssignment)
    .where(and(eq(roleAssignment.municipalityCode, code), isNull(roleAssignment.removedAt)));
  return { people, assignments };
}

function resolveColumns(headers: string[]): Partial<Record<ColumnKey, string>> {
  const found: Partial<Record<ColumnKey, string>> = {};
  for (const key of Object.keys(COLUMNS) as ColumnKey[]) {
    const header = COLUMNS[key].find((h) => headers.includes(h));
    if (header) found[key] = header;
  }
  return found;
}

const same = sameDanishText;
const countWord = (n: number) => (n === 2 ? 'to' : String(n));
const slotKey = (role: string, solution: string | null) => `${role}|${solution ?? ''}`;

/** Checks every row on its own and against the others and the current gallery; returns the plan or one message per bad line. */
export function validate(table: Table, ref: Reference, existing: Existing): { plan: Plan; errors: FieldErrors } {
  const col = resolveColumns(table.headers);
  if (!col.name || !col.email) {
    throw invalid({ fil: 'Filen skal have kolonnerne Navn og E-mail i første række' }, 'Kolonnerne Navn og E-mail mangler. Hent det nuværende rollegalleri som skabelon.');
  }
  if (table.rows.length === 0) throw invalid({ fil: 'Filen har ingen rækker under overskrifterne' }, 'Filen indeholder ingen personer.');
  if (table.rows.length > MAX_ROWS) throw invalid({ fil: `Filen må højst have ${MAX_ROWS} rækker` }, 'Filen er for stor.');

  const plan: Plan = { people: new Map(), roles: [], rowCount: table.rows.length };
  const errors: FieldErrors = {};
  const emailOf = new Map(existing.people.map((p) => [p.id, p.email.toLowerCase()]));
  const nameOf = new Map(existing.people.map((p) => [p.email.toLowerCase(), p.name]));
  const primaryIn = new Map<string, RolePlan>();
  const holders = new Map<string, Set<string>>();
  for (const a of existing.assignments) {
    const set = holders.get(a.roleTypeKey) ?? new Set();
    set.add(emailOf.get(a.personId) ?? a.personId);
    holders.set(a.roleTypeKey, set);
  }

  for (const { line, values } of table.rows) {
    const cell = (key: ColumnKey) => (col[key] ? (values[col[key]] ?? '') : '');
    const problems: string[] = [];

    const parsed = personInput.safeParse({ name: cell('name'), email: cell('email'), title: cell('title'), phone: cell('phone') });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'email') problems.push(cell('email') ? `Ugyldig e-mail "${cell('email')}"` : 'E-mail mangler');
        else if (issue.path[0] === 'name') problems.push(cell('name') ? issue.message : 'Navn mangler');
        else problems.push(issue.message);
      }
    }

    const roleText = cell('role');
    const solutionText = cell('solution');
    const primaryText = cell('primary').toLowerCase();
    const anyRole = ref.roleTypes.find((r) => same(r.labelDa, roleText) || same(r.key, roleText));
    const role = anyRole?.scope === 'municipal' ? anyRole : undefined;
    const solution = ref.solutions.find((s) => same(s.name, solutionText) || same(s.key, solutionText));
    if (roleText && !anyRole) problems.push(`Ukendt rolle "${roleText}"`);
    if (anyRole && !role) problems.push(`Rollen ${anyRole.labelDa} hører til KOMBIT og kan ikke tildeles i en kommune`);
    if (solutionText && !solution) problems.push(`Ukendt løsning "${solutionText}"`);
    if (role?.perSolution && !solutionText) problems.push(`Løsning mangler for rollen ${role.labelDa}`);
    if (role && !role.perSolution && solutionText) problems.push(`Rollen ${role.labelDa} gælder hele kommunen og har ingen løsning`);
    if (!roleText && solutionText) problems.push(`Løsningen "${solutionText}" er angivet uden en rolle`);
    const primary = primaryText === 'ja';
    if (!['', 'ja', 'nej'].includes(primaryText)) problems.push(`Primær skal være Ja eller Nej, ikke "${cell('primary')}"`);
    else if (primary && !roleText) problems.push('Primær er angivet uden en rolle');
    else if (primary && role && !rolesWithPrimary.includes(role.key)) problems.push(`Rollen ${role.labelDa} har ingen primær; skriv Nej eller lad feltet stå tomt`);

    if (problems.length === 0 && parsed.success) {
      const p = parsed.data;
      const earlier = plan.people.get(p.email);
      const clash = (a: string, b: string) => a !== '' && b !== '' && a !== b;
      if (!earlier) plan.people.set(p.email, { line, ...p });
      else if (earlier.name !== p.name || clash(earlier.title, p.title) || clash(earlier.phone, p.phone)) {
        problems.push(`${p.email} står også i linje ${earlier.line}, men med et andet navn, en anden titel eller et andet telefonnummer`);
      } else {
        earlier.title ||= p.title;
        earlier.phone ||= p.phone;
      }
      if (role && problems.length === 0) problems.push(...planRole({ line, email: p.email, roleTypeKey: role.key, roleLabel: role.labelDa, solutionKey: solution?.key ?? null, primary }));
    }
    if (problems.length > 0) errors[`linje-${line}`] = problems.join('. ');
  }
  return { plan, errors };

  function planRole(r: RolePlan): string[] {
    const label = `${r.roleLabel}${r.solutionKey ? ` for ${ref.solutions.find((s) => s.key === r.solutionKey)!.name}` : ''}`;
    const slot = slotKey(r.roleTypeKey, r.solutionKey);
    if (r.primary) {
      const other = primaryIn.get(slot);
      if (other && other.email !== r.email) return [`Linje ${other.line} gør allerede ${plan.people.get(other.email)!.name} til primær ${label}`];
      primaryIn.set(slot, r);
    }
    const duplicate = plan.roles.find((x) => x.email === r.email && slotKey(x.roleTypeKey, x.solutionKey) === slot);
    if (duplicate) {
      duplicate.primary ||= r.primary;
      return [];
    }
    const max = ref.roleTypes.find((t) => t.key === r.roleTypeKey)!.maxPerMunicipality;
    const set = holders.get(r.roleTypeKey) ?? new Set<string>();
    if (max !== null && !set.has(r.email) && set.size >= max) {
      const names = [...set].map((e) => nameOf.get(e) ?? plan.people.get(e)?.name ?? e).join(' og ');
      return [`Der kan højst være ${countWord(max)} med rollen ${r.roleLabel} i kommunen, og ${names} har den allerede`];
    }
    set.add(r.email);
    holders.set(r.roleTypeKey, set);
    plan.roles.push(r);
    return [];
  }
}

/** Writes the plan through the same writes as the single-person use cases, inside the caller's locked transaction. */
async function apply(tx: Db, ctx: Ctx, municipalityCode: string, plan: Plan, existing: Existing): Promise<ImportResult> {
  const result = { created: 0, updated: 0, rolesAssigned: 0, unchanged: 0 };
  const changedLines = new Set<number>();
  const byEmail = new Map(existing.people.map((p) => [p.email.toLowerCase(), p]));

  for (const p of plan.people.values()) {
    const found = byEmail.get(p.email);
    if (!found) {
      byEmail.set(p.email, await insertPerson(tx, ctx, municipalityCode, { name: p.name, email: p.email, title: p.title, phone: p.phone }));
      result.created++;
      changedLines.add(p.line);
      continue;
    }
    // An empty cell keeps what is there: the import adds and updates, it never blanks a field out.
    const next = { name: p.name, email: found.email, title: p.title || found.title, phone: p.phone || found.phone };
    if (await changePerson(tx, ctx, municipalityCode, found, next)) {
      result.updated++;
      changedLines.add(p.line);
    }
  }

  for (const r of plan.roles) {
    const who = byEmail.get(r.email)!;
    const { changed } = await grantRole(tx, ctx, {
      municipalityCode,
      personId: who.id,
      personName: who.name,
      roleTypeKey: r.roleTypeKey,
      solutionKey: r.solutionKey,
      primary: r.primary,
    });
    if (changed) {
      result.rolesAssigned++;
      changedLines.add(r.line);
    }
  }
  result.unchanged = plan.rowCount - changedLines.size;
  return result;
}
