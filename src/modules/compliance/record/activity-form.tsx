import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { CsrfField, ErrorSummary, ErrorText, fieldId, Notice, SelectField, TextArea, TextField } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { Choice, Choices } from '../choices.ts';
import type { ContentActivity } from '../content.ts';
import type { PackageRow } from '../load-package.ts';
import { activityLabels } from './activity-input.ts';
import { activityAnchor, recordUrl } from './record-page.tsx';
import { BASIS_GROUPS, DATA_GROUPS } from './record-parts.tsx';

export type FormValues = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
const many = (v: string | string[] | undefined) => (v === undefined || v === '' ? [] : [v].flat());

/** The form's values of a saved activity. */
export const activityValues = (a: ContentActivity): FormValues => ({
  ref: a.ref,
  name: a.name,
  purpose: a.purpose,
  legalBases: a.legalBases,
  legalBasisNote: a.legalBasisNote,
  dataSubjects: a.dataSubjects,
  personalData: a.personalData,
  recipients: a.recipients,
  thirdCountries: a.thirdCountries,
  transferBasis: a.transferBasis ?? '',
  retention: a.retention ?? '',
  deletion: a.deletion,
});

/** A checkbox whose reference text (a legal basis's wording) is read with it. */
function ChoiceBox({ name, c, checked }: { name: string; c: Choice; checked: boolean }): JSX.Element {
  const id = `${fieldId(name)}-${c.key}`;
  return (
    <div class="form-group-checkbox">
      <input type="checkbox" id={id} name={name} value={c.key} class="form-checkbox" checked={checked} aria-describedby={c.detail ? `${id}-hint` : undefined} />
      <label for={id} class="form-label" safe>
        {c.label}
      </label>
      {c.detail ? (
        <span class="form-hint" id={`${id}-hint`} safe>
          {c.detail}
        </span>
      ) : (
        ''
      )}
    </div>
  );
}

/** Checkboxes of a choice list, under a legend per group when the list has groups. */
function ChoiceGroup(p: {
  name: string;
  legend: string;
  hint?: string;
  list: Choice[];
  groups?: { grp: string; label: string }[];
  values: FormValues;
  errors: FieldErrors;
}): JSX.Element {
  const picked = new Set(many(p.values[p.name]));
  const error = p.errors[p.name];
  const groups = p.groups ?? [{ grp: '', label: '' }];
  return (
    <fieldset class={error ? 'form-group form-error' : 'form-group'} id={fieldId(p.name)}>
      <legend class="form-label">
        <span safe>{p.legend}</span>
        <span class="weight-normal"> (valgfri)</span>
      </legend>
      {p.hint ? (
        <span class="form-hint" safe>
          {p.hint}
        </span>
      ) : (
        ''
      )}
      <ErrorText id={fieldId(p.name)} error={error} />
      {groups.map((g) => {
        const inGroup = p.groups ? p.list.filter((c) => c.grp === g.grp) : p.list;
        if (inGroup.length === 0) return '';
        const boxes = inGroup.map((c) => <ChoiceBox name={p.name} c={c} checked={picked.has(c.key)} />);
        return p.groups ? (
          <fieldset class="mt-4">
            <legend class="h5" safe>
              {g.label}
            </legend>
            {boxes}
          </fieldset>
        ) : (
          <>{boxes}</>
        );
      })}
    </fieldset>
  );
}

