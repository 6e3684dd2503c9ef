import type { FastifyRequest } from 'fastify';
import { Layout } from '../../platform/views/layout.tsx';
import type { referenceLists, roleOverview } from './queries.ts';

type Reference = Awaited<ReturnType<typeof referenceLists>>;
type Overview = Awaited<ReturnType<typeof roleOverview>>;

export function OverviewPage(p: {
  request: FastifyRequest;
  reference: Reference;
  roleTypeKey: string;
  solutionKey: string | null;
  overview: Overview;
}) {
  const role = p.reference.roleTypes.find((r) => r.key === p.roleTypeKey);
  const sol = p.reference.solutions.find((s) => s.key === p.solutionKey);
  const what = `${role?.labelDa ?? p.roleTypeKey}${sol ? ` for ${sol.name}` : ''}`;
  const query = `rolle=${encodeURIComponent(p.roleTypeKey)}${p.solutionKey ? `&loesning=${encodeURIComponent(p.solutionKey)}` : ''}`;
  const total = p.overview.rows.length;
  return (
    <Layout title={`Rolleoverblik – ${what}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="rolleoverblik">
      <h1>Rolleoverblik</h1>
      <p class="font-lead">Hvem har en given rolle i de 98 kommuner? Kommuner uden nogen med rollen vises først.</p>
      <form method="get" action="/rolleoverblik" class="samspil-actions">
        <div class="form-group">
          <label class="form-label" for="felt-rolle">
            Rolle
          </label>
          <select class="form-select" id="felt-rolle" name="rolle">
            {p.reference.roleTypes
              .filter((r) => r.scope === 'municipal')
              .map((r) => (
                <option value={r.key} selected={r.key === p.roleTypeKey} safe>
                  {r.labelDa}
                </option>
              ))}
          </select>
        </div>
        <div class="form-group">
          <label class="form-label" for="felt-loesning">
            Løsning
          </label>
          <select class="form-select" id="felt-loesning" name="loesning">
            <option value="">Ingen (rolle for hele kommunen)</option>
            {p.reference.solutions.map((s) => (
              <option value={s.key} selected={s.key === p.solutionKey} safe>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button-secondary">
          Vis
        </button>
      </form>
      <h2 safe>{what}</h2>
      <p class="font-lead" id="overblik-status">
        <strong safe>{`${p.overview.vacantCount} af ${total} kommuner`}</strong>
        <span safe>{` mangler en ${role?.labelDa.toLowerCase() ?? 'rolleindehaver'}. ${p.overview.coveredCount} kommuner er dækket.`}</span>
      </p>
      <div class="samspil-actions">
        <a href={`/rolleoverblik/eksport.xlsx?${query}`} class="function-link">
          Hent som Excel (XLSX)
        </a>
        <a href={`/rolleoverblik/eksport.csv?${query}`} class="function-link">
          Hent som CSV
        </a>
      </div>
      <div class="table--responsive-scroll">
        <table class="table table--zebra">
          <caption class="sr-only" safe>{`Rolleoverblik: ${what}`}</caption>
          <thead>
            <tr>
              <th scope="col">Kommune</th>
              <th scope="col">Region</th>
              <th scope="col">Status</th>
              <th scope="col">Personer</th>
            </tr>
          </thead>
          <tbody>
            {p.overview.rows.map((m) => (
              <tr data-kommune={m.code}>
                <td>
                  <a href={`/kommuner/${m.code}`} safe>
                    {m.name}
                  </a>
                </td>
                <td safe>{m.region}</td>
                <td>{m.holders.length === 0 ? <span class="samspil-vacant">Ingen</span> : 'Dækket'}</td>
                <td>
                  <ul class="nobullet-list">
                    {m.holders.map((h) => (
                      <li safe>{`${h.name}${h.isPrimary ? ' (primær)' : ''} · ${h.email}`}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
