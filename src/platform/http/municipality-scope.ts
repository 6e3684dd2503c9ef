import type { FastifyInstance, FastifyRequest } from 'fastify';
import { notFound } from '../errors.ts';

/**
 * A route's `:code` parameter is a municipality code. A municipal user asking about another
 * municipality gets 404 before the body is read, so the answer is the same whatever was sent
 * (empty, malformed, huge or of the wrong type) and confirms nothing about what exists there.
 * Central staff may address every municipality; the use cases still check their roles.
 */
export function registerMunicipalityScope(app: FastifyInstance): void {
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const own = request.actor?.municipalityCode;
    if (!own) return;
    const params: unknown = request.params;
    const code = params && typeof params === 'object' && 'code' in params ? params.code : undefined;
    if (typeof code === 'string' && request.routeOptions.url?.includes('/:code') && code !== own) throw notFound();
  });
}