/** New or changed processing activity of a draft's Skema 1. */
export function ActivityFormPage(p: {
  request: FastifyRequest;
  pkg: PackageRow;
  choices: Choices;
  activity: ContentActivity | null;
  values: FormValues;
  errors?: FieldErrors | undefined;
}): JSX.Element {
  const { pkg, choices, values: v } = p;
  const e = p.errors ?? {};
  const title = p.activity ? `Ret ${p.activity.ref} ${p.activity.name}` : 'Ny behandlingsaktivitet';
  const action = p.activity ? `${recordUrl(pkg.id)}/${p.activity.id}` : `${recordUrl(pkg.id)}/ny`;
  const option = (c: Choice) => ({ value: c.key, label: c.detail ? `${c.label} – ${c.detail}` : c.label });
  const noBasis = one(v.thirdCountries).trim() !== '' && one(v.transferBasis) === 'none';
  return (
    <Layout title={`${title} – ${pkg.title}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="compliance">
      <p>
        <a href={p.activity ? `${recordUrl(pkg.id)}#${activityAnchor(p.activity)}` : recordUrl(pkg.id)} class="function-link" safe>
          {`${pkg.title}: Skema 1`}
        </a>
      </p>
      <h1 safe>{title}</h1>
      <ErrorSummary errors={e} labels={activityLabels} />
      <form method="post" action={action} novalidate>
        <CsrfField token={p.request.csrfToken} />
        <RequestKeyField value={v.requestKey} />
        <TextField name="ref" label="Nummer" hint="Aktivitetens faste nummer i pakken, fx B4. Det følger aktiviteten fra år til år." value={one(v.ref)} error={e.ref} required />
        <TextField name="name" label="Navn" value={one(v.name)} error={e.name} required />
        <TextArea name="purpose" label="Formål" value={one(v.purpose)} error={e.purpose} rows={3} />
        <ChoiceGroup
          name="legalBases"
          legend="Retsgrundlag"
          hint="Vælg de bestemmelser, behandlingen hviler på. Teksten under hver bestemmelse er dens ordlyd i kort form."
          list={choices['legal-basis']}
          groups={BASIS_GROUPS}
          values={v}
          errors={e}
        />
        <TextArea
          name="legalBasisNote"
          label="National bestemmelse"
          hint="Den særlov eller bestemmelse, der giver hjemmel, fx folkeskoleloven § 46."
          value={one(v.legalBasisNote)}
          error={e.legalBasisNote}
          rows={2}
        />
        <ChoiceGroup
          name="dataSubjects"
          legend="Kategorier af registrerede"
          hint="En kategori, du fjerner her, fjernes også fra kolonne G."
          list={choices['data-subject']}
          values={v}
          errors={e}
        />
        <ChoiceGroup
          name="personalData"
          legend="Kategorier af personoplysninger"
          hint="Hvilke registrerede hver kategori vedrører, angives bagefter i kolonne G. En kategori, du fjerner her, fjernes også fra kolonne G."
          list={choices['personal-data']}
          groups={DATA_GROUPS}
          values={v}
          errors={e}
        />
        <TextArea name="recipients" label="Modtagere" hint="Hvem oplysningerne videregives til." value={one(v.recipients)} error={e.recipients} rows={2} />
        <TextField name="thirdCountries" label="Tredjelande" hint="Lande uden for EU/EØS eller internationale organisationer. Tom: ingen overførsel." value={one(v.thirdCountries)} error={e.thirdCountries} />
        <SelectField
          name="transferBasis"
          label="Overførselsgrundlag (skal vælges, når der er tredjelande)"
          options={choices['transfer-basis'].map(option)}
          emptyLabel="Ikke valgt"
          value={one(v.transferBasis)}
          error={e.transferBasis}
        />
        {noBasis ? <Notice kind="warning" text="Der overføres til tredjelande uden overførselsgrundlag. Det må ikke finde sted; det vises som en advarsel i Skema 1." /> : ''}
        <SelectField name="retention" label="Opbevaring" options={choices.retention.map(option)} emptyLabel="Ikke valgt" value={one(v.retention)} error={e.retention} />
        <TextArea name="deletion" label="Sletning" hint="Hvornår og hvordan oplysningerne slettes." value={one(v.deletion)} error={e.deletion} rows={2} />
        <div class="samspil-actions">
          <button type="submit" class="button button-primary">
            Gem behandlingsaktivitet
          </button>
          <a href={recordUrl(pkg.id)} class="function-link">
            Annullér
          </a>
        </div>
      </form>
    </Layout>
  );
}

/** Asks before deleting: the activity's categories and column G go with it. */
export function DeleteActivityPage(p: { request: FastifyRequest; pkg: PackageRow; activity: ContentActivity }): JSX.Element {
  const { pkg, activity: a } = p;
  const title = `Slet ${a.ref} ${a.name}?`;
  return (
    <Layout title={`${title} – ${pkg.title}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="compliance">
      <p>
        <a href={`${recordUrl(pkg.id)}#${activityAnchor(a)}`} class="function-link" safe>
          {`${pkg.title}: Skema 1`}
        </a>
      </p>
      <h1 safe>{title}</h1>
      <p>Aktiviteten slettes fra pakkens Skema 1 sammen med dens retsgrundlag, kategorier og kolonne G. Det kan ikke fortrydes.</p>
      <form method="post" action={`${recordUrl(pkg.id)}/${a.id}/slet`} class="samspil-actions">
        <CsrfField token={p.request.csrfToken} />
        <button type="submit" class="button button-primary" safe>
          {`Slet ${a.ref}`}
        </button>
        <a href={recordUrl(pkg.id)} class="function-link">
          Behold aktiviteten
        </a>
      </form>
    </Layout>
  );
}
