import type { FastifyRequest } from 'fastify';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { Breadcrumbs } from '../../../platform/views/breadcrumbs.tsx';
import { CsrfField } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';

/**
 * "Slet …?" before a milestone or key figure goes: what will be removed, said in words, and one
 * button that removes it. A page rather than a script dialog, so it works without JavaScript and a
 * screen reader hears the whole question; the request key makes a double click remove it once.
 */
export function ConfirmDeletePage(p: {
  request: FastifyRequest;
  programme: { key: string; name: string };
  /** "Slet milepælen" */
  heading: string;
  /** What disappears, in a sentence or two. */
  lines: string[];
  action: string;
  button: string;
}): JSX.Element {
  const base = `/programmer/${p.programme.key}`;
  return (
    <Layout title={`${p.heading} – ${p.programme.name}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="programmer">
      <Breadcrumbs
        trail={[
          { href: '/programmer', label: 'Programmer' },
          { href: base, label: p.programme.name },
        ]}
        current={p.heading}
      />
      <h1 safe>{`${p.heading}?`}</h1>
      <>
        {p.lines.map((line) => (
          <p safe>{line}</p>
        ))}
      </>
      <p>Sletningen kan ikke fortrydes på siden, men den logges med alt, hvad der blev slettet.</p>
      <form method="post" action={p.action} data-confirm-delete>
        <CsrfField token={p.request.csrfToken} />
        <RequestKeyField />
        <div class="samspil-actions">
          <button type="submit" class="button button-primary" safe>
            {p.button}
          </button>
          <a href={base} class="function-link">
            Annullér
          </a>
        </div>
      </form>
    </Layout>
  );
}
