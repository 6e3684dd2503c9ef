import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { isCentralEditor } from '../../platform/context.ts';
import { AppError, notFound, type FieldErrors } from '../../platform/errors.ts';
import { formBody, pageQuery, uuidParam } from '../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../platform/http/request-context.ts';
import { clientKeyOf, REQUEST_KEY_FIELD } from '../../platform/idempotency/claim-request.ts';
import { sendDownload } from '../../platform/http/send-download.ts';
import { EXPORT_FORMATS } from '../../platform/spreadsheet/formats.ts';
import { noticeFor } from '../../platform/views/components.tsx';
import { danishDay } from '../../platform/views/format.ts';
import { registerMenuEntry } from '../../platform/views/menu.ts';
import { projectMilestone } from '../tasks/index.ts';
import { registerProgrammeApi } from './api.ts';
import { registerProgrammeDeletes } from './delete-routes.tsx';
import { exportFigures } from './export-figures.ts';
import { parseDanishNumber, pointsFromLines } from './inputs.ts';
import { centralPeople, listProgrammes, loadFigures, loadProgramme, programmeByKey } from './load-programmes.ts';
import { authorizeProgramme } from './policy.ts';
import { saveProgrammeFigure } from './save-programme-figure.ts';
import { saveProgrammeMilestone } from './save-programme-milestone.ts';
import { setProgrammeStatus } from './set-programme-status.ts';
import { updateProgramme } from './update-programme.ts';
import { MilestonePage } from './views/milestone-page.tsx';
import type { FailedForm, ProgrammeForm } from './views/edit-forms.tsx';
import { ProgrammePage } from './views/programme-page.tsx';
import { ProgrammesPage } from './views/programmes-page.tsx';

/** A programme's key in a URL, as tasks' projects are keyed ("valg-2025"). */
export const programmeKey = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'Ukendt program');
export const keyParams = z.object({ key: programmeKey });
const milestoneParams = z.object({ key: programmeKey, id: uuidParam });

const ok = (text: string) => ({ kind: 'success' as const, text });
const NOTICES: Record<string, { kind: 'success' | 'info'; text: string }> = {
  'status-sat': ok('Status er sat.'),
  'milepael-gemt': ok('Milepælen er gemt.'),
  'noegletal-gemt': ok('Nøgletallet er gemt.'),
  'milepael-slettet': ok('Milepælen er slettet.'),
  'noegletal-slettet': ok('Nøgletallet er slettet med alle sine målinger.'),
  'allerede-slettet': { kind: 'info', text: 'Den var allerede slettet; intet er ændret.' },
  gemt: ok('Programmets oplysninger er gemt.'),
  uaendret: { kind: 'info', text: 'Oplysningerne var allerede sådan; intet er ændret.' },
};

/** A refusal the page shows in its error summary; anything else is the error page's to show. */
const shown = (error: unknown): error is AppError => error instanceof AppError && (error.status === 422 || error.status === 409);
const errorsOf = (error: AppError): FieldErrors => ({ _: error.message, ...error.fieldErrors });

/** A form's fields as single texts (a repeated field counts by its first value). */
function texts(body: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, (Array.isArray(v) ? v[0] : v) ?? '']));
}

async function programmePage(request: FastifyRequest, reply: FastifyReply, key: string, extra: { notice?: { kind: 'success' | 'info'; text: string } | undefined; failed?: FailedForm } = {}, status = 200) {
  const ctx = actorCtx(request);
  authorizeProgramme(ctx.actor, 'read');
  const canEdit = isCentralEditor(ctx.actor);
  const today = danishDay(ctx.now);
  const [programme, people] = await Promise.all([loadProgramme(ctx.db, ctx.actor, key, today), canEdit ? centralPeople(ctx.db) : Promise.resolve([])]);
  return sendPage(reply, <ProgrammePage request={request} programme={programme} canEdit={canEdit} today={today} people={people} {...extra} />, status);
}

/**
 * Runs one of the programme page's forms: the use case's refusal (422, 409) draws the page again
 * with the form's values and errors; success goes back to the page with a notice.
 */
async function submit(
  request: FastifyRequest,
  reply: FastifyReply,
  key: string,
  which: ProgrammeForm,
  values: Record<string, string>,
  run: () => Promise<string>,
  localErrors: FieldErrors = {},
) {
  const failed = (errors: FieldErrors, status: number) => programmePage(request, reply, key, { failed: { which, values, errors, requestKey: values[REQUEST_KEY_FIELD] } }, status);
  if (Object.keys(localErrors).length > 0) return failed({ _: 'Der er fejl i det indsendte. Ret felterne og prøv igen.', ...localErrors }, 422);
  try {
    const notice = await run();
    return await reply.redirect(`/programmer/${key}?besked=${notice}`, 303);
  } catch (error) {
    if (!shown(error)) throw error;
    return failed(errorsOf(error), error.status);
  }
}

