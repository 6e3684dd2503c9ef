import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../../platform/context.ts';
import { isCentral } from '../../../platform/context.ts';
import { StatusBadge } from '../../../platform/views/badge.tsx';
import { CsrfField, Notice } from '../../../platform/views/components.tsx';
import { formatDateLong } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import type { Choices } from '../choices.ts';
import type { ContentSupplier } from '../content.ts';
import type { PackageRow } from '../load-package.ts';
import { PackageNav } from '../package-nav.tsx';
import { ROLE_LABELS } from './supplier-input.ts';
import { supplierOptionLabel, type SupplierRow } from './supplier-queries.ts';
import { supplierTree, transferWarning, type SupplierNode } from './supplier-tree.ts';

export const PACKAGE_SUPPLIER_NOTICES: Record<string, string> = {
  tilfoejet: 'Leverandøren er tilføjet pakken.',
  fjernet: 'Leverandøren er fjernet fra pakken. Den findes stadig i leverandørregistret.',
  uaendret: 'Intet var ændret.',
};

type Props = {
  request: FastifyRequest;
  actor: Actor;
  pkg: PackageRow;
  suppliers: ContentSupplier[];
  choices: Choices;
  /** The master data to add from; null when the actor may not change the package. */
  addable: SupplierRow[] | null;
  notice?: string | undefined;
  error?: string | undefined;
};

const Heading = ({ depth, id, children }: { depth: number; id: string; children: JSX.Element }) => {
  const level = Math.min(3 + depth, 6);
  return level === 3 ? <h3 id={id}>{children}</h3> : level === 4 ? <h4 id={id}>{children}</h4> : level === 5 ? <h5 id={id}>{children}</h5> : <h6 id={id}>{children}</h6>;
};

function Supplier(p: { node: SupplierNode; depth: number; props: Props }): JSX.Element {
  const s = p.node.supplier;
  const { choices, pkg, request } = p.props;
  const headingId = `leverandoer-${s.id}`;
  const warning = transferWarning(s);
  const basis = s.transferBasis ? choices['transfer-basis'].find((b) => b.key === s.transferBasis) : undefined;
  return (
    <li class="mb-6" data-leverandoer={s.id}>
      <section aria-labelledby={headingId}>
        <Heading depth={p.depth} id={headingId}>
          <span safe>{s.name}</span>
        </Heading>
        <p>
          <span safe>{ROLE_LABELS[s.role]}</span>
          {s.parentName ? <span safe>{` · Underdatabehandler for ${s.parentName}`}</span> : ''}
          {warning ? (
            <>
              {' '}
              <StatusBadge label={warning} variant="warning" />
            </>
          ) : (
            ''
          )}
        </p>
        {p.node.parentMissing && s.parentName ? (
          <p class="form-hint" safe>{`${s.parentName}, som ${s.name} arbejder for, er ikke med i pakken.`}</p>
        ) : (
          ''
        )}
        <dl class="samspil-facts">
          <dt>CVR-nummer</dt>
          <dd safe>{s.cvr || 'Intet dansk CVR-nummer'}</dd>
          <dt>Adresse</dt>
          <dd class="samspil-pre-line" safe>{s.address || 'Ikke oplyst'}</dd>
          <dt>Aftalepart</dt>
          <dd safe>{s.contractParty || 'Ikke oplyst'}</dd>
          <dt>Behandlingsaktivitet</dt>
          <dd class="samspil-pre-line" safe>{s.processingActivity || 'Ikke oplyst'}</dd>
          <dt>Hvor data behandles</dt>
          <dd safe>{s.locations || 'Ikke oplyst'}</dd>
          <dt>Overførselsgrundlag</dt>
          <dd>
            {s.transferBasis ? (
              <>
                <span safe>{basis?.label ?? choices.label('transfer-basis', s.transferBasis)}</span>
                {basis?.detail ? (
                  <>
                    <br />
                    <span class="form-hint" safe>{basis.detail}</span>
                  </>
                ) : (
                  ''
                )}
              </>
            ) : (
              'Ikke valgt'
            )}
          </dd>
        </dl>
        {p.props.addable ? (
          <form method="post" action={`/compliance/pakker/${pkg.id}/leverandoerer/${s.id}/fjern`} class="samspil-inline-form">
            <CsrfField token={request.csrfToken} />
            <button type="submit" class="button button-secondary">
              Fjern <span class="sr-only" safe>{s.name}</span> fra pakken
            </button>
          </form>
        ) : (
          ''
        )}
      </section>
      {p.node.children.length > 0 ? (
        <ul class="nobullet-list pl-6" aria-label={`Underdatabehandlere for ${s.name}`}>
          {p.node.children.map((c) => (
            <Supplier node={c} depth={p.depth + 1} props={p.props} />
          ))}
        </ul>
      ) : (
        ''
      )}
    </li>
  );
}

