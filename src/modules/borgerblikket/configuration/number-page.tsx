import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { Breadcrumbs } from '../../../platform/views/breadcrumbs.tsx';
import { CsrfField, ErrorSummary, Notice, SelectField, TextArea, TextField } from '../../../platform/views/components.tsx';
import { formatDeadline } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import type { EffectiveSettings, KleSettings } from '../visibility/effective-entry.ts';
import { describeDifference, FIELD_LABEL, formatSetting, sourceOf, BOOLEAN_FIELDS, type SettingField } from './labels.ts';
import type { MunicipalityRef, PlanNumber } from './load-configuration-view.ts';
import { NUMBER_HISTORY_LIMIT, type NumberChange } from './load-history.ts';
import { ChangeCells, ChangeTable } from './change-table.tsx';
import { SettingsTable } from './settings-table.tsx';
import { entryVersion } from '../settings-input.ts';

export type NumberPageProps = {
  request: FastifyRequest;
  municipality: MunicipalityRef;
  number: PlanNumber;
  entry: Partial<KleSettings> | null;
  effective: EffectiveSettings;
  /** What the number would have with no entry of its own: what "arv" gives. */
  inherited: EffectiveSettings;
  history: NumberChange[];
  canEdit: boolean;
  /** The Danish year today: a from-date may be no later than its last day. */
  year: string;
  notice?: string | undefined;
  errors?: FieldErrors;
  values?: Record<string, unknown>;
};

const LABELS: Record<string, string> = { ...FIELD_LABEL, reason: 'Hvorfor?', settings: 'Indstilling', grundlag: 'Ændret imens' };

/** "Arv: Ja (fra 27.12)" / "Arv: Nej (standard)": what the number gets when the field is not set on it. */
function inheritText(p: NumberPageProps, f: SettingField): string {
  const by = p.inherited.decidedBy[f];
  return `Arv: ${formatSetting(f, p.inherited[f] as never)} (${by === null ? 'standard' : `fra ${by}`})`;
}

function typed(values: Record<string, unknown> | undefined, name: string, stored: string): string {
  const v = values?.[name];
  return typeof v === 'string' ? v : stored;
}

function EditForm(p: NumberPageProps & { errors: FieldErrors }): JSX.Element {
  const { entry, values, errors } = p;
  const code = p.municipality.code;
  const fromDate = entry?.fromDate;
  const sources = entry?.sourceSystems;
  return (
    <form method="post" action={`/borgerblikket/kommuner/${code}/kle/${p.number.number}`} novalidate>
      <CsrfField token={p.request.csrfToken} />
      <RequestKeyField value={values?.requestKey} />
      {/* The entry as this form shows it: a save over a change made meanwhile is refused. Kept from the first showing across a refused submit. */}
      <input type="hidden" name="grundlag" value={typed(values, 'grundlag', entryVersion(p.entry))} />
      <p>Vælg for hvert felt, om nummeret arver fra niveauet over, eller om værdien sættes her.</p>
      {BOOLEAN_FIELDS.map((f) => (
        <SelectField
          name={f}
          label={FIELD_LABEL[f]}
          value={typed(values, f, entry?.[f] === undefined ? 'arv' : entry[f] ? 'ja' : 'nej')}
          options={[
            { value: 'arv', label: inheritText(p, f) },
            { value: 'ja', label: 'Ja' },
            { value: 'nej', label: 'Nej' },
          ]}
          error={errors[f]}
        />
      ))}
      <SelectField
        name="fromDateMode"
        label={FIELD_LABEL.fromDate}
        value={typed(values, 'fromDateMode', fromDate === undefined ? 'arv' : 'sat')}
        options={[
          { value: 'arv', label: inheritText(p, 'fromDate') },
          { value: 'sat', label: 'Sæt her (datoen nedenfor)' },
        ]}
        error={errors.fromDate}
      />
      <TextField
        name="fromDate"
        label="Fradato, når den sættes her"
        hint={`Som dd.mm.åååå, højst 31.12.${p.year}; tom: ingen fradato`}
        value={typed(values, 'fromDate', fromDate ? formatDeadline(fromDate) : '')}
      />
      <SelectField
        name="sourceSystemsMode"
        label={FIELD_LABEL.sourceSystems}
        value={typed(values, 'sourceSystemsMode', sources === undefined ? 'arv' : 'sat')}
        options={[
          { value: 'arv', label: inheritText(p, 'sourceSystems') },
          { value: 'sat', label: 'Sæt her (listen nedenfor)' },
        ]}
        error={errors.sourceSystems}
      />
      <TextField
        name="sourceSystems"
        label="Kildesystemer, når de sættes her"
        hint="Adskilt med komma, fx KMD Nova, SBSYS; tom: alle kildesystemer"
        value={typed(values, 'sourceSystems', sources ? sources.join(', ') : '')}
      />
      <TextArea name="reason" label="Hvorfor?" value={typed(values, 'reason', '')} error={errors.reason} rows={3} required hint="Begrundelsen gemmes i historikken sammen med dit navn og tidspunktet" />
      <button type="submit" class="button button-primary">
        Gem indstillingen
      </button>
    </form>
  );
}

function Current(p: NumberPageProps): JSX.Element {
  return <SettingsTable caption="Det, der gælder for nummeret nu" settings={p.effective} sourceHeader="Kommer fra" source={(f) => sourceOf(p.effective, f, p.number.number)} />;
}

function History(p: { history: NumberChange[] }): JSX.Element {
  if (p.history.length === 0) return <p>Nummeret er ikke ændret endnu.</p>;
  return (
    <ChangeTable caption={p.history.length === NUMBER_HISTORY_LIMIT ? `De seneste ${NUMBER_HISTORY_LIMIT} ændringer` : 'Ændringerne, nyeste først'}>
      {p.history.map((h) => (
        <tr>
          <ChangeCells c={h} />
          <td>
            <ul class="nobullet-list">
              {describeDifference(h.before, h.after).map((d) => (
                <li safe>{d}</li>
              ))}
            </ul>
          </td>
        </tr>
      ))}
    </ChangeTable>
  );
}

/** One KLE number in a municipality: what holds and where from, the edit form for keepers, and the number's history. */
export function NumberPage(p: NumberPageProps): JSX.Element {
  const { municipality: m, number: n } = p;
  const title = `KLE ${n.number} ${n.title}`;
  return (
    <Layout title={`${title} – ${m.name}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="borgerblikket">
      <Breadcrumbs
        trail={[
          { href: '/borgerblikket', label: 'Borgerblikket' },
          { href: `/borgerblikket/kommuner/${m.code}`, label: `${m.name} Kommunes KLE-opsætning` },
        ]}
        current={`KLE ${n.number}`}
      />
      <h1 safe>{title}</h1>
      <ErrorSummary errors={p.errors ?? {}} labels={LABELS} />
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      {n.expiredOn ? <Notice kind="warning" text={`Nummeret er udgået ${formatDeadline(n.expiredOn)}${n.expiredNote ? ` (${n.expiredNote})` : ''}.`} /> : ''}
      <Current {...p} />
      {p.canEdit ? (
        <>
          <h2 safe>{`Ret indstillingen i ${m.name}`}</h2>
          <EditForm {...p} errors={p.errors ?? {}} />
        </>
      ) : (
        ''
      )}
      <h2>Historik for nummeret</h2>
      <History history={p.history} />
    </Layout>
  );
}
