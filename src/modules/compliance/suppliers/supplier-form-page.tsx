import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { Radio } from '../../../platform/views/choices.tsx';
import { CsrfField, ErrorSummary, ErrorText, fieldId, TextArea, TextField } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { Choice } from '../choices.ts';
import { ROLE_LABELS, supplierLabels } from './supplier-input.ts';
import { supplierOptionLabel, type SupplierRow } from './supplier-queries.ts';

export type SupplierFormValues = Record<string, string | string[] | null | undefined>;

const ROLE_HINTS = {
  processor: 'Behandler data på KOMBITs (og dermed kommunernes) vegne efter en databehandleraftale.',
  'sub-processor': 'Behandler data for en anden leverandør. Vælg nedenfor, hvilken leverandør den arbejder for.',
} as const;

/** The supplier and every supplier under it in a chain: none of them can be its parent. */
function selfAndBelow(id: string | null, all: SupplierRow[]): Set<string> {
  const out = new Set<string>();
  if (id === null) return out;
  out.add(id);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of all) {
      if (s.parentId !== null && out.has(s.parentId) && !out.has(s.id)) {
        out.add(s.id);
        grew = true;
      }
    }
  }
  return out;
}

/** Create (no supplierId) or correct a supplier. */
export function SupplierFormPage(p: {
  request: FastifyRequest;
  supplierId: string | null;
  values: SupplierFormValues;
  errors?: FieldErrors | undefined;
  suppliers: SupplierRow[];
  transferBases: Choice[];
}): JSX.Element {
  const v = (name: string) => {
    const x = p.values[name];
    return typeof x === 'string' ? x : '';
  };
  const e = p.errors ?? {};
  const editing = p.supplierId !== null;
  const title = editing ? `Ret leverandør: ${v('name')}` : 'Opret leverandør';
  const excluded = selfAndBelow(p.supplierId, p.suppliers);
  const parents = p.suppliers.filter((s) => !excluded.has(s.id));
  const basisId = fieldId('transferBasisKey');
  const parentFieldId = fieldId('parentId');
  return (
    <Layout title={title} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="compliance">
      <p>
        <a href="/compliance/leverandoerer" class="function-link">
          Tilbage til leverandørerne
        </a>
      </p>
      <h1 safe>{title}</h1>
      {editing ? (
        <p class="font-lead">Rettelsen slår igennem i alle kladder, der nævner leverandøren. Offentliggjorte pakker beholder oplysningerne, som de var.</p>
      ) : (
        ''
      )}
      <ErrorSummary errors={e} labels={supplierLabels} />
      <form method="post" action={editing ? `/compliance/leverandoerer/${p.supplierId}` : '/compliance/leverandoerer/ny'} novalidate>
        <CsrfField token={p.request.csrfToken} />
        {editing ? '' : <RequestKeyField value={p.values.requestKey} />}
        <TextField name="name" label="Navn" value={v('name')} error={e.name} autocomplete="organization" required />
        <TextField
          name="cvr"
          label="CVR-nummer"
          value={v('cvr')}
          error={e.cvr}
          hint="8 cifre. Har leverandøren ikke et dansk CVR-nummer, så lad feltet stå tomt og skriv landet i adressen."
          autocomplete="off"
        />
        <TextArea name="address" label="Adresse" value={v('address')} error={e.address} rows={3} hint='Med landet, hvis leverandøren ikke er dansk, fx "One Microsoft Place, Dublin, Irland".' />
        <TextField
          name="contractParty"
          label="Aftalepart"
          value={v('contractParty')}
          error={e.contractParty}
          hint="Hvem databehandleraftalen er indgået med: KOMBIT, eller databehandleren for en underdatabehandler."
        />
        <fieldset class={e.role ? 'form-group form-error' : 'form-group'} id={fieldId('role')}>
          <legend class="form-label">Rolle</legend>
          <ErrorText id={fieldId('role')} error={e.role} />
          {(['processor', 'sub-processor'] as const).map((role) => (
            <Radio name="role" value={role} id={`${fieldId('role')}-${role}`} label={ROLE_LABELS[role]} hint={ROLE_HINTS[role]} checked={v('role') === role} />
          ))}
        </fieldset>
        <div class={e.parentId ? 'form-group form-error' : 'form-group'}>
          <label class="form-label" for={parentFieldId}>
            Underdatabehandler for <span class="weight-normal">(kun for underdatabehandlere)</span>
          </label>
          <span class="form-hint" id={`${parentFieldId}-hint`}>
            Den leverandør, underdatabehandleren arbejder for. En leverandør kan ikke vælges under sig selv eller sine egne underdatabehandlere.
          </span>
          <ErrorText id={parentFieldId} error={e.parentId} />
          <select class="form-select" id={parentFieldId} name="parentId" aria-describedby={[`${parentFieldId}-hint`, e.parentId ? `${parentFieldId}-error` : ''].filter(Boolean).join(' ')}>
            <option value="">Ingen (databehandler)</option>
            {parents.map((s) => (
              <option value={s.id} selected={v('parentId') === s.id} safe>
                {supplierOptionLabel(s)}
              </option>
            ))}
          </select>
        </div>
        <TextArea name="processingActivity" label="Behandlingsaktivitet" value={v('processingActivity')} error={e.processingActivity} rows={3} hint="Hvad leverandøren gør med data, fx drift af løsningen, support eller hosting." />
        <TextField name="locations" label="Hvor data behandles" value={v('locations')} error={e.locations} hint='Lande og datacentre, adskilt med komma, fx "Danmark, Irland (Azure Nordeuropa)".' />
        <div class={e.transferBasisKey ? 'form-group form-error' : 'form-group'}>
          <label class="form-label" for={basisId}>
            Overførselsgrundlag <span class="weight-normal">(valgfri)</span>
          </label>
          <span class="form-hint" id={`${basisId}-hint`}>
            Grundlaget, hvis data overføres til et land uden for EU/EØS. Hvad hvert grundlag betyder, står under listen.
          </span>
          <ErrorText id={basisId} error={e.transferBasisKey} />
          <select
            class="form-select"
            id={basisId}
            name="transferBasisKey"
            aria-describedby={[`${basisId}-hint`, `${basisId}-details`, e.transferBasisKey ? `${basisId}-error` : ''].filter(Boolean).join(' ')}
          >
            <option value="">Ikke valgt</option>
            {p.transferBases.map((b) => (
              <option value={b.key} selected={v('transferBasisKey') === b.key} safe>
                {b.label}
              </option>
            ))}
          </select>
          <dl class="samspil-details" id={`${basisId}-details`}>
            {p.transferBases.map((b) => (
              <>
                <dt safe>{b.label}</dt>
                <dd safe>{b.detail}</dd>
              </>
            ))}
          </dl>
        </div>
        <button type="submit" class="button button-primary">
          {editing ? 'Gem rettelserne' : 'Opret leverandør'}
        </button>
      </form>
    </Layout>
  );
}
