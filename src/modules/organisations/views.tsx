import type { FastifyRequest } from 'fastify';
import { RequestKeyField } from '../../platform/idempotency/request-key-field.tsx';
import type { FieldErrors } from '../../platform/errors.ts';
import { CsrfField, ErrorSummary, Notice, SelectField, TextField } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { personLabels, roleLabels } from './inputs.ts';
import type { GalleryPerson, GalleryRole, referenceLists } from './queries.ts';
import { formatDate } from '../../platform/views/format.ts';

type Municipality = { code: string; name: string };
type Reference = Awaited<ReturnType<typeof referenceLists>>;

export const NOTICES: Record<string, string> = {
  'person-oprettet': 'Personen er tilføjet til rollegalleriet.',
  'person-gemt': 'Ændringerne er gemt.',
  'person-deaktiveret': 'Personen er deaktiveret. Historikken er bevaret.',
  'rolle-tildelt': 'Rollen er tildelt.',
  'rolle-fjernet': 'Rollen er fjernet.',
  'link-sendt': 'Der er sendt en mail med et link til at vælge adgangskode.',
  importeret: 'Importen er gennemført.',
};

const date = (d: Date | null) => (d ? formatDate(d) : '');

export function roleText(r: Pick<GalleryRole, 'roleLabel' | 'solutionName' | 'isPrimary'>): string {
  return `${r.roleLabel}${r.solutionName ? ` – ${r.solutionName}` : ''}${r.isPrimary ? ' (primær)' : ''}`;
}

