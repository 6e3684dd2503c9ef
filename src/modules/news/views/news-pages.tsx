import type { FastifyRequest } from 'fastify';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { StatusBadge } from '../../../platform/views/badge.tsx';
import { Breadcrumbs } from '../../../platform/views/breadcrumbs.tsx';
import { CsrfField, Notice } from '../../../platform/views/components.tsx';
import { formatDayLong, formatDeadline } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { Pager } from '../../../platform/views/pager.tsx';
import { markdownToText, renderMarkdown } from '../../tasks/index.ts';
import type { NewsRow, Option } from '../queries.ts';

export const NEWS_NOTICES: Record<string, { kind: 'success' | 'info'; text: string }> = {
  oprettet: { kind: 'success', text: 'Nyheden er gemt.' },
  gemt: { kind: 'success', text: 'Nyheden er gemt.' },
  uaendret: { kind: 'info', text: 'Der var ingen ændringer at gemme.' },
  slettet: { kind: 'success', text: 'Nyheden er slettet.' },
  'allerede-slettet': { kind: 'info', text: 'Nyheden var allerede slettet.' },
};

const preview = (body: string) => {
  const t = markdownToText(body).replace(/\s+/g, ' ');
  return t.length > 240 ? `${t.slice(0, 239).trimEnd()}…` : t;
};

/** A draft waits for its publish day: only central staff see it, marked. */
function Waiting(p: { item: NewsRow; today: string }): JSX.Element {
  return p.item.publishOn > p.today ? <StatusBadge label={`Vises fra ${formatDeadline(p.item.publishOn)}`} variant="warning" /> : <></>;
}

function Concerns(p: { item: NewsRow }): JSX.Element {
  const names = [...p.item.solutions.map((s) => s.name), ...p.item.programmes.map((x) => x.name)];
  return names.length === 0 ? <></> : <p class="form-hint" safe>{`Vedrører: ${names.join(', ')}`}</p>;
}

export function NewsListPage(p: {
  request: FastifyRequest;
  rows: NewsRow[];
  total: number;
  page: number;
  size: number;
  today: string;
  solution: string | undefined;
  solutions: Option[];
  canEdit: boolean;
  notice?: { kind: 'success' | 'info'; text: string } | undefined;
}): JSX.Element {
  const pages = Math.max(1, Math.ceil(p.total / p.size));
  const href = (page: number) => `/nyt?${new URLSearchParams({ ...(p.solution ? { loesning: p.solution } : {}), side: String(page) }).toString()}`;
  return (
    <Layout title="Kort nyt fra KOMBIT" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="nyt">
      <h1>Kort nyt fra KOMBIT</h1>
      {p.notice ? <Notice kind={p.notice.kind} text={p.notice.text} /> : ''}
      <p class="samspil-actions">
        {p.canEdit ? (
          <a href="/nyt/ny" class="button button-primary">
            Skriv en nyhed
          </a>
        ) : (
          ''
        )}
        <a href="/arrangementer" class="function-link">
          Arrangementer
        </a>
        <a href="/nyt/feed.atom" class="function-link">
          Abonnér (Atom-feed)
        </a>
      </p>
      <form method="get" action="/nyt" class="samspil-actions">
        <div class="form-group">
          <label class="form-label" for="felt-loesning">
            Løsning
          </label>
          <select class="form-select" id="felt-loesning" name="loesning">
            <option value="">Alle løsninger</option>
            {p.solutions.map((s) => (
              <option value={s.value} selected={s.value === p.solution} safe>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button-secondary">
          Vis
        </button>
      </form>
      {p.rows.length === 0 ? <p>Der er ingen nyheder{p.solution ? ' for den valgte løsning' : ''}.</p> : ''}
      <ul class="nobullet-list samspil-news">
        {p.rows.map((item) => (
          <li>
            <h2 class="h3">
              <a href={`/nyt/${item.id}`} safe>
                {item.title}
              </a>
            </h2>
            <p class="form-hint">
              <time datetime={item.publishOn} safe>
                {formatDayLong(item.publishOn)}
              </time>{' '}
              <Waiting item={item} today={p.today} />
            </p>
            <p safe>{preview(item.body)}</p>
            <Concerns item={item} />
          </li>
        ))}
      </ul>
      {pages > 1 ? <Pager text={`Side ${p.page} af ${pages}`} previous={p.page > 1 ? href(p.page - 1) : null} next={p.page < pages ? href(p.page + 1) : null} /> : ''}
    </Layout>
  );
}

export function NewsItemPage(p: { request: FastifyRequest; item: NewsRow; today: string; canEdit: boolean; notice?: { kind: 'success' | 'info'; text: string } | undefined }): JSX.Element {
  const { item } = p;
  return (
    <Layout title={item.title} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="nyt">
      <Breadcrumbs trail={[{ href: '/nyt', label: 'Kort nyt' }]} current={item.title} />
      {p.notice ? <Notice kind={p.notice.kind} text={p.notice.text} /> : ''}
      <h1 safe>{item.title}</h1>
      <p class="font-lead">
        <time datetime={item.publishOn} safe>
          {formatDayLong(item.publishOn)}
        </time>{' '}
        <Waiting item={item} today={p.today} />
      </p>
      <div class="samspil-task-text">{renderMarkdown(item.body) as 'safe'}</div>
      <h2>Kontaktperson</h2>
      {item.contact ? (
        <p>
          <strong safe>{item.contact.name}</strong>
          {item.contact.title ? <span safe>{`, ${item.contact.title}`}</span> : ''}
          <br />
          <a href={`mailto:${item.contact.email}`} safe>
            {item.contact.email}
          </a>
        </p>
      ) : (
        <p>Ingen kontaktperson er angivet.</p>
      )}
      {item.solutions.length > 0 ? (
        <>
          <h2>Løsninger</h2>
          <ul>
            {item.solutions.map((s) => (
              <li>
                <a href={`/nyt?loesning=${encodeURIComponent(s.key)}`} safe>
                  {s.name}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      {item.programmes.length > 0 ? (
        <>
          <h2>Programmer</h2>
          <ul>
            {item.programmes.map((x) => (
              <li>
                <a href={`/programmer/${encodeURIComponent(x.key)}`} safe>
                  {x.name}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      {p.canEdit ? (
        <div class="samspil-actions">
          <a href={`/nyt/${item.id}/rediger`} class="button button-secondary">
            Ret nyheden
          </a>
          <form method="post" action={`/nyt/${item.id}/slet`}>
            <CsrfField token={p.request.csrfToken} />
            <RequestKeyField />
            <button type="submit" class="button button-tertiary">
              Slet nyheden
            </button>
          </form>
        </div>
      ) : (
        ''
      )}
    </Layout>
  );
}
