import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { unreadableForm } from './buffered-multipart.ts';

/**
 * @fastify/multipart reads the form in a preValidation hook of its own, and a broken body
 * (truncated, another boundary, no boundary, garbage) surfaces there as a bare parser error
 * without a status. This hook runs right after it: a request that never got here failed while its
 * form was read, so such an error is the sender's (400), not the server's.
 */

const formRead = new WeakSet<FastifyRequest>();

/** Register after @fastify/multipart, so this hook runs once the plugin has read the form. */
export function registerMultipartErrors(app: FastifyInstance): void {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    formRead.add(request);
  });
}

/** The 400 a broken multipart body gets, or the error as it was. */
export function asUnreadableForm(error: FastifyError | AppError, request: FastifyRequest): FastifyError | AppError {
  if (error instanceof AppError || error.statusCode !== undefined || formRead.has(request)) return error;
  const multipart = typeof request.isMultipart === 'function' && request.isMultipart();
  return multipart ? unreadableForm() : error;
}
