import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { type BadgeVariant, StatusBadge as Badge } from '../../../platform/views/badge.tsx';
import { Checkbox, Radio } from '../../../platform/views/choices.tsx';
import { CsrfField, ErrorSummary, ErrorText, fieldId, Notice, TextArea, TextField } from '../../../platform/views/components.tsx';
import { formatDeadline } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { AgreementDetail, AgreementReference, AgreementSummary } from '../agreement-queries.ts';
import { AGREEMENT_STATUS_LABELS, TYPE_LABELS } from '../labels.ts';
import { MAX_AGREEMENT_FILE_BYTES } from '../files.ts';
import { signedText } from '../status.ts';
import { agreementTypes, type AgreementStatus } from '../schema.ts';

/** Form values as they come from a page: one string, or several for repeated names (checkboxes). */
export type FormValues = Record<string, string | string[] | undefined>;

/** Messages after a redirect (?besked=…). */
export const AGREEMENT_NOTICES: Record<string, string> = {
  oprettet: 'Aftalen er oprettet som kladde med version 1. Kommunerne kan ikke se den, før den udsendes.',
  version: 'Den nye version er lagt op og er nu den gældende.',
  'version-uaendret': 'Versionen var allerede lagt op; intet er ændret.',
  'allerede-udsendt': 'Udsendelsen var allerede gennemført; der er ikke sendt noget igen.',
  lukket: 'Aftalen er lukket. Den kan ikke længere underskrives, og der sendes ingen påmindelser.',
  genaabnet: 'Aftalen er genåbnet.',
  uaendret: 'Intet er ændret.',
};

export const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[v.length - 1] ?? '') : (v ?? ''));
export const many = (v: string | string[] | undefined) => (v === undefined ? [] : [v].flat());
export const deadlineText = (d: string | null) => (d ? formatDeadline(d) : '–');

const STATUS_VARIANT: Record<AgreementStatus, BadgeVariant> = { draft: null, sent: 'info', closed: null };
export const StatusBadge = (p: { status: AgreementStatus }) => <Badge label={AGREEMENT_STATUS_LABELS[p.status]} variant={STATUS_VARIANT[p.status]} />;

