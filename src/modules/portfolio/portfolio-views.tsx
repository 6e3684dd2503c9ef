import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../platform/errors.ts';
import { CsrfField, ErrorSummary, Notice, SelectField, TextField } from '../../platform/views/components.tsx';
import { formatDeadline } from '../../platform/views/format.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { MUNICIPAL_STATUS_LABELS, TYPE_LABELS } from '../agreements/index.ts';
import { TASK_STATUS_DA } from '../tasks/index.ts';
import {
  outstandingText,
  PHASE_LABELS,
  phaseOptions,
  signedText,
  type PortfolioAgreement,
  type PortfolioFilters,
  type PortfolioSolution,
  type PortfolioTask,
} from './portfolio-queries.ts';
import { PRODUCT_MANAGER_MAX } from './update-solution.ts';

/**
 * Open tasks shown per solution, nearest deadline first. A reform can have hundreds; listing them
 * all made the page half a megabyte (bench: 2,000 tasks). The spreadsheet and the API list every one.
 */
export const TASKS_SHOWN = 5;

export const PORTFOLIO_NOTICES: Record<string, string> = {
  gemt: 'Løsningen er gemt.',
  uaendret: 'Der var ingen ændringer at gemme.',
};

/** The page's filters as a query string, for the export link. */
export function filterQuery(f: PortfolioFilters): string {
  const params = new URLSearchParams();
  if (f.k98 !== null) params.set('k98', f.k98 ? 'ja' : 'nej');
  if (f.phase) params.set('fase', f.phase);
  const s = params.toString();
  return s ? `?${s}` : '';
}

function Filters(p: { filters: PortfolioFilters }) {
  const f = p.filters;
  const k98 = f.k98 === null ? '' : f.k98 ? 'ja' : 'nej';
  return (
    <form method="get" action="/portefoelje" class="samspil-actions" aria-label="Filtrér porteføljen">
      <SelectField
        name="k98"
        label="Omfattet af K98-aftalen"
        value={k98}
        emptyLabel="Alle"
        options={[
          { value: 'ja', label: 'Ja' },
          { value: 'nej', label: 'Nej' },
        ]}
      />
      <SelectField name="fase" label="Fase" value={f.phase ?? ''} emptyLabel="Alle faser" options={phaseOptions} />
      <button type="submit" class="button button-secondary">
        Filtrér
      </button>
      {f.k98 !== null || f.phase ? (
        <a href="/portefoelje" class="function-link">
          Nulstil
        </a>
      ) : (
        ''
      )}
    </form>
  );
}

function AgreementItem(p: { a: PortfolioAgreement; central: boolean }) {
  const a = p.a;
  // A municipality opens only agreements sent to it; the others exist for it here as numbers.
  const linked = p.central || a.addressesActor;
  return (
    <li data-aftale={a.id}>
      {linked ? (
        <a href={`/aftaler/${a.id}`} safe>
          {a.title}
        </a>
      ) : (
        <span safe>{a.title}</span>
      )}
      <br />
      <span class="text-muted" safe>{`${TYPE_LABELS[a.type]} · ${signedText(a.counts)} · ${outstandingText(a.counts)}`}</span>
      {a.ownStatus ? (
        <>
          <br />
          <span safe>{`Din kommune: ${MUNICIPAL_STATUS_LABELS[a.ownStatus]}`}</span>
        </>
      ) : (
        ''
      )}
    </li>
  );
}

function TaskItem(p: { t: PortfolioTask; central: boolean }) {
  const t = p.t;
  const meta = `${TASK_STATUS_DA[t.status]}, frist ${formatDeadline(t.deadline)}`;
  return (
    <li data-opgave={t.id}>
      {p.central ? (
        <a href={`/opgaver/${t.id}/overblik`} safe>
          {t.code}
        </a>
      ) : (
        <span safe>{t.code}</span>
      )}{' '}
      <span safe>{t.title}</span>
      <br />
      <span class="text-muted" safe>
        {meta}
      </span>
    </li>
  );
}

const taskCountText = (n: number) => (n === 0 ? 'Ingen åbne opgaver' : n === 1 ? '1 åben opgave' : `${n} åbne opgaver`);

