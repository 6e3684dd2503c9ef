import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { Breadcrumbs } from '../../../platform/views/breadcrumbs.tsx';
import { Checkbox, Radio } from '../../../platform/views/choices.tsx';
import { CsrfField, ErrorSummary, ErrorText, fieldId, Notice, SelectField, TextField } from '../../../platform/views/components.tsx';
import { formatDateTime, formatDeadline } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import { archiveKinds, archiveStates, esdhSystems, integrationStates } from '../schema.ts';
import { ARCHIVE_KIND_LABEL, ARCHIVE_STATE_LABEL, ESDH_LABEL, INTEGRATION_LABEL, READINESS_LABEL, VENDOR_IN_TEST_LABEL, VENDOR_IN_TEST_VALUE } from './labels.ts';
import { HISTORY_LIMIT, type AulaMunicipalityView, type ReadinessEvent } from './load-municipality.ts';
import { MAX_NOTE } from './municipality-input.ts';

export type MunicipalityPageProps = {
  request: FastifyRequest;
  m: AulaMunicipalityView;
  history: ReadinessEvent[];
  /** The rule versions, newest first: a readiness confirmation names the one it was given for. */
  ruleSets: readonly { id: string; name: string }[];
  canEdit: boolean;
  notice?: string | undefined;
  errors?: FieldErrors;
  message?: string;
  /** What was typed into the refused form, shown again as typed. */
  values?: Record<string, unknown>;
};

const LABELS: Record<string, string> = {
  esdhSystem: 'ESDH-system',
  esdhOther: 'Navn på ESDH-systemet',
  vendorInTest: 'Leverandøren deltager i end-to-end-testen',
  integrationState: 'Integrationens status',
  archiveKind: 'Arkiv',
  archiveName: 'Navn på § 7-arkivet',
  archivePlannedOn: 'Planlagt aflevering',
  archiveState: 'Afleveringens status',
  categories: 'Kategorier',
  item: 'Punkt',
  done: 'Status',
  note: 'Bemærkning',
};

function typed(values: Record<string, unknown> | undefined, name: string, stored: string): string {
  const v = values?.[name];
  return typeof v === 'string' ? v : stored;
}

/** A description list of stored values, for those who read but do not keep the registration. */
function Facts(p: { rows: [string, string][] }): JSX.Element {
  return (
    <dl>
      {p.rows.map(([k, v]) => (
        <>
          <dt safe>{k}</dt>
          <dd safe>{v}</dd>
        </>
      ))}
    </dl>
  );
}

function EsdhSection(p: MunicipalityPageProps & { errors: FieldErrors }): JSX.Element {
  const { m, errors, values } = p;
  const system = m.esdh.system === 'andet' ? `Andet: ${m.esdh.other ?? ''}` : m.esdh.system ? ESDH_LABEL[m.esdh.system] : 'Ikke oplyst';
  return (
    <section aria-labelledby="esdh">
      <h2 id="esdh">ESDH og integration</h2>
      {p.canEdit ? (
        <form method="post" action={`/aula/kommuner/${m.code}/esdh`} novalidate>
          <CsrfField token={p.request.csrfToken} />
          <SelectField
            name="esdhSystem"
            label={LABELS.esdhSystem!}
            value={typed(values, 'esdhSystem', m.esdh.system ?? '')}
            options={esdhSystems.map((s) => ({ value: s, label: ESDH_LABEL[s] }))}
            emptyLabel="Ikke oplyst"
            error={errors.esdhSystem}
          />
          <TextField name="esdhOther" label={LABELS.esdhOther!} hint="Skal udfyldes, når systemet er Andet" value={typed(values, 'esdhOther', m.esdh.other ?? '')} error={errors.esdhOther} />
          <fieldset class={errors.vendorInTest ? 'form-group form-error' : 'form-group'} id={fieldId('vendorInTest')}>
            <legend class="form-label">Deltager leverandøren i end-to-end-testen?</legend>
            <ErrorText id={fieldId('vendorInTest')} error={errors.vendorInTest} />
            {(['ja', 'nej', 'ved-ikke'] as const).map((v) => (
              <Radio
                name="vendorInTest"
                value={v}
                id={`leverandoer-${v}`}
                label={v === 'ja' ? 'Ja' : v === 'nej' ? 'Nej' : 'Ved ikke'}
                checked={typed(values, 'vendorInTest', VENDOR_IN_TEST_VALUE(m.esdh.vendorInTest)) === v}
              />
            ))}
          </fieldset>
          <SelectField
            name="integrationState"
            label={LABELS.integrationState!}
            value={typed(values, 'integrationState', m.integrationState)}
            options={integrationStates.map((s) => ({ value: s, label: INTEGRATION_LABEL[s] }))}
            error={errors.integrationState}
          />
          <button type="submit" class="button button-primary">
            Gem ESDH og integration
          </button>
        </form>
      ) : (
        <Facts
          rows={[
            [LABELS.esdhSystem!, system],
            [LABELS.vendorInTest!, VENDOR_IN_TEST_LABEL(m.esdh.vendorInTest)],
            [LABELS.integrationState!, INTEGRATION_LABEL[m.integrationState]],
          ]}
        />
      )}
    </section>
  );
}

