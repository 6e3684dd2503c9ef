import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';
import { Layout } from '../views/layout.tsx';
import { asUnreadableForm } from './multipart-errors.ts';
import { isApiRequest, sendPage } from './request-context.ts';

const TITLES: Record<number, string> = {
  401: 'Du skal være logget ind',
  403: 'Ingen adgang',
  404: 'Siden findes ikke',
  429: 'For mange forsøg',
};

function ErrorPage(p: { request: FastifyRequest; status: number; message: string }): JSX.Element {
  const title = TITLES[p.status] ?? (p.status >= 500 ? 'Der opstod en fejl' : 'Forespørgslen kunne ikke gennemføres');
  return (
    <Layout title={title} actor={p.request.actor} csrfToken={p.request.csrfToken}>
      <h1 safe>{title}</h1>
      <p class="font-lead" safe>
        {p.message}
      </p>
      {p.status === 404 ? (
        <p>Adressen kan være forkert, eller også har du ikke adgang til det, du leder efter.</p>
      ) : (
        ''
      )}
      {p.status >= 500 ? (
        <p>
          Prøv igen om lidt. Hvis fejlen bliver ved, så kontakt support og oplys fejlkoden{' '}
          <strong safe>{String(p.request.id)}</strong>.
        </p>
      ) : (
        ''
      )}
      <p>
        <a href="/" class="function-link">
          Gå til forsiden
        </a>
      </p>
    </Layout>
  );
}

/** One place turns failures into structured API errors or Danish pages; 5xx details never leak. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((raised: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const error = asUnreadableForm(raised, request);
    let status: number;
    let code: string;
    let message: string;
    let fieldErrors: Record<string, string> = {};
    if (error instanceof AppError) {
      ({ status, code, message, fieldErrors } = error);
    } else if (hasZodFastifySchemaValidationErrors(error) && error.validationContext === 'params' && !isApiRequest(request)) {
      // A page address whose id or code cannot name anything is an address that does not exist.
      status = 404;
      code = 'not_found';
      message = 'Vi kunne ikke finde den side, du bad om.';
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      status = 422;
      code = 'validation_failed';
      message = 'Der er fejl i det indsendte.';
      for (const v of error.validation) {
        const key = v.instancePath.replace(/^\//, '').replace(/\//g, '.') || '_';
        fieldErrors[key] ??= v.message ?? 'ugyldig værdi';
      }
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
      code = status === 429 ? 'rate_limited' : (error.code?.toLowerCase() ?? 'bad_request');
      message = status === 429 ? 'For mange forsøg. Vent lidt og prøv igen.' : error.message;
    } else {
      request.log.error({ err: error }, 'request failed');
      status = 500;
      code = 'internal_error';
      message = 'Der opstod en uventet fejl.';
    }
    if (isApiRequest(request) || request.headers.accept === 'application/json') {
      return reply.status(status).send({ code, message, fieldErrors, requestId: String(request.id) });
    }
    return sendPage(reply, <ErrorPage request={request} status={status} message={message} />, status);
  });

  app.setNotFoundHandler(async (request, reply) => {
    const message = 'Vi kunne ikke finde den side, du bad om.';
    if (isApiRequest(request)) {
      return reply.status(404).send({ code: 'not_found', message, fieldErrors: {}, requestId: String(request.id) });
    }
    return sendPage(reply, <ErrorPage request={request} status={404} message={message} />, 404);
  });
}
