import { and, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rawRows, type Db } from '../../../db/client.ts';
import { type Actor, isCentral } from '../../../platform/context.ts';
import { conflict, forbidden, invalid, notFound, type FieldErrors } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { isComplianceAuthor } from '../policy.ts';
import { complianceChoice, complianceSupplier, supplierRoles, type SupplierRole } from '../schema.ts';
import { namesCountry, namesDenmark } from './countries.ts';

export const ROLE_LABELS: Record<SupplierRole, string> = { processor: 'Databehandler', 'sub-processor': 'Underdatabehandler' };

/** The form's labels, for the error summary's links. */
export const supplierLabels: Record<string, string> = {
  name: 'Navn',
  cvr: 'CVR-nummer',
  address: 'Adresse',
  contractParty: 'Aftalepart',
  role: 'Rolle',
  processingActivity: 'Behandlingsaktivitet',
  locations: 'Hvor data behandles',
  transferBasisKey: 'Overførselsgrundlag',
  parentId: 'Underdatabehandler for',
};

const text = (max: number, label: string) =>
  z
    .string({ message: `${label} skal være tekst` })
    .optional()
    .transform((s) => (s ?? '').replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().max(max, `${label} må højst være ${max} tegn`));
const optionalKey = z
  .string({ message: 'Vælg fra listen' })
  .nullish()
  .transform((s) => (s ?? '').trim() || null);

/**
 * A supplier as the form and the API send it. The CVR may be written with spaces ("12 34 56 78");
 * a supplier without a Danish CVR number must have the country in its address, so the reader can
 * tell where the company is; a sub-processor names the supplier it works for, a processor none.
 */
export const supplierInput = z
  .object({
    name: z
      .string({ message: 'Skriv leverandørens navn' })
      .transform((s) => s.trim())
      .pipe(z.string().min(1, 'Skriv leverandørens navn').max(200, 'Navnet må højst være 200 tegn')),
    cvr: z
      .string({ message: 'CVR-nummeret skal være tekst' })
      .optional()
      .transform((s) => (s ?? '').replace(/[\s-]/g, ''))
      .pipe(z.string().regex(/^(\d{8})?$/, 'Et CVR-nummer er 8 cifre, fx 12345678')),
    address: text(500, 'Adressen'),
    contractParty: text(200, 'Aftaleparten'),
    role: z.enum(supplierRoles, { message: 'Vælg om leverandøren er databehandler eller underdatabehandler' }),
    processingActivity: text(2000, 'Behandlingsaktiviteten'),
    locations: text(500, 'Stederne'),
    transferBasisKey: optionalKey,
    parentId: optionalKey.refine((v) => v === null || isUuid(v), 'Vælg en leverandør fra listen'),
  })
  .superRefine((s, issues) => {
    if (s.cvr === '') {
      if (namesDenmark(s.address)) {
        issues.addIssue({ code: 'custom', path: ['cvr'], message: 'En dansk leverandør skal have sit CVR-nummer (8 cifre)' });
      } else if (!namesCountry(s.address)) {
        issues.addIssue({
          code: 'custom',
          path: ['address'],
          message: 'Skriv landet i adressen, når leverandøren ikke har et dansk CVR-nummer (fx "Dublin, Irland")',
        });
      }
    }
    if (s.role === 'sub-processor' && s.parentId === null) {
      issues.addIssue({ code: 'custom', path: ['parentId'], message: 'Vælg den leverandør, som underdatabehandleren arbejder for' });
    }
    if (s.role === 'processor' && s.parentId !== null) {
      issues.addIssue({
        code: 'custom',
        path: ['parentId'],
        message: 'En databehandler arbejder ikke for en anden leverandør. Vælg rollen underdatabehandler, eller fjern valget her',
      });
    }
  });
export type SupplierInput = z.infer<typeof supplierInput>;

/** The body as the API documents it (the use case parses it with the rules above). */
export const supplierBody = z
  .object({
    name: z.string(),
    cvr: z.string().optional().describe('8 cifre; kan udelades for en udenlandsk leverandør, hvis adressen nævner landet'),
    address: z.string().optional(),
    contractParty: z.string().optional().describe('Hvem aftalen er med (KOMBIT, eller databehandleren for en underdatabehandler)'),
    role: z.enum(supplierRoles),
    processingActivity: z.string().optional(),
    locations: z.string().optional().describe('Hvor data behandles (lande, datacentre)'),
    transferBasisKey: z.string().nullable().optional().describe("Nøgle i valglisten 'transfer-basis' (eu-eoes, adequacy, scc, dpf, none)"),
    parentId: z.string().nullable().optional().describe('Påkrævet for en underdatabehandler: den leverandør, den arbejder for'),
  });

