import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { Radio } from '../../../platform/views/choices.tsx';
import { CsrfField, ErrorSummary, ErrorText, fieldId, TextArea, TextField } from '../../../platform/views/components.tsx';
import { formatDeadline } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import type { ContentRisk } from '../content.ts';
import type { PackageRow } from '../load-package.ts';
import type { RiskAxisLevel, RiskScale } from '../risk-scales.ts';
import { riskTreatments } from '../schema.ts';
import { TREATMENT_DA, TREATMENT_HINT } from './labels.ts';
import { BLANK_MEASURE_ROWS, type FormBody, MAX_MEASURES, measureRowsOf, riskFieldLabel, RISK_FIELD_LABELS } from './risk-input.ts';

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

/** A risk's values as the form's fields, with blank measure rows after its own. */
export function formValuesOf(risk: ContentRisk): FormBody {
  const v: FormBody = {
    ref: risk.ref,
    threat: risk.threat,
    impact: risk.impact,
    likelihood: String(risk.likelihood),
    consequence: String(risk.consequence),
    existingMeasures: risk.existingMeasures,
    residualLikelihood: String(risk.residualLikelihood),
    residualConsequence: String(risk.residualConsequence),
    treatment: risk.treatment,
    rationale: risk.rationale,
    measureRows: String(Math.min(MAX_MEASURES, risk.measures.length + BLANK_MEASURE_ROWS)),
  };
  risk.measures.forEach((m, i) => {
    v[`measures.${i}.description`] = m.description;
    v[`measures.${i}.owner`] = m.owner;
    v[`measures.${i}.deadline`] = m.deadline ? formatDeadline(m.deadline) : '';
  });
  return v;
}

/**
 * A radio group for one axis of the scale, each level with its definition under it: the issue's
 * "each level's definition is shown where it is chosen".
 */
function AxisRadios(p: { name: string; legend: string; hint: string; axis: RiskAxisLevel[]; value: string; error: string | undefined }): JSX.Element {
  const id = fieldId(p.name);
  return (
    <fieldset class={p.error ? 'form-group form-error' : 'form-group'} aria-describedby={`${id}-legend-hint`} data-axis={p.name}>
      <legend class="form-label" safe>
        {p.legend}
      </legend>
      <span class="form-hint" id={`${id}-legend-hint`} safe>
        {p.hint}
      </span>
      <ErrorText id={id} error={p.error} />
      {p.axis.map((l, i) => (
        <Radio name={p.name} value={String(l.value)} id={i === 0 ? id : `${id}-${l.value}`} label={`${l.value} ${l.label}`} hint={l.definition} checked={p.value === String(l.value)} />
      ))}
    </fieldset>
  );
}

function MeasureRow(p: { i: number; values: FormBody; errors: FieldErrors }): JSX.Element {
  const name = (f: string) => `measures.${p.i}.${f}`;
  return (
    <fieldset class="samspil-step" data-measure-row={String(p.i)}>
      <legend class="h4" safe>{`Planlagt foranstaltning ${p.i + 1}`}</legend>
      <TextField name={name('description')} label="Foranstaltning" value={one(p.values[name('description')])} error={p.errors[name('description')]} required />
      <TextField name={name('owner')} label="Ejer" hint="Hvem sørger for, at den bliver gennemført, fx KOMBIT eller leverandøren." value={one(p.values[name('owner')])} error={p.errors[name('owner')]} />
      <TextField name={name('deadline')} label="Frist" hint="Fx 31.12.2026" value={one(p.values[name('deadline')])} error={p.errors[name('deadline')]} autocomplete="off" />
    </fieldset>
  );
}

