import type { FastifyRequest } from 'fastify';
import type { TaskSummary } from '../queries.ts';
import { Markdown, Page, SubNav, instantDa } from './shared.tsx';
import { formatDeadline } from '../../../../platform/views/format.ts';

export function UpcomingPage(p: { request: FastifyRequest; tasks: TaskSummary[]; central: boolean; canAuthor: boolean }): JSX.Element {
  return (
    <Page request={p.request} title="Kommende opgaver">
      <h1>Kommende opgaver</h1>
      <p class="font-lead">
        {p.central
          ? 'Annoncerede opgaver. Kommunerne kan se dem, men ikke løse dem endnu.'
          : 'Opgaver, der er på vej til jeres kommune. De kan ikke løses endnu; I får besked, når de publiceres.'}
      </p>
      <SubNav canAuthor={p.canAuthor} central={p.central} />
      {p.tasks.length === 0 ? <p>Der er ingen kommende opgaver.</p> : ''}
      <div>
        {p.tasks.map((t) => (
          <section class="samspil-upcoming" aria-labelledby={`kommende-${t.id}`}>
            <h2 id={`kommende-${t.id}`} safe>{`${t.code} – ${t.title}`}</h2>
            <dl class="samspil-details">
              <dt>Forventet frist</dt>
              <dd safe>{formatDeadline(t.deadline)}</dd>
              {t.publishAt ? (
                <>
                  <dt>Forventes publiceret</dt>
                  <dd safe>{instantDa(t.publishAt)}</dd>
                </>
              ) : (
                ''
              )}
              {t.projectName ? (
                <>
                  <dt>Projekt</dt>
                  <dd safe>{t.projectName}</dd>
                </>
              ) : (
                ''
              )}
              {t.critical || t.crossCutting || t.optional ? (
                <>
                  <dt>Kendetegn</dt>
                  <dd safe>{[t.critical ? 'Kritisk' : '', t.crossCutting ? 'Tværgående' : '', t.optional ? 'Valgfri' : ''].filter(Boolean).join(', ')}</dd>
                </>
              ) : (
                ''
              )}
            </dl>
            <Markdown source={t.description} topLevel={3} />
            {p.canAuthor ? (
              <p>
                <a href={`/opgaver/${t.id}/rediger`} class="function-link" safe>
                  {`Redigér ${t.code}`}
                </a>
              </p>
            ) : (
              ''
            )}
          </section>
        ))}
      </div>
    </Page>
  );
}
