import { noticeFor } from '../../platform/views/components.tsx';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isCentral } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { codeParams, municipalityCodeParam, pageQuery, queryText, textFormBody, uuidParam } from '../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../platform/http/request-context.ts';
import { registerMenuEntry } from '../../platform/views/menu.ts';
import { attentionForMunicipality, registerAttentionProvider } from '../../platform/attention/provider.ts';
import { AttentionSections } from '../../platform/attention/view.tsx';
import { danishDay } from '../../platform/views/format.ts';
import { galleryGapsProvider, galleryVacanciesProvider } from './attention.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { issuePasswordLink } from '../auth/index.ts';
import { clientKeyOf } from '../../platform/idempotency/claim-request.ts';
import { addPerson } from './add-person.ts';
import { assignRole } from './assign-role.ts';
import { deactivatePerson } from './deactivate-person.ts';
import { authorize, authorizeCentralOverview, can, mayReadCentralOverview } from './policy.ts';
import { getGallery, getMunicipality, listMunicipalities, referenceLists, roleOverview } from './queries.ts';
import { removeRole } from './remove-role.ts';
import { updatePerson } from './update-person.ts';
import { OverviewPage } from './overview-view.tsx';
import { GalleryPage, NOTICES, PersonForm, PersonPage } from './views.tsx';
import { formatNumber } from '../../platform/views/format.ts';

const personParams = z.object({ code: municipalityCodeParam, id: uuidParam });

/** ?rolle=&loesning= of the central role overview and its export. */
export const overviewQuery = pageQuery({ rolle: queryText, loesning: queryText });

/** Loads the municipality the URL names, after the policy says the actor may read it (else 404). */
async function readableMunicipality(request: FastifyRequest, code: string) {
  const ctx = actorCtx(request);
  authorize(ctx.actor, 'read', code);
  const m = await getMunicipality(ctx.db, code);
  if (!m) throw notFound();
  return { ctx, m, canManage: can(ctx.actor, 'manage', code) };
}

async function loadPerson(request: FastifyRequest, { code, id }: { code: string; id: string }) {
  const { ctx, m, canManage } = await readableMunicipality(request, code);
  const people = await getGallery(ctx.db, m.code);
  const person = people.find((x) => x.id === id);
  if (!person) throw notFound('Personen findes ikke.');
  return { ctx, m, canManage, person };
}

/** A form that fails validation is shown again with the user's input and a Danish error summary. */
async function orFormError(reply: FastifyReply, run: () => Promise<unknown>, redraw: (e: AppError) => Promise<JSX.Element>) {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof AppError) || (error.status !== 422 && error.status !== 409)) throw error;
    return sendPage(reply, await redraw(error), error.status);
  }
  return undefined;
}

