import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../../platform/errors.ts';
import { type BadgeVariant, StatusBadge as Badge } from '../../../../platform/views/badge.tsx';
import { Layout } from '../../../../platform/views/layout.tsx';
import { stepLabel, taskLabels } from '../../inputs.ts';
import { renderMarkdown } from '../../markdown.ts';
import type { AnswerKind, TaskStatus } from '../../schema.ts';
import { TASK_STATUS_DA } from '../../status.ts';
import { formatDate } from '../../../../platform/views/format.ts';

/** Messages after a redirect (?besked=…); the central overview may show the same ones. */
export const AUTHOR_NOTICES: Record<string, string> = {
  oprettet: 'Kladden er gemt. Den er kun synlig for KOMBIT, indtil den annonceres eller publiceres.',
  gemt: 'Ændringerne er gemt.',
  uaendret: 'Der var ingen ændringer at gemme.',
  annonceret: 'Opgaven er annonceret og vises nu under Kommende opgaver hos de kommuner, den er rettet til.',
  planlagt: 'Opgaven er annonceret og publiceres automatisk på publiceringsdatoen. Modtagerne får besked, når den publiceres.',
  publiceret: 'Opgaven er publiceret, og modtagerne har fået besked.',
  lukket: 'Opgaven er lukket.',
  'frist-aendret': 'Fristen er ændret. Ændringen og begrundelsen er gemt i historikken.',
  'frist-uaendret': 'Opgaven havde allerede den frist; intet er ændret.',
  bilag: 'Bilagene er gemt.',
  'projekt-oprettet': 'Projektet er oprettet.',
};

export const ANSWER_KIND_DA: Record<AnswerKind, string> = {
  none: 'Intet svar – trinnet markeres blot som udført',
  text: 'Fritekst',
  identifier: 'Identifikator med mønster (fx AftaleID)',
  date: 'Dato',
  yes_no: 'Ja/nej',
  file: 'Fil',
};

const STATUS_VARIANT: Record<TaskStatus, BadgeVariant> = { draft: null, announced: 'info', published: 'success', closed: null };

export const instantDa = (d: Date | null) => (d ? formatDate(d) : '');
export const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
export const many = (v: string | string[] | undefined) => (v === undefined ? [] : [v].flat());

/** Markdown rendered safely (markdown.ts escapes all text and allows no raw HTML). */
export function Markdown(p: { source: string | null | undefined; topLevel?: 2 | 3 | 4 }): JSX.Element {
  const safeHtml = renderMarkdown(p.source, { topLevel: p.topLevel ?? 2 });
  return safeHtml ? <div class="samspil-markdown">{safeHtml}</div> : <></>;
}

export const StatusBadge = (p: { status: TaskStatus }) => <Badge label={TASK_STATUS_DA[p.status]} variant={STATUS_VARIANT[p.status]} />;

export function labelsFor(errors: FieldErrors): Record<string, string> {
  const labels: Record<string, string> = { ...taskLabels };
  for (const key of Object.keys(errors)) {
    const step = stepLabel(key);
    if (step) labels[key] = step;
  }
  return labels;
}

export function Page(p: { request: FastifyRequest; title: string; children: JSX.Element | JSX.Element[] }): JSX.Element {
  return (
    <Layout title={p.title} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="opgaver">
      {p.children as 'safe'}
    </Layout>
  );
}

export function SubNav(p: { canAuthor: boolean; central: boolean }): JSX.Element {
  return (
    <div class="samspil-actions">
      {p.canAuthor ? (
        <a href="/opgaver/ny" class="button button-primary">
          Opret opgave
        </a>
      ) : (
        ''
      )}
      {p.central ? (
        <a href="/opgaver/kladder" class="function-link">
          Kladder
        </a>
      ) : (
        ''
      )}
      <a href="/opgaver/kommende" class="function-link">
        Kommende opgaver
      </a>
      {p.central ? (
        <a href="/projekter" class="function-link">
          Projekter
        </a>
      ) : (
        ''
      )}
    </div>
  );
}
