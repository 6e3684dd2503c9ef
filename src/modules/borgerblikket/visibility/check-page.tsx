import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { Breadcrumbs } from '../../../platform/views/breadcrumbs.tsx';
import { Checkbox } from '../../../platform/views/choices.tsx';
import { ErrorSummary, TextField } from '../../../platform/views/components.tsx';
import { formatDayLong, formatDeadline } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import type { VisibilityCheck } from './check-visibility.ts';
import { SettingsTable } from '../configuration/settings-table.tsx';
import { decidedByText } from './setting-labels.ts';
import { CASE_FLAGS, VISIBILITY_LABELS } from './visibility-input.ts';

export type CheckPageProps = {
  request: FastifyRequest;
  code: string;
  name: string;
  today: string;
  /** The query as sent; empty on the first visit, when the form shows its defaults. */
  values: Record<string, unknown>;
  asked: boolean;
  check?: VisibilityCheck | undefined;
  errors?: FieldErrors | undefined;
  message?: string | undefined;
};


const typed = (values: Record<string, unknown>, name: string, fallback = '') => {
  const v = values[name];
  return typeof v === 'string' ? v : fallback;
};

function Answer(p: { check: VisibilityCheck }): JSX.Element {
  const c = p.check;
  return (
    <section aria-labelledby="svar" data-svar={c.visible ? 'vises' : 'skjult'}>
      <h2 id="svar">{c.visible ? 'Vises: borgeren ser sagen' : 'Skjult: borgeren ser ikke sagen'}</h2>
      <div class={c.visible ? 'alert alert-success' : 'alert alert-warning'} role="status">
        <div class="alert-body">
          <p class="alert-heading" safe>{`${formatDayLong(c.date)}, ${c.municipality.name} Kommune, borgeren er ${c.age} år`}</p>
          <ul class="alert-text" data-grunde>
            {c.reasons.map((r) => (
              <li safe>{r}</li>
            ))}
          </ul>
        </div>
      </div>
      {c.kle.title === null ? (
        <p>
          <strong safe>{`KLE ${c.kle.number} findes ikke i KLE-planen.`}</strong> Svaret bygger på kommunens opsætning af niveauerne over nummeret og standardværdierne.
        </p>
      ) : (
        <p safe>{`KLE ${c.kle.number} ${c.kle.title}${c.kle.expiredOn ? ` (udgået ${formatDeadline(c.kle.expiredOn)})` : ''}`}</p>
      )}
      <p>
        {c.youthActivation
          ? `Visningen for 15–17-årige er aktiveret fra ${formatDayLong(c.youthActivation)}.`
          : 'Visningen for 15–17-årige er ikke aktiveret endnu.'}
      </p>
      <SettingsTable
        caption={`Opsætningen, der gælder for KLE ${c.kle.number}, og hvor den kommer fra`}
        settings={c.settings}
        sourceHeader="Afgjort af"
        source={(f) => decidedByText(c.settings, f, c.kle.number)}
      />
      <p>
        Standard er: ikke vist, vist for 15–17-årige, ingen fradato og alle kildesystemer. <a href={`/borgerblikket/kommuner/${c.municipality.code}`}>Se og ret kommunens KLE-opsætning</a>
      </p>
    </section>
  );
}

/** "Hvad ser borgeren?": a case tried against the municipality's configuration, with every reason. */
export function CheckPage(p: CheckPageProps): JSX.Element {
  const errors = p.errors ?? {};
  const v = p.values;
  const flagChecked = (f: string) => (p.asked ? ['on', 'ja', 'true'].includes(typed(v, f)) : true);
  return (
    <Layout title={`Hvad ser borgeren? – ${p.name} Kommune`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="borgerblikket">
      <Breadcrumbs
        trail={[
          { href: '/borgerblikket', label: 'Borgerblikket' },
          { href: `/borgerblikket/kommuner/${p.code}`, label: `${p.name} Kommunes KLE-opsætning` },
        ]}
        current="Hvad ser borgeren?"
      />
      <h1>Hvad ser borgeren?</h1>
      <p safe>{`Prøv en sag af mod ${p.name} Kommunes KLE-opsætning: svaret siger, om borgeren ser sagen i Mit Overblik på dagen, og hver grund. Der gemmes intet.`}</p>
      <ErrorSummary errors={errors} labels={VISIBILITY_LABELS} />
      <form method="get" action={`/borgerblikket/kommuner/${p.code}/hvad-ser-borgeren`} novalidate>
        <fieldset>
          <legend class="h3">Borgeren</legend>
          <TextField name="citizenAge" label={VISIBILITY_LABELS.citizenAge!} hint="Hele år. Udfyld alder eller fødselsdato." value={typed(v, 'citizenAge')} error={errors.citizenAge} />
          <TextField name="citizenBirthDate" label={VISIBILITY_LABELS.citizenBirthDate!} hint="dd.mm.åååå; alderen regnes på dagen" value={typed(v, 'citizenBirthDate')} error={errors.citizenBirthDate} />
        </fieldset>
        <fieldset>
          <legend class="h3">Sagen</legend>
          <TextField name="kle" label={VISIBILITY_LABELS.kle!} hint="Fx 27.12.04" value={typed(v, 'kle')} error={errors.kle} required />
          <TextField name="sourceSystem" label={VISIBILITY_LABELS.sourceSystem!} hint="Fx KY, SBSYS eller KMD Nova" value={typed(v, 'sourceSystem')} error={errors.sourceSystem} required />
          <TextField name="caseCreated" label={VISIBILITY_LABELS.caseCreated!} hint="dd.mm.åååå" value={typed(v, 'caseCreated')} error={errors.caseCreated} required />
          {CASE_FLAGS.map((f) => (
            <Checkbox name={f} label={VISIBILITY_LABELS[f]!} checked={flagChecked(f)} error={errors[f]} />
          ))}
        </fieldset>
        <TextField name="date" label={VISIBILITY_LABELS.date!} hint="dd.mm.åååå; tom: i dag" value={typed(v, 'date', formatDeadline(p.today))} error={errors.date} />
        <button type="submit" class="button button-primary">
          Vis svaret
        </button>
      </form>
      {p.check ? <Answer check={p.check} /> : ''}
    </Layout>
  );
}