export function GalleryPage(p: {
  request: FastifyRequest;
  municipality: Municipality;
  people: GalleryPerson[];
  canManage: boolean;
  notice?: string | undefined;
  /** What the municipality owes and has (tasks, agreements, gallery gaps), above the gallery. */
  attention: JSX.Element;
}) {
  const active = p.people.filter((x) => x.active);
  const former = p.people.filter((x) => !x.active);
  const base = `/kommuner/${p.municipality.code}`;
  return (
    <Layout title={`${p.municipality.name} Kommune`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="kommuner">
      {/* The page a consultant opens for a phone call: what the municipality owes first, then who holds which role. */}
      <h1 safe>{`${p.municipality.name} Kommune`}</h1>
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      {p.attention as 'safe'}
      <h2 id="rollegalleri">Rollegalleri</h2>
      <p>Hvem har hvilke roller for hvilke løsninger i kommunen.</p>
      <div class="samspil-actions">
        {p.canManage ? (
          <a href={`${base}/personer/ny`} class="button button-primary">
            Tilføj person
          </a>
        ) : (
          ''
        )}
        {p.canManage ? (
          <a href={`${base}/import`} class="button button-secondary">
            Importér fra fil
          </a>
        ) : (
          ''
        )}
        <a href={`${base}/eksport.xlsx`} class="function-link">
          Hent som Excel (XLSX)
        </a>
        <a href={`${base}/eksport.csv`} class="function-link">
          Hent som CSV
        </a>
      </div>
      <div class="table--responsive-scroll">
        <table class="table table--zebra">
          <caption safe>{`Aktive personer (${active.length})`}</caption>
          <thead>
            <tr>
              <th scope="col">Navn</th>
              <th scope="col">Titel</th>
              <th scope="col">Kontakt</th>
              <th scope="col">Roller</th>
            </tr>
          </thead>
          <tbody>
            {active.length === 0 ? (
              <tr>
                <td colspan="4">Der er endnu ingen personer i rollegalleriet.</td>
              </tr>
            ) : (
              active.map((x) => (
                <tr>
                  <td>
                    <a href={`${base}/personer/${x.id}`} safe>
                      {x.name}
                    </a>
                  </td>
                  <td safe>{x.title}</td>
                  <td>
                    <span safe>{x.email}</span>
                    {x.phone ? <br /> : ''}
                    <span safe>{x.phone}</span>
                  </td>
                  <td>
                    {x.roles.length === 0 ? (
                      <span class="text-muted">Ingen roller</span>
                    ) : (
                      <ul class="nobullet-list">
                        {x.roles.map((r) => (
                          <li safe>{roleText(r)}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {former.length > 0 ? (
        <table class="table table--compact mt-6">
          <caption safe>{`Deaktiverede personer (${former.length})`}</caption>
          <thead>
            <tr>
              <th scope="col">Navn</th>
              <th scope="col">E-mail</th>
              <th scope="col">Deaktiveret</th>
            </tr>
          </thead>
          <tbody>
            {former.map((x) => (
              <tr>
                <td>
                  <a href={`${base}/personer/${x.id}`} safe>
                    {x.name}
                  </a>
                </td>
                <td safe>{x.email}</td>
                <td safe>{date(x.deactivatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        ''
      )}
    </Layout>
  );
}

export function PersonForm(p: {
  request: FastifyRequest;
  municipality: Municipality;
  action: string;
  heading: string;
  values?: Record<string, string | undefined>;
  errors?: FieldErrors;
  submitLabel: string;
}) {
  const v = p.values ?? {};
  const e = p.errors ?? {};
  return (
    <Layout title={p.heading} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="kommuner">
      <p>
        <a href={`/kommuner/${p.municipality.code}`} class="function-link" safe>
          {`Tilbage til ${p.municipality.name}s rollegalleri`}
        </a>
      </p>
      <h1 safe>{p.heading}</h1>
      <ErrorSummary errors={e} labels={personLabels} />
      <form method="post" action={p.action} novalidate>
        <CsrfField token={p.request.csrfToken} />
        <TextField name="name" label="Navn" value={v.name} error={e.name} autocomplete="off" required />
        <TextField name="email" label="E-mail" type="email" value={v.email} error={e.email} autocomplete="off" required />
        <TextField name="title" label="Titel" value={v.title} error={e.title} />
        <TextField name="phone" label="Telefon" type="tel" value={v.phone} error={e.phone} />
        <button type="submit" class="button button-primary" safe>
          {p.submitLabel}
        </button>
      </form>
    </Layout>
  );
}

export function PersonPage(p: {
  request: FastifyRequest;
  municipality: Municipality;
  person: GalleryPerson;
  reference: Reference;
  canManage: boolean;
  notice?: string | undefined;
  errors?: FieldErrors;
  values?: Record<string, string | undefined>;
  status?: number;
}) {
  const x = p.person;
  const base = `/kommuner/${p.municipality.code}/personer/${x.id}`;
  const municipalRoles = p.reference.roleTypes.filter((r) => r.scope === 'municipal');
  const e = p.errors ?? {};
  return (
    <Layout title={x.name} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="kommuner">
      <p>
        <a href={`/kommuner/${p.municipality.code}`} class="function-link" safe>
          {`Tilbage til ${p.municipality.name}s rollegalleri`}
        </a>
      </p>
      <h1 safe>{x.name}</h1>
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      {!x.active ? <Notice kind="warning" text={`Personen blev deaktiveret ${date(x.deactivatedAt)}.`} /> : ''}
      <ErrorSummary errors={e} labels={{ ...personLabels, ...roleLabels }} />
      <dl class="samspil-details">
        <dt>Titel</dt>
        <dd safe>{x.title || '–'}</dd>
        <dt>E-mail</dt>
        <dd safe>{x.email}</dd>
        <dt>Telefon</dt>
        <dd safe>{x.phone || '–'}</dd>
        <dt>Login</dt>
        <dd>{x.hasLogin ? 'Har en brugerkonto' : 'Har ingen brugerkonto endnu'}</dd>
      </dl>
      {p.canManage && x.active ? (
        <div class="samspil-actions">
          <a href={`${base}/rediger`} class="button button-secondary">
            Redigér oplysninger
          </a>
          <form method="post" action={`${base}/login-link`} class="samspil-inline-form">
            <CsrfField token={p.request.csrfToken} />
            <RequestKeyField />
            <button type="submit" class="button button-secondary">
              {x.hasLogin ? 'Send link til ny adgangskode' : 'Opret login og send invitation'}
            </button>
          </form>
          <form method="post" action={`${base}/deaktiver`} class="samspil-inline-form">
            <CsrfField token={p.request.csrfToken} />
            <button type="submit" class="button button-tertiary">
              Deaktivér person
            </button>
          </form>
        </div>
      ) : (
        ''
      )}
      <h2>Roller</h2>
      <table class="table table--compact">
        <caption class="sr-only">Nuværende roller</caption>
        <thead>
          <tr>
            <th scope="col">Rolle</th>
            <th scope="col">Løsning</th>
            <th scope="col">Primær</th>
            <th scope="col">Siden</th>
            {p.canManage ? <th scope="col">Handlinger</th> : ''}
          </tr>
        </thead>
        <tbody>
          {x.roles.length === 0 ? (
            <tr>
              <td colspan={p.canManage ? '5' : '4'}>Personen har ingen roller.</td>
            </tr>
          ) : (
            x.roles.map((r) => (
              <tr>
                <td safe>{r.roleLabel}</td>
                <td safe>{r.solutionName ?? '–'}</td>
                <td>{r.isPrimary ? 'Ja' : r.roleTypeKey === 'systemansvarlig' ? 'Nej' : '–'}</td>
                <td safe>{date(r.createdAt)}</td>
                {p.canManage ? (
                  <td>
                    <div class="samspil-actions">
                      {r.roleTypeKey === 'systemansvarlig' && !r.isPrimary ? (
                        <form method="post" action={`${base}/roller`} class="samspil-inline-form">
                          <CsrfField token={p.request.csrfToken} />
                          <input type="hidden" name="roleTypeKey" value={r.roleTypeKey} />
                          <input type="hidden" name="solutionKey" value={r.solutionKey ?? ''} />
                          <input type="hidden" name="isPrimary" value="on" />
                          <button type="submit" class="button button-tertiary">
                            Gør til primær <span class="sr-only" safe>{roleText(r)}</span>
                          </button>
                        </form>
                      ) : (
                        ''
                      )}
                      <form method="post" action={`${base}/roller/${r.id}/fjern`} class="samspil-inline-form">
                        <CsrfField token={p.request.csrfToken} />
                        <button type="submit" class="button button-tertiary">
                          Fjern <span class="sr-only" safe>{roleText(r)}</span>
                        </button>
                      </form>
                    </div>
                  </td>
                ) : (
                  ''
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
      {p.canManage && x.active ? (
        <section class="mt-6" aria-labelledby="tildel-rolle">
          <h2 id="tildel-rolle">Tildel rolle</h2>
          <form method="post" action={`${base}/roller`} novalidate>
            <CsrfField token={p.request.csrfToken} />
            <SelectField
              name="roleTypeKey"
              label="Rolle"
              value={p.values?.roleTypeKey}
              error={e.roleTypeKey}
              emptyLabel="Vælg rolle"
              options={municipalRoles.map((r) => ({ value: r.key, label: r.perSolution ? `${r.labelDa} (pr. løsning)` : r.labelDa }))}
            />
            <SelectField
              name="solutionKey"
              label="Løsning (kun for roller pr. løsning)"
              value={p.values?.solutionKey}
              error={e.solutionKey}
              emptyLabel="Ingen løsning"
              options={p.reference.solutions.map((s) => ({ value: s.key, label: s.name }))}
            />
            {/* DKFDS positions .form-checkbox absolutely; .form-group-checkbox is its positioned container. */}
            <div class="form-group">
              <div class="form-group-checkbox">
                <input type="checkbox" id="felt-isPrimary" name="isPrimary" class="form-checkbox" checked={p.values?.isPrimary === 'on'} />
                <label for="felt-isPrimary" class="form-label">
                  Primær systemansvarlig for løsningen
                </label>
              </div>
            </div>
            <button type="submit" class="button button-primary">
              Tildel rolle
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
      {x.formerRoles.length > 0 ? (
        <>
          <h2>Tidligere roller</h2>
          <ul>
            {x.formerRoles.map((r) => (
              <li safe>{`${roleText({ ...r, isPrimary: false })}: ${date(r.createdAt)} – ${date(r.removedAt)}`}</li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}