/** A package's suppliers: each processor followed by its chain of sub-processors, with every field. */
export function PackageSuppliersPage(p: Props): JSX.Element {
  const tree = supplierTree(p.suppliers);
  const inPackage = new Set(p.suppliers.map((s) => s.id));
  const options = (p.addable ?? []).filter((s) => !inPackage.has(s.id));
  const warnings = p.suppliers.filter((s) => transferWarning(s) !== null).length;
  return (
    <Layout title={`Leverandører – ${p.pkg.title}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="compliance">
      <h1 safe>{p.pkg.title}</h1>
      <PackageNav pkg={p.pkg} actor={p.actor} current="leverandoerer" />
      <h2>Leverandører</h2>
      {p.pkg.status === 'published' && p.pkg.publishedAt ? (
        <p safe>{`Leverandørerne er vist, som de var, da pakken blev offentliggjort ${formatDateLong(p.pkg.publishedAt)}.`}</p>
      ) : (
        ''
      )}
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      {p.error ? <Notice kind="error" text={p.error} /> : ''}
      {warnings > 0 ? (
        <Notice
          kind="warning"
          text={`${warnings === 1 ? 'Én leverandør' : `${warnings} leverandører`} kan behandle data uden for EU/EØS uden et overførselsgrundlag. Se markeringerne nedenfor.`}
        />
      ) : (
        ''
      )}
      {tree.length === 0 ? (
        <p>Pakken har ingen leverandører endnu.</p>
      ) : (
        <ul class="nobullet-list" aria-label="Databehandlere med deres underdatabehandlere">
          {tree.map((node) => (
            <Supplier node={node} depth={0} props={p} />
          ))}
        </ul>
      )}
      {p.addable ? (
        <section aria-labelledby="tilfoej-leverandoer">
          <h2 id="tilfoej-leverandoer">Tilføj en leverandør</h2>
          {options.length === 0 ? (
            <p>Alle leverandører i registret er med i pakken.</p>
          ) : (
            <form method="post" action={`/compliance/pakker/${p.pkg.id}/leverandoerer`}>
              <CsrfField token={p.request.csrfToken} />
              <div class="form-group">
                <label class="form-label" for="felt-supplierId">
                  Leverandør
                </label>
                <span class="form-hint" id="felt-supplierId-hint">
                  Tilføj også databehandleren, når du tilføjer en underdatabehandler, så kæden står samlet.
                </span>
                <select class="form-select" id="felt-supplierId" name="supplierId" aria-describedby="felt-supplierId-hint">
                  {options.map((s) => (
                    <option value={s.id} safe>
                      {supplierOptionLabel(s)}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" class="button button-primary">
                Tilføj til pakken
              </button>
            </form>
          )}
        </section>
      ) : (
        ''
      )}
      {isCentral(p.actor) ? (
        <p>
          <a href="/compliance/leverandoerer" class="function-link">
            Alle leverandører (stamdata)
          </a>
        </p>
      ) : (
        ''
      )}
    </Layout>
  );
}
