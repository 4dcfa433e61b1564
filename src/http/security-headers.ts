/**
 * Security headers on every answer, with @fastify/helmet: a strict
 * Content-Security-Policy (only this site's own scripts, styles, fonts and
 * images; no inline script; no framing), `x-content-type-options: nosniff`,
 * `referrer-policy: no-referrer`, `x-frame-options: DENY`, and
 * Strict-Transport-Security when (and only when) the request came over HTTPS.
 *
 * Two answers set their own policy on top: the API documentation (Swagger UI
 * styles its page inline, see DOCS_CSP) and a readout as an HTML page
 * (routes/readouts.routes.ts: no script at all, its own inline style sheet).
 */
import { createHash } from 'node:crypto';
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STYLE as READOUT_STYLE } from '../readouts/html.js';

/**
 * The readout preview of the meeting page is an `<iframe srcdoc>`, which
 * inherits the page's policy: its one fixed style sheet is allowed by hash.
 */
const READOUT_STYLE_SOURCE = `'sha256-${createHash('sha256').update(READOUT_STYLE).digest('base64')}'`;

export const PAGE_CSP: Readonly<Record<string, string[]>> = Object.freeze({
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", READOUT_STYLE_SOURCE],
  // data: for the icon in index.html and the stylesheets' inline SVG icons.
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
});

/** Swagger UI at /api/docs: its scripts are files, but it styles its page inline. */
export const DOCS_CSP =
  "default-src 'self'; base-uri 'self'; script-src 'self'; script-src-attr 'none'; " +
  "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; form-action 'self'; frame-ancestors 'none'";

export const HSTS = 'max-age=31536000; includeSubDomains';

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: PAGE_CSP },
    // Set below over HTTPS only: over plain HTTP the header means nothing (and would pin a development host).
    hsts: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
  });
}

/** Route hooks for the Swagger UI routes (`uiHooks`): its own, relaxed policy. */
export const docsHooks = {
  onRequest: async (_request: FastifyRequest, reply: FastifyReply) => {
    reply.header('content-security-policy', DOCS_CSP);
  },
};