/** Programmes (issue #14 point 1): the list, each programme's status page, and central editors' forms on it. */
export function registerProgrammes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  registerMenuEntry({ key: 'programmer', order: 15, href: () => '/programmer', label: 'Programmer', visible: () => true });
  registerProgrammeApi(root);
  registerProgrammeDeletes(root);

  app.get('/programmer', { schema: { querystring: pageQuery({}) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeProgramme(ctx.actor, 'read');
    return sendPage(reply, <ProgrammesPage request={request} programmes={await listProgrammes(ctx.db, danishDay(ctx.now))} />);
  });

  app.get('/programmer/:key', { schema: { params: keyParams, querystring: pageQuery({}) } }, async (request, reply) =>
    programmePage(request, reply, request.params.key, { notice: noticeFor(NOTICES, request.query.besked) }),
  );

  // Every measurement of every key figure: the page's tables show one a month for long series.
  for (const format of EXPORT_FORMATS) {
    app.get(`/programmer/:key/noegletal.${format}`, { schema: { params: keyParams } }, async (request, reply) => {
      const ctx = actorCtx(request);
      authorizeProgramme(ctx.actor, 'read');
      const { key } = request.params;
      const { id } = await programmeByKey(ctx.db, key);
      const file = await exportFigures(await loadFigures(ctx.db, id), format);
      return sendDownload(reply, { filename: `noegletal-${key}.${format}`, ...file });
    });
  }

  app.post('/programmer/:key/status', { schema: { params: keyParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeProgramme(ctx.actor, 'edit');
    const v = texts(request.body);
    const { key } = request.params;
    return submit(request, reply, key, 'status', v, async () => {
      await setProgrammeStatus(ctx, key, { status: v.status, statusOn: v.statusOn, comment: v.comment ?? '' }, clientKeyOf(request));
      return 'status-sat';
    });
  });

  app.post('/programmer/:key/milepaele', { schema: { params: keyParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeProgramme(ctx.actor, 'edit');
    const v = texts(request.body);
    const { key } = request.params;
    return submit(request, reply, key, 'milestone', v, async () => {
      await saveProgrammeMilestone(ctx, key, null, { title: v.title, startsOn: v.startsOn, endsOn: v.endsOn, state: v.state || undefined }, clientKeyOf(request));
      return 'milepael-gemt';
    });
  });

  app.post('/programmer/:key/noegletal', { schema: { params: keyParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeProgramme(ctx.actor, 'edit');
    const v = texts(request.body);
    const { key } = request.params;
    const { points, errors } = pointsFromLines(v.points ?? '');
    const targetText = (v.target ?? '').trim();
    const target = targetText === '' ? null : parseDanishNumber(targetText);
    if (targetText !== '' && target === null) errors.target = 'Skriv målet som et tal, fx 89.000';
    return submit(
      request,
      reply,
      key,
      'figure',
      v,
      async () => {
        await saveProgrammeFigure(ctx, key, { name: v.name, unit: v.unit ?? '', target, points }, clientKeyOf(request));
        return 'noegletal-gemt';
      },
      errors,
    );
  });

  app.post('/programmer/:key/oplysninger', { schema: { params: keyParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeProgramme(ctx.actor, 'edit');
    const v = texts(request.body);
    const { key } = request.params;
    return submit(request, reply, key, 'details', v, async () => {
      const { changed } = await updateProgramme(ctx, key, { description: v.description ?? '', responsiblePersonId: v.responsiblePersonId ?? '' });
      return changed ? 'gemt' : 'uaendret';
    });
  });

  const milestonePage = async (request: FastifyRequest, reply: FastifyReply, key: string, id: string, form?: { values: Record<string, string>; errors: FieldErrors }, status = 200) => {
    const ctx = actorCtx(request);
    authorizeProgramme(ctx.actor, 'edit');
    const { id: projectId, name } = await programmeByKey(ctx.db, key);
    const [m] = await ctx.db
      .select()
      .from(projectMilestone)
      .where(and(eq(projectMilestone.id, id), eq(projectMilestone.projectId, projectId)));
    if (!m) throw notFound('Milepælen findes ikke.');
    const values = form?.values ?? { title: m.title, startsOn: m.startsOn, endsOn: m.endsOn ?? '', state: m.state, description: m.description };
    return sendPage(
      reply,
      <MilestonePage request={request} programme={{ key, name }} milestoneId={id} originalOn={m.originalOn} values={values} errors={form?.errors ?? {}} />,
      status,
    );
  };

  app.get('/programmer/:key/milepaele/:id', { schema: { params: milestoneParams } }, async (request, reply) => milestonePage(request, reply, request.params.key, request.params.id));

  app.post('/programmer/:key/milepaele/:id', { schema: { params: milestoneParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeProgramme(ctx.actor, 'edit');
    const v = texts(request.body);
    const { key, id } = request.params;
    try {
      await saveProgrammeMilestone(ctx, key, id, { title: v.title, startsOn: v.startsOn, endsOn: v.endsOn, state: v.state || undefined, description: v.description ?? '' });
      return await reply.redirect(`/programmer/${key}?besked=milepael-gemt`, 303);
    } catch (error) {
      if (!shown(error)) throw error;
      return milestonePage(request, reply, key, id, { values: v, errors: errorsOf(error) }, error.status);
    }
  });
}