export function PortfolioPage(p: {
  request: FastifyRequest;
  solutions: PortfolioSolution[];
  filters: PortfolioFilters;
  central: boolean;
  canEdit: boolean;
  notice?: string | undefined;
}): JSX.Element {
  return (
    <Layout title="Porteføljeoversigt" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="portefoelje">
      <h1>Porteføljeoversigt</h1>
      <p class="font-lead">Fællesskabets it-løsninger: fase, ansvarlig produktchef, aftaler og åbne opgaver.</p>
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      {p.central ? (
        ''
      ) : (
        <p>Tallene for aftalerne dækker alle kommuner, aftalen er sendt til. Din kommunes egen status står under hver aftale.</p>
      )}
      <Filters filters={p.filters} />
      <p>
        <a href={`/portefoelje.xlsx${filterQuery(p.filters)}`} class="function-link">
          Hent porteføljen som Excel-ark
        </a>
      </p>
      {p.solutions.length === 0 ? (
        <p>Ingen løsninger passer til filtrene.</p>
      ) : (
        <div class="table--responsive-scroll">
          <table class="table table--zebra table--compact">
            <caption safe>{`Løsninger (${p.solutions.length})`}</caption>
            <thead>
              <tr>
                <th scope="col">Løsning</th>
                <th scope="col">Omfattet af K98-aftalen</th>
                <th scope="col">Fase</th>
                <th scope="col">Produktchef</th>
                <th scope="col">Aftaler</th>
                <th scope="col">Åbne opgaver</th>
                {p.canEdit ? <th scope="col">Handling</th> : ''}
              </tr>
            </thead>
            <tbody>
              {p.solutions.map((s) => (
                <tr data-loesning={s.key}>
                  <th scope="row" safe>
                    {s.name}
                  </th>
                  <td data-k98={s.k98 ? 'ja' : 'nej'}>{s.k98 ? 'Ja' : 'Nej'}</td>
                  <td data-fase={s.phase} safe>
                    {PHASE_LABELS[s.phase]}
                  </td>
                  <td>{s.productManager ? <span safe>{s.productManager}</span> : <span class="text-muted">Ikke angivet</span>}</td>
                  <td>
                    {s.agreements.length === 0 ? (
                      <span class="text-muted">Ingen aftaler</span>
                    ) : (
                      <ul class="nobullet-list">
                        {s.agreements.map((a) => (
                          <AgreementItem a={a} central={p.central} />
                        ))}
                      </ul>
                    )}
                  </td>
                  <td data-aabne-opgaver={String(s.openTaskCount)}>
                    <span safe>{taskCountText(s.openTaskCount)}</span>
                    {s.openTasks.length > 0 ? (
                      <ul class="nobullet-list">
                        {s.openTasks.slice(0, TASKS_SHOWN).map((t) => (
                          <TaskItem t={t} central={p.central} />
                        ))}
                        {s.openTaskCount > TASKS_SHOWN ? <li safe>{`… og ${s.openTaskCount - TASKS_SHOWN} flere (se regnearket)`}</li> : ''}
                      </ul>
                    ) : (
                      ''
                    )}
                  </td>
                  {p.canEdit ? (
                    <td>
                      <a href={`/portefoelje/${encodeURIComponent(s.key)}`} class="function-link">
                        Redigér<span class="sr-only" safe>{` ${s.name}`}</span>
                      </a>
                    </td>
                  ) : (
                    ''
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export type SolutionFormValues = { phase?: unknown; productManager?: unknown };

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function EditSolutionPage(p: {
  request: FastifyRequest;
  solution: PortfolioSolution;
  values?: SolutionFormValues | undefined;
  errors?: FieldErrors | undefined;
}): JSX.Element {
  const s = p.solution;
  const e = p.errors ?? {};
  const v = p.values ?? { phase: s.phase, productManager: s.productManager ?? '' };
  return (
    <Layout title={`Redigér ${s.name}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="portefoelje">
      <p>
        <a href="/portefoelje" class="function-link">
          Tilbage til porteføljen
        </a>
      </p>
      <h1 safe>{`Redigér ${s.name}`}</h1>
      <p class="font-lead" safe>
        {s.k98 ? `${s.name} er omfattet af K98-aftalen.` : `${s.name} er ikke omfattet af K98-aftalen.`}
      </p>
      <ErrorSummary errors={e} labels={{ phase: 'Fase', productManager: 'Produktchef' }} />
      <form method="post" action={`/portefoelje/${encodeURIComponent(s.key)}`} novalidate>
        <CsrfField token={p.request.csrfToken} />
        <SelectField name="phase" label="Fase" value={str(v.phase)} options={phaseOptions} error={e.phase} />
        <TextField
          name="productManager"
          label="Ansvarlig produktchef"
          hint={`Navnet, som det skal stå i porteføljen (højst ${PRODUCT_MANAGER_MAX} tegn). Tomt felt: ikke angivet.`}
          value={str(v.productManager)}
          error={e.productManager}
        />
        <button type="submit" class="button button-primary">
          Gem
        </button>
      </form>
    </Layout>
  );
}
