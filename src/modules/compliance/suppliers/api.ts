import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiBody, errorResponses, iso, uuidParam } from '../../../platform/http/api-schemas.ts';
import { actorCtx } from '../../../platform/http/request-context.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { loadChoices, type Choices } from '../choices.ts';
import { supplierRoles } from '../schema.ts';
import { createSupplier } from './create-supplier.ts';
import { packageSuppliersBody, setPackageSuppliers } from './set-package-suppliers.ts';
import { authorizeSupplierReading, supplierBody } from './supplier-input.ts';
import { listSuppliers, type SupplierRow } from './supplier-queries.ts';
import { transferWarning } from './supplier-tree.ts';
import { updateSupplier } from './update-supplier.ts';

const supplierOut = z
  .object({
    id: z.string(),
    name: z.string(),
    cvr: z.string().describe('8 cifre; tom for en udenlandsk leverandør uden dansk CVR-nummer'),
    address: z.string(),
    contractParty: z.string(),
    role: z.enum(supplierRoles),
    processingActivity: z.string(),
    locations: z.string(),
    transferBasis: z.object({ key: z.string(), label: z.string(), detail: z.string() }).nullable(),
    transferWarning: z.string().nullable().describe('Sat, når data kan behandles uden for EU/EØS uden overførselsgrundlag'),
    parentId: z.string().nullable(),
    parentName: z.string().nullable(),
    packages: z.number().int().describe('Antal compliancepakker, der nævner leverandøren'),
    updatedAt: z.string(),
  })
  .meta({ id: 'ComplianceSupplier' });

const packageSuppliersOut = z
  .object({
    supplierIds: z.array(z.string()),
    added: z.array(z.string()),
    removed: z.array(z.string()),
    changed: z.boolean().describe('false: pakken havde allerede præcis disse leverandører; intet er ændret'),
    withoutParent: z
      .array(z.object({ id: z.string(), name: z.string(), parentName: z.string() }))
      .describe('Underdatabehandlere i pakken, hvis databehandler ikke er med (tilladt, men værd at se på)'),
  })
  .meta({ id: 'CompliancePackageSuppliers' });

function present(s: SupplierRow, choices: Choices) {
  const basis = s.transferBasisKey ? choices['transfer-basis'].find((b) => b.key === s.transferBasisKey) : undefined;
  return {
    id: s.id,
    name: s.name,
    cvr: s.cvr,
    address: s.address,
    contractParty: s.contractParty,
    role: s.role,
    processingActivity: s.processingActivity,
    locations: s.locations,
    transferBasis: s.transferBasisKey ? { key: s.transferBasisKey, label: basis?.label ?? s.transferBasisKey, detail: basis?.detail ?? '' } : null,
    transferWarning: transferWarning({ transferBasis: s.transferBasisKey, locations: s.locations }),
    parentId: s.parentId,
    parentName: s.parentName,
    packages: s.packages,
    updatedAt: iso(s.updatedAt)!,
  };
}

async function presentOne(db: Parameters<typeof listSuppliers>[0], id: string) {
  const [suppliers, choices] = await Promise.all([listSuppliers(db), loadChoices(db)]);
  return present(suppliers.find((s) => s.id === id)!, choices);
}

/** The supplier master data and a package's suppliers for integrations; the pages call the same use cases. */
export function registerSupplierApi(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Compliance'];
  const supplierParams = z.object({ supplierId: uuidParam });

  app.get(
    '/api/v1/compliance/suppliers',
    {
      schema: {
        tags,
        summary: 'Leverandørregistret: alle databehandlere og underdatabehandlere',
        description: 'Kun KOMBIT. Sorteret efter navn i dansk alfabetisk orden. Siden [/compliance/leverandoerer](/compliance/leverandoerer) viser det samme.',
        response: { 200: z.object({ suppliers: z.array(supplierOut) }).meta({ id: 'ComplianceSuppliers' }), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      authorizeSupplierReading(ctx.actor);
      const [suppliers, choices] = await Promise.all([listSuppliers(ctx.db), loadChoices(ctx.db)]);
      return { suppliers: suppliers.map((s) => present(s, choices)) };
    },
  );

  app.post(
    '/api/v1/compliance/suppliers',
    {
      schema: {
        tags,
        summary: 'Opret en leverandør',
        description:
          'KOMBITs informationssikkerhed. En underdatabehandler skal have `parentId`; en databehandler må ikke. Findes en leverandør med samme CVR-nummer ' +
          'samme sted i kæden, svares 409. Headeren `Idempotency-Key` gør kaldet sikkert at gentage: samme nøgle opretter intet igen og svarer 200.',
        body: apiBody(supplierBody),
        response: { 200: supplierOut, 201: supplierOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = actorCtx(request);
      const r = await createSupplier(ctx, request.body, clientKeyOf(request));
      return reply.status(r.created ? 201 : 200).send(await presentOne(ctx.db, r.id));
    },
  );

  app.put(
    '/api/v1/compliance/suppliers/:supplierId',
    {
      schema: {
        tags,
        summary: 'Ret en leverandørs stamdata',
        description:
          'KOMBITs informationssikkerhed. Alle felter sendes. Kladder viser rettelsen; offentliggjorte pakker viser leverandøren, som den var ved offentliggørelsen. ' +
          'En leverandør kan ikke være underdatabehandler for sig selv eller for en af sine egne underdatabehandlere (422).',
        params: supplierParams,
        body: apiBody(supplierBody),
        response: { 200: supplierOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const r = await updateSupplier(ctx, request.params.supplierId, request.body);
      return presentOne(ctx.db, r.id);
    },
  );

  app.put(
    '/api/v1/compliance/packages/:id/suppliers',
    {
      schema: {
        tags,
        summary: 'Sæt en kladdes leverandører',
        description: 'KOMBITs informationssikkerhed, kun på en kladde (en offentliggjort pakke: 403). Listen erstatter pakkens leverandører; samme liste igen ændrer intet.',
        params: z.object({ id: uuidParam }),
        body: apiBody(packageSuppliersBody),
        response: { 200: packageSuppliersOut, ...errorResponses },
      },
    },
    async (request) => setPackageSuppliers(actorCtx(request), request.params.id, request.body),
  );
}
