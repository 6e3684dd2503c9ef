import type { FastifyRequest } from 'fastify';
import { ErrorSummary } from '../../../../platform/views/components.tsx';
import { Layout } from '../../../../platform/views/layout.tsx';
import { memberLabels } from '../council-input.ts';
import type { Council } from '../load.ts';
import { FormHead, MemberFields, type FormState, type MunicipalityOption } from './forms.tsx';

/** Correct one seat of a council (or empty it by removing the name), or remove the seat altogether. */
export function MemberFormPage(p: { request: FastifyRequest; council: Council; memberId: string; seat: string; state: FormState; municipalities: MunicipalityOption[] }): JSX.Element {
  const base = `/styring/raad/${p.council.key}`;
  const title = `Ret pladsen: ${p.seat}`;
  return (
    <Layout title={title} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="styring">
      <p>
        <a href={base} class="function-link" safe>
          {`Tilbage til ${p.council.name}`}
        </a>
      </p>
      <h1 safe>{title}</h1>
      <ErrorSummary errors={p.state.errors} labels={memberLabels} />
      <form method="post" action={`${base}/medlemmer/${p.memberId}`} novalidate>
        <FormHead csrfToken={p.request.csrfToken} />
        <MemberFields state={p.state} municipalities={p.municipalities} />
        <button type="submit" class="button button-primary">
          Gem pladsen
        </button>
      </form>
      <h2>Fjern pladsen</h2>
      <p>Pladsen forsvinder fra rådet. Skal den blot stå ledig, så gem den uden navn i stedet.</p>
      <form method="post" action={`${base}/medlemmer/${p.memberId}/fjern`}>
        <FormHead csrfToken={p.request.csrfToken} />
        <button type="submit" class="button button-secondary">
          Fjern pladsen
        </button>
      </form>
    </Layout>
  );
}
