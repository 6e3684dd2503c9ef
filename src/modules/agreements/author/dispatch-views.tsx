import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { Checkbox, Radio } from '../../../platform/views/choices.tsx';
import { CsrfField, ErrorSummary, ErrorText, fieldId, Notice, SelectField, TextField } from '../../../platform/views/components.tsx';
import type { AgreementDetail, AgreementReference } from '../agreement-queries.ts';
import { many, one, Page, type FormValues } from './views.tsx';

const labels = {
  requestKey: 'Udsendelse',
  roleKey: 'Modtagernes rolle',
  solutionKey: 'Løsning',
  ccRoleKey: 'Kopi til',
  scope: 'Kommuner',
  municipalityCodes: 'Udvalgte kommuner',
  deadline: 'Frist for underskrift',
};

export type DispatchPageProps = {
  request: FastifyRequest;
  agreement: AgreementDetail;
  ref: AgreementReference;
  values: FormValues;
  errors?: FieldErrors;
  notice?: string | undefined;
};

/**
 * Sending the current version for signature. The hidden request key comes with the page, so a
 * double click or a resent form sends once.
 */
export function DispatchPage(p: DispatchPageProps): JSX.Element {
  const a = p.agreement;
  const v = p.values;
  const e = p.errors ?? {};
  const sent = a.status === 'sent';
  const current = a.versions.find((x) => x.current);
  const scope = one(v.scope) || (sent ? 'outstanding' : 'all');
  const picked = new Set(many(v.municipalityCodes));
  const outstanding = a.counts?.outstanding ?? 0;
  return (
    <Page request={p.request} title={`Udsend ${a.title}`}>
      <p>
        <a href={`/aftaler/${a.id}`} class="function-link">
          Tilbage til aftalen
        </a>
      </p>
      <h1 safe>{`Udsend ${a.title}`}</h1>
      <p class="font-lead">
        {current ? `Version ${current.number} sendes til underskrift.` : 'Aftalen har ingen version at udsende.'}
      </p>
      {p.notice ? <Notice kind="info" text={p.notice} /> : ''}
      <ErrorSummary errors={e} labels={labels} />
      <p>
        Modtagerne får en mail med link til aftalen. Kommuner, der allerede har underskrevet, er erstattet af K98-aftalen eller har sendt en
        underskrevet kopi, der afventer godkendelse, bliver ikke bedt om at underskrive igen.
      </p>
      <form method="post" action={`/aftaler/${a.id}/udsend`} novalidate>
        <CsrfField token={p.request.csrfToken} />
        <input type="hidden" name="requestKey" value={one(v.requestKey)} />
        <fieldset class="form-group">
          <legend class="h3">Modtagere</legend>
          <SelectField
            name="roleKey"
            label="Modtagernes rolle"
            value={one(v.roleKey)}
            error={e.roleKey}
            emptyLabel="Vælg rolle"
            options={p.ref.roleTypes.map((r) => ({ value: r.key, label: r.perSolution ? `${r.label} (pr. løsning)` : r.label }))}
          />
          <SelectField
            name="solutionKey"
            label="Løsning (kun for roller pr. løsning)"
            value={one(v.solutionKey)}
            error={e.solutionKey}
            emptyLabel="Ingen – rollen gælder hele kommunen"
            options={p.ref.solutions.map((s) => ({ value: s.key, label: s.name }))}
          />
          <SelectField
            name="ccRoleKey"
            label="Kopi til orientering (valgfri)"
            value={one(v.ccRoleKey)}
            error={e.ccRoleKey}
            emptyLabel="Ingen kopi"
            options={p.ref.roleTypes.filter((r) => !r.perSolution).map((r) => ({ value: r.key, label: r.label }))}
          />
        </fieldset>
        <TextField name="deadline" type="date" label="Frist for underskrift" hint="Sidste dag, en underskrift er rettidig." value={one(v.deadline)} error={e.deadline} required />
        <fieldset class={e.scope || e.municipalityCodes ? 'form-group form-error' : 'form-group'} id={fieldId('scope')}>
          <legend class="h3">Kommuner</legend>
          <ErrorText id={fieldId('scope')} error={e.scope} />
          <Radio name="scope" value="all" id="felt-scope-all" label={`Alle ${p.ref.municipalities.length} kommuner`} checked={scope === 'all'} />
          {sent ? (
            <Radio
              name="scope"
              value="outstanding"
              id="felt-scope-outstanding"
              label={`Kommuner, der mangler at underskrive (${outstanding})`}
              hint="Kommuner, aftalen er sendt til, som ikke har underskrevet eller er i dialog."
              checked={scope === 'outstanding'}
            />
          ) : (
            ''
          )}
          <Radio name="scope" value="chosen" id="felt-scope-chosen" label="Udvalgte kommuner (vælg nedenfor)" checked={scope === 'chosen'} />
          <fieldset class="form-group" id={fieldId('municipalityCodes')}>
            <legend class="form-label">Udvalgte kommuner</legend>
            <ErrorText id={fieldId('municipalityCodes')} error={e.municipalityCodes} />
            <div class="samspil-columns">
              {p.ref.municipalities.map((m) => (
                <Checkbox name="municipalityCodes" value={m.code} id={`felt-kommune-${m.code}`} label={`${m.name} (${m.code})`} checked={picked.has(m.code)} />
              ))}
            </div>
          </fieldset>
        </fieldset>
        <button type="submit" class="button button-primary">
          Udsend aftalen
        </button>
      </form>
    </Page>
  );
}