/** Supplier master data is central information security's to write; other central staff read it; to a municipality it does not exist. */
export function authorizeSupplierAuthoring(actor: Actor): void {
  if (!isCentral(actor)) throw notFound('Siden findes ikke.');
  if (!isComplianceAuthor(actor)) throw forbidden('Kun KOMBITs informationssikkerhed kan oprette og rette leverandører.');
}

/** The master list is for central staff only. */
export function authorizeSupplierReading(actor: Actor): void {
  if (!isCentral(actor)) throw notFound('Siden findes ikke.');
}

/** Supplier writes one at a time, so the duplicate and cycle checks see each other's rows. */
export async function lockSuppliers(tx: Db): Promise<void> {
  await rawRows(tx, sql`select pg_advisory_xact_lock(hashtext('compliance_supplier'))`);
}

/**
 * The checks that need the database, inside the writing transaction after lockSuppliers: the
 * transfer basis is on its list, the parent exists and is not the supplier itself or one of its
 * own sub-processors (a chain must end), and no other supplier has the same CVR (or, without a CVR,
 * the same name) in the same place of a chain. The same company may be a sub-processor of two
 * processors: that is two rows, each with its parent.
 */
export async function checkSupplier(tx: Db, input: SupplierInput, selfId: string | null): Promise<void> {
  const errors: FieldErrors = {};
  if (input.transferBasisKey !== null) {
    const [basis] = await tx
      .select({ key: complianceChoice.key })
      .from(complianceChoice)
      .where(and(eq(complianceChoice.list, 'transfer-basis'), eq(complianceChoice.key, input.transferBasisKey)));
    if (!basis) errors.transferBasisKey = 'Vælg et overførselsgrundlag fra listen';
  }
  if (input.parentId !== null) {
    if (input.parentId === selfId) {
      errors.parentId = 'En leverandør kan ikke være underdatabehandler for sig selv';
    } else {
      // The parent's chain upwards in one statement; the depth bound stops on data that already loops.
      const chain = await rawRows<{ id: string; name: string }>(
        tx,
        sql`with recursive up(id, name, parent_id, depth) as (
              select id, name, parent_id, 1 from compliance_supplier where id = ${input.parentId}
              union all
              select s.id, s.name, s.parent_id, up.depth + 1 from compliance_supplier s join up on s.id = up.parent_id where up.depth < 100
            ) select id, name from up`,
      );
      if (chain.length === 0) errors.parentId = 'Vælg en leverandør fra listen';
      else if (selfId !== null && chain.some((c) => c.id === selfId)) {
        const parent = chain[0]!.name;
        errors.parentId = `${parent} er selv underdatabehandler for ${input.name} (direkte eller gennem andre), så ${input.name} kan ikke være underdatabehandler for ${parent}: en leverandør kan ikke stå over sig selv i kæden`;
      }
    }
  }
  if (Object.keys(errors).length > 0) throw invalid(errors);

  const sameParent = input.parentId === null ? sql`${complianceSupplier.parentId} is null` : eq(complianceSupplier.parentId, input.parentId);
  const sameCompany = input.cvr !== '' ? eq(complianceSupplier.cvr, input.cvr) : sql`lower(${complianceSupplier.name}) = lower(${input.name})`;
  const [twin] = await tx
    .select({ name: complianceSupplier.name, cvr: complianceSupplier.cvr })
    .from(complianceSupplier)
    .where(and(sameCompany, sameParent, selfId === null ? undefined : ne(complianceSupplier.id, selfId)))
    .limit(1);
  if (twin) {
    const where = input.parentId === null ? 'som databehandler' : 'som underdatabehandler for den samme leverandør';
    if (input.cvr !== '') {
      throw conflict(`Leverandøren findes allerede: ${twin.name} har CVR-nummer ${twin.cvr} ${where}. Ret den eksisterende leverandør i stedet.`, {
        cvr: `${twin.name} har allerede CVR-nummer ${twin.cvr} ${where}`,
      });
    }
    throw conflict(`Leverandøren findes allerede: ${twin.name} er oprettet ${where}. Ret den eksisterende leverandør i stedet.`, {
      name: `${twin.name} findes allerede ${where}`,
    });
  }
}

/** The row's columns from the input. */
export const supplierColumns = (input: SupplierInput) => ({
  name: input.name,
  cvr: input.cvr,
  address: input.address,
  contractParty: input.contractParty,
  role: input.role,
  processingActivity: input.processingActivity,
  locations: input.locations,
  transferBasisKey: input.transferBasisKey,
  parentId: input.parentId,
});