export function RiskFormPage(p: {
  request: FastifyRequest;
  pkg: PackageRow;
  scale: RiskScale;
  /** null: a new risk */
  risk: ContentRisk | null;
  values: FormBody;
  errors?: FieldErrors;
}): JSX.Element {
  const e = p.errors ?? {};
  const v = p.values;
  const base = `/compliance/pakker/${p.pkg.id}/risici`;
  const action = p.risk ? `${base}/${p.risk.id}/rediger` : `${base}/ny`;
  const title = p.risk ? `Ret risiko ${p.risk.ref}` : 'Ny risiko';
  const rows = measureRowsOf(v);
  const labels = Object.fromEntries(Object.keys(e).map((k) => [k, riskFieldLabel(k)]));
  return (
    <Layout title={`${title} – ${p.pkg.title}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="compliance">
      <p>
        <a href={p.risk ? `${base}/${p.risk.id}` : base} class="function-link">
          {p.risk ? 'Tilbage til risikoen' : 'Tilbage til risiciene'}
        </a>
      </p>
      <p class="samspil-package-title" safe>
        {p.pkg.title}
      </p>
      <h1 safe>{title}</h1>
      <p>
        Sandsynlighed og konsekvens vurderes på <a href="/compliance/risikoskalaer" safe>{p.scale.name}</a>; risikoniveauet aflæses i matricen. Advarsler om
        vurderingen vises, når risikoen er gemt – de forhindrer ikke at gemme.
      </p>
      <ErrorSummary errors={e} labels={labels} />
      <form method="post" action={action} novalidate>
        <CsrfField token={p.request.csrfToken} />
        <RequestKeyField value={v.requestKey} />
        <input type="hidden" name="measureRows" value={String(rows)} />
        <h2>Risikoen</h2>
        <TextField name="ref" label={RISK_FIELD_LABELS.ref!} hint="Fx R3. Nummeret følger risikoen fra år til år." value={one(v.ref)} error={e.ref} autocomplete="off" required />
        <TextArea name="threat" label={RISK_FIELD_LABELS.threat!} value={one(v.threat)} error={e.threat} rows={4} required />
        <TextArea name="impact" label={RISK_FIELD_LABELS.impact!} hint="Hvad betyder det for borgerne eller medarbejderne, hvis det sker?" value={one(v.impact)} error={e.impact} rows={3} />
        <h2>Vurdering før foranstaltninger</h2>
        <AxisRadios name="likelihood" legend="Sandsynlighed" hint="Hvor sandsynligt er det, at hændelsen indtræffer?" axis={p.scale.likelihoods} value={one(v.likelihood)} error={e.likelihood} />
        <AxisRadios
          name="consequence"
          legend="Konsekvens for de registrerede"
          hint="Hvor alvorligt er det for de registrerede, hvis den indtræffer?"
          axis={p.scale.consequences}
          value={one(v.consequence)}
          error={e.consequence}
        />
        <h2>Foranstaltninger</h2>
        <TextArea name="existingMeasures" label={RISK_FIELD_LABELS.existingMeasures!} value={one(v.existingMeasures)} error={e.existingMeasures} rows={4} />
        <h3>Planlagte foranstaltninger</h3>
        <p class="form-hint">Tomme rækker gemmes ikke. En foranstaltning uden ejer eller frist kan gemmes, men giver en advarsel.</p>
        <ErrorText id={fieldId('measures')} error={e.measures} />
        {Array.from({ length: rows }, (_, i) => (
          <MeasureRow i={i} values={v} errors={e} />
        ))}
        <h2>Vurdering efter foranstaltninger</h2>
        <AxisRadios
          name="residualLikelihood"
          legend="Sandsynlighed efter foranstaltningerne"
          hint="Når de eksisterende og planlagte foranstaltninger virker."
          axis={p.scale.likelihoods}
          value={one(v.residualLikelihood)}
          error={e.residualLikelihood}
        />
        <AxisRadios
          name="residualConsequence"
          legend="Konsekvens efter foranstaltningerne"
          hint="Når de eksisterende og planlagte foranstaltninger virker."
          axis={p.scale.consequences}
          value={one(v.residualConsequence)}
          error={e.residualConsequence}
        />
        <h2>Håndtering</h2>
        <fieldset class={e.treatment ? 'form-group form-error' : 'form-group'}>
          <legend class="form-label">Håndtering af risikoen</legend>
          <ErrorText id={fieldId('treatment')} error={e.treatment} />
          {riskTreatments.map((t, i) => (
            <Radio name="treatment" value={t} id={i === 0 ? fieldId('treatment') : `${fieldId('treatment')}-${t}`} label={TREATMENT_DA[t]} hint={TREATMENT_HINT[t]} checked={one(v.treatment) === t} />
          ))}
        </fieldset>
        <TextArea name="rationale" label={RISK_FIELD_LABELS.rationale!} hint="Skal udfyldes, når risikoen accepteres." value={one(v.rationale)} error={e.rationale} rows={3} />
        <button type="submit" class="button button-primary">
          Gem risikoen
        </button>
      </form>
    </Layout>
  );
}

export function DeleteRiskPage(p: { request: FastifyRequest; pkg: PackageRow; risk: ContentRisk }): JSX.Element {
  const base = `/compliance/pakker/${p.pkg.id}/risici`;
  return (
    <Layout title={`Slet risiko ${p.risk.ref} – ${p.pkg.title}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="compliance">
      <p class="samspil-package-title" safe>
        {p.pkg.title}
      </p>
      <h1 safe>{`Slet risiko ${p.risk.ref}?`}</h1>
      <p safe>{`»${p.risk.threat}«`}</p>
      <p safe>{`Risikoen og dens ${p.risk.measures.length === 1 ? 'ene planlagte foranstaltning' : `${p.risk.measures.length} planlagte foranstaltninger`} slettes fra kladden. Det kan ikke fortrydes.`}</p>
      <form method="post" action={`${base}/${p.risk.id}/slet`}>
        <CsrfField token={p.request.csrfToken} />
        <RequestKeyField />
        <button type="submit" class="button button-primary">
          Slet risikoen
        </button>{' '}
        <a href={`${base}/${p.risk.id}`} class="button button-secondary">
          Fortryd
        </a>
      </form>
    </Layout>
  );
}