function ArchiveSection(p: MunicipalityPageProps & { errors: FieldErrors }): JSX.Element {
  const { m, errors, values } = p;
  const kind = m.archive.kind === 'paragraf7' ? `§ 7-arkiv: ${m.archive.name ?? ''}` : m.archive.kind ? ARCHIVE_KIND_LABEL[m.archive.kind] : 'Ikke oplyst';
  return (
    <section aria-labelledby="arkiv">
      <h2 id="arkiv">Arkivering</h2>
      {p.canEdit ? (
        <form method="post" action={`/aula/kommuner/${m.code}/arkiv`} novalidate>
          <CsrfField token={p.request.csrfToken} />
          <SelectField
            name="archiveKind"
            label={LABELS.archiveKind!}
            value={typed(values, 'archiveKind', m.archive.kind ?? '')}
            options={archiveKinds.map((s) => ({ value: s, label: ARCHIVE_KIND_LABEL[s] }))}
            emptyLabel="Ikke oplyst"
            error={errors.archiveKind}
          />
          <TextField name="archiveName" label={LABELS.archiveName!} hint="Skal udfyldes, når arkivet er et § 7-arkiv" value={typed(values, 'archiveName', m.archive.name ?? '')} error={errors.archiveName} />
          <TextField
            name="archivePlannedOn"
            label={LABELS.archivePlannedOn!}
            hint="Dato som dd.mm.åååå, fx 01.03.2026"
            value={typed(values, 'archivePlannedOn', m.archive.plannedOn ? formatDeadline(m.archive.plannedOn) : '')}
            error={errors.archivePlannedOn}
          />
          <SelectField
            name="archiveState"
            label={LABELS.archiveState!}
            value={typed(values, 'archiveState', m.archive.state)}
            options={archiveStates.map((s) => ({ value: s, label: ARCHIVE_STATE_LABEL[s] }))}
            error={errors.archiveState}
          />
          <button type="submit" class="button button-primary">
            Gem arkivering
          </button>
        </form>
      ) : (
        <Facts
          rows={[
            [LABELS.archiveKind!, kind],
            [LABELS.archivePlannedOn!, m.archive.plannedOn ? formatDeadline(m.archive.plannedOn) : 'Ikke oplyst'],
            [LABELS.archiveState!, ARCHIVE_STATE_LABEL[m.archive.state]],
          ]}
        />
      )}
    </section>
  );
}

