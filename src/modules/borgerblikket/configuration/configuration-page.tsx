import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { Breadcrumbs } from '../../../platform/views/breadcrumbs.tsx';
import { Checkbox } from '../../../platform/views/choices.tsx';
import { CsrfField, ErrorSummary, Notice, SelectField, TextArea, TextField } from '../../../platform/views/components.tsx';
import { formatNumber } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { filterQuery, SHOWN_OPTION_LABEL, shownOptions, type ConfigurationFilter } from './configuration-rows.ts';
import type { KeptTable } from './kept-table.ts';
import type { MunicipalityRef, PlanNumber } from './load-configuration-view.ts';
import { FIELD_LABEL } from './labels.ts';

export type ConfigurationPageProps = {
  request: FastifyRequest;
  municipality: MunicipalityRef;
  /** The plan's table as rendered (PlanTable), and how many numbers it shows. */
  table: KeptTable;
  mainGroups: readonly PlanNumber[];
  filter: ConfigurationFilter;
  /** Entries on numbers a newer plan expired, waiting for review. */
  expiredEntries: number;
  central: boolean;
  canEdit: boolean;
  notice?: string | undefined;
  errors?: FieldErrors;
  values?: Record<string, unknown>;
};

const BULK_LABELS: Record<string, string> = { kle: 'Valgte numre', shown: FIELD_LABEL.shown, youth: FIELD_LABEL.youth, reason: 'Hvorfor?' };
const BULK_CHOICES = [
  { value: 'uaendret', label: 'Uændret' },
  { value: 'nej', label: 'Nej' },
  { value: 'ja', label: 'Ja' },
  { value: 'arv', label: 'Arv fra niveauet over' },
];

const typed = (values: Record<string, unknown> | undefined, name: string, fallback: string) => {
  const v = values?.[name];
  return typeof v === 'string' ? v : fallback;
};

function FilterForm(p: ConfigurationPageProps): JSX.Element {
  const code = p.municipality.code;
  return (
    <form method="get" action={`/borgerblikket/kommuner/${code}`} aria-label="Filtrér KLE-numrene">
      <div class="samspil-columns">
        <SelectField
          name="hovedgruppe"
          label="Hovedgruppe"
          value={p.filter.mainGroup ?? ''}
          emptyLabel="Alle hovedgrupper"
          options={p.mainGroups.map((g) => ({ value: g.number, label: `${g.number} ${g.title}` }))}
        />
        <SelectField name="vis" label="Vis" value={p.filter.shown} options={shownOptions.map((o) => ({ value: o, label: SHOWN_OPTION_LABEL[o] }))} />
        <TextField name="soeg" label="Søg i nummer og titel" value={p.filter.search} />
      </div>
      <button type="submit" class="button button-secondary">
        Vis
      </button>
    </form>
  );
}

function BulkFields(p: ConfigurationPageProps & { errors: FieldErrors }): JSX.Element {
  const { values, errors } = p;
  return (
    <fieldset>
      <legend class="h3">Ret de valgte numre på én gang</legend>
      <p>
        Sæt kryds ved numrene i tabellen, eller vælg alle viste. Det, der vælges her, sættes på hvert valgt nummer; de øvrige indstillinger på nummeret bevares. Det
        gemmes som én ændring med én begrundelse.
      </p>
      <Checkbox name="alleViste" id="vaelg-alle-viste" label={`Vælg alle viste numre (${formatNumber(p.table.shown)})`} checked={typed(values, 'alleViste', '') === 'on'} error={errors.kle} />
      <input type="hidden" name="filtre" value={filterQuery(p.filter)} />
      <SelectField name="youth" label={FIELD_LABEL.youth} value={typed(values, 'youth', 'nej')} options={BULK_CHOICES} error={errors.youth} />
      <SelectField name="shown" label={FIELD_LABEL.shown} value={typed(values, 'shown', 'uaendret')} options={BULK_CHOICES} error={errors.shown} />
      <TextArea name="reason" label="Hvorfor?" value={typed(values, 'reason', '')} error={errors.reason} rows={2} required hint="Begrundelsen gemmes i kommunens historik" />
      <RequestKeyField value={values?.requestKey} />
      <button type="submit" class="button button-primary">
        Gem for de valgte numre
      </button>
    </fieldset>
  );
}

/** A municipality's KLE configuration: the whole plan with what holds for each number and where from, a filter, and for keepers the bulk change. */
export function ConfigurationPage(p: ConfigurationPageProps): JSX.Element {
  const { municipality: m } = p;
  const errors = p.errors ?? {};
  const title = `${m.name} Kommunes KLE-opsætning`;
  const table = p.table.html as 'safe';
  return (
    <Layout title={title} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="borgerblikket">
      <Breadcrumbs trail={[{ href: '/borgerblikket', label: 'Borgerblikket' }, ...(p.central ? [{ href: '/borgerblikket/kommuner', label: 'Kommunernes KLE-opsætning' }] : [])]} current={title} />
      <h1 safe>{title}</h1>
      <ErrorSummary errors={errors} labels={BULK_LABELS} />
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      <p>
        For hvert KLE-nummer gælder det, der er sat på selve nummeret, ellers det, der er sat på gruppen, ellers på hovedgruppen, ellers standarden: lukket, og åbent
        for 15–17-årige, når nummeret åbnes. Ud for en værdi står «sat her» eller hvilket niveau, den er arvet fra; en værdi uden note er standarden.
      </p>
      <ul class="samspil-inline-list">
        <li>
          <a href={`/borgerblikket/kommuner/${m.code}/historik`}>Historik over ændringer</a>
        </li>
        <li>
          <a href={`/borgerblikket/kommuner/${m.code}/udgaaede`} safe>{`Udgåede numre med indstillinger (${formatNumber(p.expiredEntries)})`}</a>
        </li>
        <li>
          <a href={`/borgerblikket/kommuner/${m.code}/hvad-ser-borgeren`}>Hvad ser borgeren?</a>
        </li>
        <li>
          <a href={`/borgerblikket/kommuner/${m.code}/konsekvens`}>Konsekvens af en ændring for 15–17-årige</a>
        </li>
        <li>
          <a href={`/borgerblikket/kommuner/${m.code}/opsaetning.xlsx`}>Hent opsætningen som XLSX</a>
        </li>
        <li>
          <a href={`/borgerblikket/kommuner/${m.code}/opsaetning/import`}>Indlæs opsætningen fra XLSX</a>
        </li>
      </ul>
      {p.expiredEntries > 0 ? <Notice kind="warning" text={`${p.expiredEntries} indstillinger ligger på KLE-numre, der er udgået af planen. Gennemgå dem.`} /> : ''}
      <h2 id="numre">KLE-numrene</h2>
      <FilterForm {...p} />
      {p.canEdit && p.table.shown > 0 ? (
        <form method="post" action={`/borgerblikket/kommuner/${m.code}/masseaendring`} novalidate aria-labelledby="numre">
          <CsrfField token={p.request.csrfToken} />
          {table}
          <BulkFields {...p} errors={errors} />
        </form>
      ) : (
        table
      )}
    </Layout>
  );
}