export function Page(p: { request: FastifyRequest; title: string; children: JSX.Element | JSX.Element[] }): JSX.Element {
  return (
    <Layout title={p.title} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="aftaler">
      {p.children as 'safe'}
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// The list

export function AgreementListPage(p: { request: FastifyRequest; agreements: AgreementSummary[]; canAuthor: boolean }): JSX.Element {
  return (
    <Page request={p.request} title="Aftaler">
      <h1>Aftaler</h1>
      <p class="font-lead">Aftaler, kommunerne skal underskrive: databehandleraftaler, tilslutningsaftaler, samarbejdsaftaler og K98-aftalen.</p>
      <div class="samspil-actions">
        {p.canAuthor ? (
          <a href="/aftaler/ny" class="button button-primary">
            Opret aftale
          </a>
        ) : (
          ''
        )}
        <a href="/aftaler/overblik" class="function-link">
          Overblik over tilslutnings- og databehandleraftaler
        </a>
      </div>
      <ResponsiveTable>
      <table class="table table--zebra table--compact" id="aftaler">
        <caption safe>{`Aftaler (${p.agreements.length})`}</caption>
        <thead>
          <tr>
            <th scope="col">Titel</th>
            <th scope="col">Type</th>
            <th scope="col">Løsninger</th>
            <th scope="col">Status</th>
            <th scope="col">Frist</th>
            <th scope="col" class="align-text-right">
              Underskrevet
            </th>
            <th scope="col" class="align-text-right">
              Mangler
            </th>
          </tr>
        </thead>
        <tbody>
          {p.agreements.length === 0 ? (
            <tr>
              <td colspan="7">Der er ingen aftaler endnu.</td>
            </tr>
          ) : (
            p.agreements.map((a) => (
              <tr>
                <td>
                  <a href={`/aftaler/${a.id}`} safe>
                    {a.title}
                  </a>
                </td>
                <td safe>{TYPE_LABELS[a.type]}</td>
                <td safe>{a.solutions.map((s) => s.name).join(', ') || '–'}</td>
                <td>
                  <StatusBadge status={a.status} />
                </td>
                <td safe>{deadlineText(a.deadline)}</td>
                <td class="align-text-right">
                  {a.counts && a.counts.addressed > 0 ? signedText(a.counts) : '–'}
                </td>
                <td class="align-text-right">
                  {a.counts && a.counts.addressed > 0 ? String(a.counts.outstanding) : '–'}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      </ResponsiveTable>
    </Page>
  );
}

// ---------------------------------------------------------------------------------------------
// Files of a version (shared by the new agreement and the new version forms)

export const ANNEX_ROWS = 6;
const maxMb = `${Math.round(MAX_AGREEMENT_FILE_BYTES / 1024 / 1024)} MB`;

export function fileLabels(errors: FieldErrors): Record<string, string> {
  const labels: Record<string, string> = { document: 'Dokument', annexes: 'Bilag' };
  for (const key of Object.keys(errors)) {
    const m = /^annexes\.(\d+)$/.exec(key);
    if (m) labels[key] = `Bilag ${m[1]}`;
  }
  return labels;
}

function FileInput(p: { id: string; name: string; label: string; hint?: string; error?: string | undefined }): JSX.Element {
  const describedBy = [p.hint ? `${p.id}-hint` : '', p.error ? `${p.id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={p.error ? 'form-group form-error' : 'form-group'}>
      <label class="form-label" for={p.id} safe>
        {p.label}
      </label>
      {p.hint ? (
        <span class="form-hint" id={`${p.id}-hint`} safe>
          {p.hint}
        </span>
      ) : (
        ''
      )}
      <ErrorText id={p.id} error={p.error} />
      <input
        type="file"
        id={p.id}
        name={p.name}
        class="form-input"
        accept=".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        aria-describedby={describedBy || undefined}
        aria-invalid={p.error ? 'true' : undefined}
      />
    </div>
  );
}

export function VersionFilesFieldset(p: { values: FormValues; errors: FieldErrors }): JSX.Element {
  const e = p.errors;
  const rows = Array.from({ length: ANNEX_ROWS }, (_, i) => i + 1);
  return (
    <fieldset class="form-group">
      <legend class="h3">Dokument og bilag</legend>
      <p class="form-hint" id="filer-hint" safe>
        {`PDF eller Word (.docx), højst ${maxMb} pr. fil. Bilagene nummereres i den rækkefølge, de står her; uden titel hedder de "Bilag 1", "Bilag 2" osv.`}
      </p>
      {Object.keys(e).length > 0 ? <Notice kind="info" text="Vælg filerne igen: en browser husker ikke valgte filer, når siden vises igen." /> : ''}
      <FileInput id={fieldId('document')} name="document" label="Aftalens dokument" error={e.document} />
      {e.annexes ? <ErrorText id={fieldId('annexes')} error={e.annexes} /> : ''}
      {rows.map((n) => (
        <fieldset class="form-group">
          <legend class="h4" safe>{`Bilag ${n}`}</legend>
          <TextField name={`annexTitles.${n}`} label="Titel" hint={`Fx "Bilag ${n} – Databehandlerinstruks"`} value={one(p.values[`annexTitles.${n}`])} />
          <FileInput id={fieldId(`annexes.${n}`)} name={`annexes.${n}`} label="Fil" error={e[`annexes.${n}`]} />
        </fieldset>
      ))}
    </fieldset>
  );
}

// ---------------------------------------------------------------------------------------------
// Creating an agreement

const createLabels = { type: 'Type', title: 'Titel', description: 'Beskrivelse', solutions: 'Løsninger' };

export function NewAgreementPage(p: { request: FastifyRequest; ref: AgreementReference; values: FormValues; errors?: FieldErrors }): JSX.Element {
  const v = p.values;
  const e = p.errors ?? {};
  const type = one(v.type);
  const picked = new Set(many(v.solutions));
  return (
    <Page request={p.request} title="Opret aftale">
      <p>
        <a href="/aftaler" class="function-link">
          Tilbage til aftaler
        </a>
      </p>
      <h1>Opret aftale</h1>
      <p class="font-lead">Aftalen gemmes som kladde med version 1. Kommunerne ser den først, når den udsendes.</p>
      <ErrorSummary errors={e} labels={{ ...createLabels, ...fileLabels(e) }} />
      {type !== 'k98' ? (
        <p>
          <a href="/aftaler/ny?type=k98" class="function-link">
            Opret en K98-aftale med løsningerne i K98 valgt på forhånd
          </a>
        </p>
      ) : (
        ''
      )}
      <form method="post" action="/aftaler/ny" enctype="multipart/form-data" novalidate>
        <CsrfField token={p.request.csrfToken} />
        <fieldset class={e.type ? 'form-group form-error' : 'form-group'} id={fieldId('type')}>
          <legend class="h3">Type</legend>
          <ErrorText id={fieldId('type')} error={e.type} />
          {agreementTypes.map((t) => (
            <Radio name="type" value={t} id={`felt-type-${t}`} label={TYPE_LABELS[t]} checked={type === t} />
          ))}
        </fieldset>
        <TextField name="title" label="Titel" value={one(v.title)} error={e.title} required />
        <TextArea name="description" label="Beskrivelse" hint="Vises for kommunerne sammen med aftalen." value={one(v.description)} error={e.description} rows={4} />
        <fieldset class={e.solutions ? 'form-group form-error' : 'form-group'} id={fieldId('solutions')} aria-describedby="solutions-hint">
          <legend class="h3">{type === 'k98' ? 'Bilag 1: løsninger omfattet af aftalen' : 'Løsninger aftalen gælder'}</legend>
          <span class="form-hint" id="solutions-hint">
            {type === 'k98'
              ? 'Løsningerne i K98 er valgt på forhånd. En tilslutningsaftale for løsninger, der alle står her, erstattes af K98-aftalen, når kommunen har underskrevet den.'
              : 'Vælg en eller flere løsninger.'}
          </span>
          <ErrorText id={fieldId('solutions')} error={e.solutions} />
          {p.ref.solutions.map((s) => (
            <Checkbox name="solutions" value={s.key} id={`felt-solution-${s.key}`} label={s.k98 ? `${s.name} (K98)` : s.name} checked={picked.has(s.key)} />
          ))}
        </fieldset>
        <VersionFilesFieldset values={v} errors={e} />
        <button type="submit" class="button button-primary">
          Opret aftale
        </button>
      </form>
    </Page>
  );
}

// ---------------------------------------------------------------------------------------------
// A new version

export function NewVersionPage(p: { request: FastifyRequest; agreement: AgreementDetail; values: FormValues; errors?: FieldErrors }): JSX.Element {
  const a = p.agreement;
  const v = p.values;
  const e = p.errors ?? {};
  const current = a.versions.find((x) => x.current);
  const resign = v.requiresResign === undefined ? true : ['true', 'on', '1'].includes(one(v.requiresResign));
  const next = (current?.number ?? 0) + 1;
  return (
    <Page request={p.request} title={`Ny version af ${a.title}`}>
      <p>
        <a href={`/aftaler/${a.id}`} class="function-link">
          Tilbage til aftalen
        </a>
      </p>
      <h1 safe>{`Ny version af ${a.title}`}</h1>
      <p class="font-lead">
        {current ? `Den gældende version er version ${current.number}. Den nye bliver version ${next}.` : 'Aftalen har ingen version endnu.'}
      </p>
      {current ? (
        <p safe>{`Filer i version ${current.number}: ${current.files.map((f) => `${f.title} (${f.filename})`).join(', ')}. Upload alle filer til den nye version, også dem der er uændrede.`}</p>
      ) : (
        ''
      )}
      <ErrorSummary errors={e} labels={{ changeNote: 'Hvad er ændret', requiresResign: 'Ny underskrift', ...fileLabels(e) }} />
      <form method="post" action={`/aftaler/${a.id}/versioner/ny`} enctype="multipart/form-data" novalidate>
        <CsrfField token={p.request.csrfToken} />
        <TextArea
          name="changeNote"
          label="Hvad er ændret"
          hint='Vises i historikken og for kommunerne, fx "Rettet fejl i bilag 3".'
          value={one(v.changeNote)}
          error={e.changeNote}
          rows={3}
          required
        />
        <div class="form-group">
          <input type="hidden" name="requiresResign" value="false" />
          <div class="form-group-checkbox">
            <input type="checkbox" id={fieldId('requiresResign')} name="requiresResign" value="true" class="form-checkbox" checked={resign} aria-describedby="requiresResign-hint" />
            <label for={fieldId('requiresResign')} class="form-label">
              Kræver ny underskrift
            </label>
            <span class="form-hint" id="requiresResign-hint">
              Kommuner, der har underskrevet en tidligere version, skal underskrive igen. Deres underskrifter bevares, men tæller ikke længere. Fjern krydset ved rettelser, der ikke ændrer aftalens indhold.
            </span>
          </div>
        </div>
        <VersionFilesFieldset values={v} errors={e} />
        <button type="submit" class="button button-primary" safe>
          {`Læg version ${next} op`}
        </button>
      </form>
    </Page>
  );
}