function CategoriesSection(p: MunicipalityPageProps & { errors: FieldErrors }): JSX.Element {
  const { m, errors } = p;
  const label = (c: { name: string; isDefault: boolean }) => (c.isDefault ? `${c.name} (standard)` : c.name);
  const sent = p.values && 'categories' in p.values ? new Set([p.values.categories].flat().map(String)) : null;
  return (
    <section aria-labelledby="kategorier">
      <h2 id="kategorier">Kategorier til journalisering</h2>
      <p>De kategorier af sikre filer, kommunen journaliserer i sit ESDH-system før sletning. Kategorier mærket «standard» er relevante, indtil kommunen vælger andet.</p>
      {p.canEdit ? (
        <form method="post" action={`/aula/kommuner/${m.code}/kategorier`} novalidate>
          <CsrfField token={p.request.csrfToken} />
          <fieldset class={errors.categories ? 'form-group form-error' : 'form-group'} id={fieldId('categories')}>
            <legend class="form-label">Relevante kategorier</legend>
            <ErrorText id={fieldId('categories')} error={errors.categories} />
            {m.relevantCategories.map((c) => (
              <Checkbox name="categories" value={c.key} id={`kategori-${c.key}`} label={label(c)} checked={sent ? sent.has(c.key) : c.relevant} />
            ))}
          </fieldset>
          <button type="submit" class="button button-primary">
            Gem kategorier
          </button>
        </form>
      ) : (
        <ResponsiveTable>
          <table class="table table--compact">
            <caption class="sr-only">Kategorier til journalisering</caption>
            <thead>
              <tr>
                <th scope="col">Kategori</th>
                <th scope="col">Relevant</th>
              </tr>
            </thead>
            <tbody>
              {m.relevantCategories.map((c) => (
                <tr>
                  <th scope="row" safe>
                    {label(c)}
                  </th>
                  <td>{c.relevant ? 'Ja' : 'Nej'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ResponsiveTable>
      )}
    </section>
  );
}

/**
 * A confirmation of readiness for the deletion rules holds for the version it named: when a newer
 * version has come, the municipality is asked to confirm again (the overview counts it as not ready).
 */
/** Confirmed for the deletion rules, but for an earlier version than the newest. */
const confirmAgain = (r: { item: string; done: boolean; ruleSetId: string | null }, sets: readonly { id: string }[]): boolean =>
  r.item === 'klar_til_sletteregler' && r.done && r.ruleSetId !== null && sets[0] !== undefined && r.ruleSetId !== sets[0].id;

function readinessStatus(r: { item: string; done: boolean; ruleSetId: string | null }, sets: readonly { id: string; name: string }[]): string {
  if (!r.done) return 'Ikke klaret';
  const newest = sets[0];
  if (r.item !== 'klar_til_sletteregler' || r.ruleSetId === null || !newest) return 'Klaret';
  if (!confirmAgain(r, sets)) return `Klaret for «${newest.name}»`;
  const confirmed = sets.find((s) => s.id === r.ruleSetId);
  return `Klaret for «${confirmed?.name ?? 'en tidligere version'}» – bekræft igen for «${newest.name}»`;
}

function ReadinessSection(p: MunicipalityPageProps & { errors: FieldErrors }): JSX.Element {
  const { m, errors } = p;
  const sentItem = typeof p.values?.item === 'string' ? p.values.item : null;
  return (
    <section aria-labelledby="parathed">
      <h2 id="parathed">Parathed</h2>
      <ResponsiveTable>
        <table class="table table--compact">
          <caption>Tjekliste</caption>
          <thead>
            <tr>
              <th scope="col">Punkt</th>
              <th scope="col">Status</th>
              <th scope="col">Senest ændret</th>
              <th scope="col">Bemærkning</th>
            </tr>
          </thead>
          <tbody>
            {m.readiness.map((r) => (
              <tr>
                <th scope="row" safe>
                  {READINESS_LABEL[r.item]}
                </th>
                <td safe>{readinessStatus(r, p.ruleSets)}</td>
                <td safe>{whenAndWho(r)}</td>
                <td safe>{r.note || '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ResponsiveTable>
      {p.canEdit ? (
        m.readiness.map((r) => (
          <form method="post" action={`/aula/kommuner/${m.code}/parathed`} novalidate aria-label={READINESS_LABEL[r.item]}>
            <CsrfField token={p.request.csrfToken} />
            <input type="hidden" name="item" value={r.item} />
            <input type="hidden" name="done" value={r.done && !confirmAgain(r, p.ruleSets) ? 'false' : 'true'} />
            <TextField
              name="note"
              id={`note-${r.item}`}
              label={`Bemærkning til «${READINESS_LABEL[r.item]}»`}
              hint={`Højst ${MAX_NOTE} tegn`}
              value={sentItem === r.item ? typed(p.values, 'note', '') : ''}
              error={sentItem === r.item ? errors.note : undefined}
            />
            <button type="submit" class="button button-secondary" safe>
              {confirmAgain(r, p.ruleSets)
                ? `Bekræft «${READINESS_LABEL[r.item]}» for «${p.ruleSets[0]!.name}»`
                : r.done
                  ? `Markér «${READINESS_LABEL[r.item]}» som ikke klaret`
                  : `Markér «${READINESS_LABEL[r.item]}» som klaret`}
            </button>
          </form>
        ))
      ) : (
        <></>
      )}
      <h3>Historik</h3>
      {p.history.length === 0 ? (
        <p>Tjeklisten er ikke ændret endnu.</p>
      ) : (
        <ResponsiveTable>
          <table class="table table--compact">
            <caption>{`Ændringer af tjeklisten, nyeste først (højst de ${HISTORY_LIMIT} seneste)`}</caption>
            <thead>
              <tr>
                <th scope="col">Tidspunkt</th>
                <th scope="col">Punkt</th>
                <th scope="col">Ændring</th>
                <th scope="col">Af</th>
                <th scope="col">Bemærkning</th>
              </tr>
            </thead>
            <tbody>
              {p.history.map((e) => (
                <tr>
                  <td safe>{formatDateTime(e.at)}</td>
                  <td safe>{READINESS_LABEL[e.item]}</td>
                  <td>{e.done ? 'Markeret som klaret' : 'Markeret som ikke klaret'}</td>
                  <td safe>{e.by ?? '–'}</td>
                  <td safe>{e.note || '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ResponsiveTable>
      )}
    </section>
  );
}

/** "06.12.2026 kl. 10.05, Anne Andersen" – when a checklist item last changed, and by whom. */
function whenAndWho(r: { at: Date | null; by: string | null }): string {
  if (!r.at) return '–';
  return r.by ? `${formatDateTime(r.at)}, ${r.by}` : formatDateTime(r.at);
}

/** A municipality's Aula registration: one section and one small form each for those who keep it. */
export function MunicipalityPage(p: MunicipalityPageProps): JSX.Element {
  const errors = p.errors ?? {};
  const title = `Aula i ${p.m.name} Kommune`;
  return (
    <Layout title={title} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="aula">
      <Breadcrumbs trail={[{ href: '/aula', label: 'Aula' }]} current={p.m.name} />
      <h1 safe>{title}</h1>
      <ErrorSummary errors={p.message ? { _: p.message, ...errors } : errors} labels={LABELS} />
      {p.notice ? <Notice kind="success" text={p.notice} /> : <></>}
      <p class="font-lead">
        Kommunens ESDH-system og integrationen med Aula, arkiveringen, de kategorier af sikre filer der skal journaliseres, og om kommunen er klar til de reviderede sletteregler.
      </p>
      {p.canEdit ? (
        <p>
          <a href="/aula/filer/import">Indlæs kommunens oversigt over sikre filer (CSV)</a>
        </p>
      ) : (
        <p>Kommunens systemansvarlige for Aula og programlederen kan ændre oplysningerne.</p>
      )}
      <p>
        <a href={`/aula/kommuner/${p.m.code}/sletning`}>Sletning: filer, der har passeret slettefristen, og journaliseringslisten</a>
      </p>
      <EsdhSection {...p} errors={errors} />
      <ArchiveSection {...p} errors={errors} />
      <CategoriesSection {...p} errors={errors} />
      <ReadinessSection {...p} errors={errors} />
    </Layout>
  );
}