export function registerOrganisationsPages(root: FastifyInstance) {
  // Central staff browse every municipality; a municipal user goes straight to their own gallery.
  registerMenuEntry({
    key: 'kommuner',
    order: 40,
    href: (a) => (isCentral(a) ? '/kommuner' : `/kommuner/${a.municipalityCode}`),
    label: (a) => (isCentral(a) ? 'Kommuner' : 'Rollegalleri'),
    visible: () => true,
  });
  registerAttentionProvider(galleryGapsProvider);
  registerAttentionProvider(galleryVacanciesProvider);
  registerMenuEntry({ key: 'rolleoverblik', order: 50, href: '/rolleoverblik', label: 'Rolleoverblik', visible: mayReadCentralOverview });
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/kommuner', async (request, reply) => {
    const ctx = actorCtx(request);
    if (!isCentral(ctx.actor)) return reply.redirect(`/kommuner/${ctx.actor.municipalityCode}`, 303);
    const rows = await listMunicipalities(ctx.db);
    return sendPage(
      reply,
      <Layout title="Kommuner" actor={ctx.actor} csrfToken={request.csrfToken} nav="kommuner">
        <h1>Kommuner</h1>
        <p class="font-lead">De 98 kommuner og deres rollegallerier.</p>
        <table class="table table--zebra table--compact">
          <caption class="sr-only">Kommuner</caption>
          <thead>
            <tr>
              <th scope="col">Kommune</th>
              <th scope="col">Kode</th>
              <th scope="col">Region</th>
              <th scope="col">KKR</th>
              <th scope="col" class="align-text-right">Indbyggere</th>
              <th scope="col" class="align-text-right">Personer</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>
                  <a href={`/kommuner/${r.code}`} safe>
                    {r.name}
                  </a>
                </td>
                <td safe>{r.code}</td>
                <td safe>{r.region}</td>
                <td safe>{r.kkr}</td>
                <td class="align-text-right" safe>
                  {formatNumber(r.population)}
                </td>
                <td class="align-text-right" safe>
                  {String(r.activePeople)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>,
    );
  });

  app.get('/kommuner/:code', { schema: { params: codeParams, querystring: pageQuery({}) } }, async (request, reply) => {
    const { ctx, m, canManage } = await readableMunicipality(request, request.params.code);
    const today = danishDay(ctx.now);
    // For the consultant's phone call: everything the municipality owes and has, then the gallery.
    const sections = await attentionForMunicipality(ctx, m.code, today);
    const people = await getGallery(ctx.db, m.code);
    const notice = noticeFor(NOTICES, request.query.besked);
    const attention = (
      <section aria-labelledby="kommunen-nu">
        <h2 id="kommunen-nu">Det venter på kommunen</h2>
        <AttentionSections
          sections={sections}
          today={today}
          headingLevel={3}
          empty="Kommunen har ingen åbne opgaver, ingen aftaler til underskrift og ingen huller i rollegalleriet."
        />
      </section>
    );
    return sendPage(reply, <GalleryPage request={request} municipality={m} people={people} canManage={canManage} notice={notice} attention={attention} />);
  });

  app.get('/kommuner/:code/personer/ny', { schema: { params: codeParams } }, async (request, reply) => {
    const { ctx, m } = await readableMunicipality(request, request.params.code);
    authorize(ctx.actor, 'manage', m.code);
    const page = <PersonForm request={request} municipality={m} action={`/kommuner/${m.code}/personer`} heading="Tilføj person" submitLabel="Tilføj person" />;
    return sendPage(reply, page);
  });

  app.post('/kommuner/:code/personer', { schema: { params: codeParams, body: textFormBody } }, async (request, reply) => {
    const { ctx, m } = await readableMunicipality(request, request.params.code);
    let id = '';
    const failed = await orFormError(
      reply,
      async () => {
        id = (await addPerson(ctx, m.code, request.body)).id;
      },
      async (e) => (
        <PersonForm
          request={request}
          municipality={m}
          action={`/kommuner/${m.code}/personer`}
          heading="Tilføj person"
          submitLabel="Tilføj person"
          values={request.body}
          errors={Object.keys(e.fieldErrors).length ? e.fieldErrors : { _: e.message }}
        />
      ),
    );
    return failed ?? reply.redirect(`/kommuner/${m.code}/personer/${id}?besked=person-oprettet`, 303);
  });

  app.get('/kommuner/:code/personer/:id', { schema: { params: personParams, querystring: pageQuery({}) } }, async (request, reply) => {
    const { ctx, m, canManage, person } = await loadPerson(request, request.params);
    const reference = await referenceLists(ctx.db);
    const notice = noticeFor(NOTICES, request.query.besked);
    return sendPage(reply, <PersonPage request={request} municipality={m} person={person} reference={reference} canManage={canManage} notice={notice} />);
  });

  app.get('/kommuner/:code/personer/:id/rediger', { schema: { params: personParams } }, async (request, reply) => {
    const { ctx, m, person } = await loadPerson(request, request.params);
    authorize(ctx.actor, 'manage', m.code);
    const page = (
      <PersonForm
        request={request}
        municipality={m}
        action={`/kommuner/${m.code}/personer/${person.id}/rediger`}
        heading={`Redigér ${person.name}`}
        submitLabel="Gem ændringer"
        values={{ name: person.name, email: person.email, title: person.title, phone: person.phone }}
      />
    );
    return sendPage(reply, page);
  });

  app.post('/kommuner/:code/personer/:id/rediger', { schema: { params: personParams, body: textFormBody } }, async (request, reply) => {
    const { ctx, m, person } = await loadPerson(request, request.params);
    const failed = await orFormError(
      reply,
      () => updatePerson(ctx, m.code, person.id, request.body),
      async (e) => (
        <PersonForm
          request={request}
          municipality={m}
          action={`/kommuner/${m.code}/personer/${person.id}/rediger`}
          heading={`Redigér ${person.name}`}
          submitLabel="Gem ændringer"
          values={request.body}
          errors={Object.keys(e.fieldErrors).length ? e.fieldErrors : { _: e.message }}
        />
      ),
    );
    return failed ?? reply.redirect(`/kommuner/${m.code}/personer/${person.id}?besked=person-gemt`, 303);
  });

  const actionParams = personParams.extend({ rid: uuidParam.optional() });
  type ActionInput = { params: z.output<typeof actionParams>; body: z.output<typeof textFormBody>; headers: Record<string, unknown> };
  const personAction = (suffix: string, run: (ctx: ReturnType<typeof actorCtx>, code: string, id: string, input: ActionInput) => Promise<unknown>, notice: string) =>
    app.post(`/kommuner/:code/personer/:id/${suffix}`, { schema: { params: actionParams, body: textFormBody } }, async (request, reply) => {
      const { ctx, m, canManage, person } = await loadPerson(request, request.params);
      const failed = await orFormError(
        reply,
        () => run(ctx, m.code, person.id, { params: request.params, body: request.body, headers: request.headers }),
        async (e) => {
          const reference = await referenceLists(ctx.db);
          const errors = Object.keys(e.fieldErrors).length ? e.fieldErrors : { _: e.message };
          return <PersonPage request={request} municipality={m} person={person} reference={reference} canManage={canManage} errors={errors} values={request.body} />;
        },
      );
      return failed ?? reply.redirect(`/kommuner/${m.code}/personer/${person.id}?besked=${notice}`, 303);
    });

  personAction('roller', (ctx, code, id, input) => assignRole(ctx, code, id, input.body), 'rolle-tildelt');
  personAction('roller/:rid/fjern', (ctx, code, id, input) => removeRole(ctx, code, id, input.params.rid ?? ''), 'rolle-fjernet');
  personAction('deaktiver', (ctx, code, id) => deactivatePerson(ctx, code, id), 'person-deaktiveret');
  personAction('login-link', (ctx, code, id, input) => issuePasswordLink(ctx, code, id, clientKeyOf(input)), 'link-sendt');

  app.get('/rolleoverblik', { schema: { querystring: overviewQuery } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeCentralOverview(ctx.actor);
    const reference = await referenceLists(ctx.db);
    const { roleTypeKey, solutionKey } = overviewSelection(request.query, reference);
    const overview = await roleOverview(ctx.db, roleTypeKey, solutionKey);
    return sendPage(
      reply,
      <OverviewPage request={request} reference={reference} roleTypeKey={roleTypeKey} solutionKey={solutionKey} overview={overview} />,
    );
  });
}

/** Reads ?rolle=&loesning=; unknown values fall back to system owners of the first solution. */
export function overviewSelection(q: { rolle?: string; loesning?: string }, reference: Awaited<ReturnType<typeof referenceLists>>) {
  const role = reference.roleTypes.find((r) => r.key === q.rolle && r.scope === 'municipal') ?? reference.roleTypes.find((r) => r.key === 'systemansvarlig')!;
  const wanted = q.rolle === undefined ? (q.loesning ?? reference.solutions[0]?.key) : q.loesning;
  const sol = reference.solutions.find((s) => s.key === wanted);
  const solutionKey = role.perSolution ? (sol?.key ?? reference.solutions[0]!.key) : null;
  return { roleTypeKey: role.key, solutionKey };
}
