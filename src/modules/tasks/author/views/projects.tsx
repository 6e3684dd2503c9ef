import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Notice, SelectField, TextArea, TextField } from '../../../../platform/views/components.tsx';
import type { FormBody } from '../../inputs.ts';
import { Page, SubNav, one } from './shared.tsx';

type ProjectRow = { id: string; key: string; name: string; description: string; solutionName: string | null; taskCount: number };

export function ProjectsPage(p: {
  request: FastifyRequest;
  projects: ProjectRow[];
  solutions: { key: string; name: string }[];
  canAuthor: boolean;
  values?: FormBody;
  errors?: FieldErrors;
  notice?: string | undefined;
}): JSX.Element {
  const e = p.errors ?? {};
  const v = p.values ?? {};
  return (
    <Page request={p.request} title="Projekter">
      <h1>Projekter</h1>
      <p class="font-lead">Programmer som Kontanthjælpsreformen, Valg 2025 og FLIS samler opgaverne.</p>
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      <ErrorSummary errors={e} labels={{ name: 'Navn', key: 'Nøgle', description: 'Beskrivelse', solutionKey: 'Løsning' }} />
      <SubNav canAuthor={p.canAuthor} central />
      <table class="table table--zebra">
        <caption safe>{`Projekter (${p.projects.length})`}</caption>
        <thead>
          <tr>
            <th scope="col">Navn</th>
            <th scope="col">Nøgle</th>
            <th scope="col">Løsning</th>
            <th scope="col">Beskrivelse</th>
            <th scope="col" class="align-text-right">
              Opgaver
            </th>
          </tr>
        </thead>
        <tbody>
          {p.projects.length === 0 ? (
            <tr>
              <td colspan="5">Der er endnu ingen projekter.</td>
            </tr>
          ) : (
            p.projects.map((x) => (
              <tr>
                <td safe>{x.name}</td>
                <td safe>{x.key}</td>
                <td safe>{x.solutionName ?? '–'}</td>
                <td safe>{x.description}</td>
                <td class="align-text-right" safe>
                  {String(x.taskCount)}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      {p.canAuthor ? (
        <section aria-labelledby="nyt-projekt" class="mt-6">
          <h2 id="nyt-projekt">Opret projekt</h2>
          <form method="post" action="/projekter" novalidate>
            <CsrfField token={p.request.csrfToken} />
            <TextField name="name" label="Navn" value={one(v.name)} error={e.name} required />
            <TextField name="key" label="Nøgle" hint="Små bogstaver, tal og bindestreger. Udfyldes ud fra navnet, hvis feltet er tomt." value={one(v.key)} error={e.key} />
            <TextArea name="description" label="Beskrivelse" value={one(v.description)} error={e.description} rows={3} />
            <SelectField
              name="solutionKey"
              label="Løsning (valgfri)"
              value={one(v.solutionKey)}
              error={e.solutionKey}
              emptyLabel="Ingen bestemt løsning"
              options={p.solutions.map((s) => ({ value: s.key, label: s.name }))}
            />
            <button type="submit" class="button button-primary">
              Opret projekt
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
    </Page>
  );
}
