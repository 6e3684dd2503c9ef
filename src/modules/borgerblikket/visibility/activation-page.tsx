import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { Breadcrumbs } from '../../../platform/views/breadcrumbs.tsx';
import { CsrfField, ErrorSummary, Notice, TextField } from '../../../platform/views/components.tsx';
import { formatDayLong, formatDeadline } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';

export type ActivationPageProps = {
  request: FastifyRequest;
  youthActivation: string | null;
  today: string;
  canEdit: boolean;
  notice?: string | undefined;
  errors?: FieldErrors | undefined;
  values?: Record<string, unknown> | undefined;
};

/** The day Mit Overblik opens to 15–17-year-olds: everyone reads it, central editors set it. */
export function ActivationPage(p: ActivationPageProps): JSX.Element {
  const errors = p.errors ?? {};
  const day = p.youthActivation;
  const typed = p.values?.youthActivation;
  return (
    <Layout title="Aktivering for 15–17-årige – Borgerblikket" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="borgerblikket">
      <Breadcrumbs trail={[{ href: '/borgerblikket', label: 'Borgerblikket' }]} current="Aktivering for 15–17-årige" />
      <h1>Aktivering af visningen for 15–17-årige</h1>
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      <ErrorSummary errors={errors} labels={{ youthActivation: 'Aktiveringsdag' }} />
      <p class="font-lead" data-aktivering={day ?? ''} safe>
        {day === null
          ? 'Visningen for unge på 15–17 år er ikke aktiveret: de ser ingen sager i Mit Overblik, uanset kommunernes opsætning.'
          : day <= p.today
            ? `Visningen for unge på 15–17 år er aktiveret fra ${formatDayLong(day)}. De ser deres egne sager, hvor KLE-nummeret er åbnet for unge.`
            : `Visningen for unge på 15–17 år aktiveres ${formatDayLong(day)}. Indtil da ser de ingen sager i Mit Overblik.`}
      </p>
      <p>
        Med release 3.19 fik hver KLE-opsætning indstillingen «Vises for 15–17-årige», som er «Ja» for alle eksisterende opsætninger. Intet bliver synligt
        for de unge, før KOMBIT aktiverer visningen. Dagen bruges af «Hvad ser borgeren?» og af beregningen af konsekvensen af en ændring.
      </p>
      {p.canEdit ? (
        <form method="post" action="/borgerblikket/aktivering" novalidate>
          <CsrfField token={p.request.csrfToken} />
          <RequestKeyField value={p.values?.requestKey} />
          <TextField
            name="youthActivation"
            label="Aktiveringsdag"
            hint="dd.mm.åååå; lad feltet stå tomt, hvis visningen ikke er aktiveret"
            value={typeof typed === 'string' ? typed : day ? formatDeadline(day) : ''}
            error={errors.youthActivation}
          />
          <button type="submit" class="button button-primary">
            Gem aktiveringsdagen
          </button>
        </form>
      ) : (
        ''
      )}
    </Layout>
  );
}
