/**
 * The Fastify application as a plugin-free factory: everything it needs comes
 * in as `deps`, so tests build it on a test database and use `app.inject`.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Store } from '../domain/ports.js';
import type { AuthDeps } from '../domain/auth/auth.service.js';
import { registerAuth } from './auth.js';
import { docsHooks, registerSecurityHeaders } from './security-headers.js';
import { sessionRoutes } from './routes/session.routes.js';
import { registerErrorHandling } from './error-handler.js';
import { dialogueRoutes } from './routes/dialogues.routes.js';
import { issueRoutes } from './routes/issues.routes.js';
import { readoutRoutes } from './routes/readouts.routes.js';
import { readoutWorkflowRoutes } from './routes/readout-workflow.routes.js';
import { writeRoutes } from './routes/writes.routes.js';
import { cycleRoutes } from './routes/cycle.routes.js';
import { agendaRoutes } from './routes/agenda.routes.js';
import { historyRoutes } from './routes/history.routes.js';
import { userRoutes } from './routes/users.routes.js';
import { systemRoutes } from './routes/system.routes.js';
import { oidcRoutes } from './routes/oidc.routes.js';
import { reportRoutes } from './routes/reports.routes.js';
import { reportQuestionRoutes } from './routes/report-questions.routes.js';
import { searchRoutes } from './routes/search.routes.js';
import { savedSearchRoutes } from './routes/saved-searches.routes.js';
import { publicRoutes } from './routes/public.routes.js';
import { analyticsRoutes } from './routes/analytics.routes.js';
import type { OidcSettings } from './oidc.js';
import type { AttachmentLimits } from '../shared/attachments.js';

export interface AppDeps {
  store: Store;
  auth: AuthDeps;
  engine: 'pglite' | 'postgres';
  isReachable: () => Promise<boolean>;
  installationName: string;
  version: string;
  /** Folder of the built web app (index.html); pages are not served without it. */
  webRoot?: string;
  /** Single sign-on with OpenID Connect; without it the SSO routes answer 404. */
  oidc?: OidcSettings;
  /** Problem reports: the side this installation serves (default addressee) and the attachment limits. */
  reports?: { side?: string; attachmentLimits?: AttachmentLimits };
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export async function buildApp(
  deps: AppDeps,
  logger: FastifyServerOptions['logger'] = false,
): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    // Echo a caller's request id when it is sane, so logs can be joined across services.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: 16 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const webRoot = deps.webRoot && fs.existsSync(path.join(deps.webRoot, 'index.html')) ? deps.webRoot : undefined;
  registerErrorHandling(
    app,
    webRoot ? { serveApp: (reply) => reply.type('text/html').sendFile('index.html') } : undefined,
  );
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await registerSecurityHeaders(app);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Parley API',
        version: deps.version,
        description:
          'The system of record for bilateral commercial dialogues between governments. ' +
          'Errors are {"error":{"code","message","details"}} with a stable code.',
      },
      tags: [
        { name: 'dialogues', description: 'Standing forums and their sides, people and principles' },
        { name: 'issues', description: 'Problems raised by one side about a measure of the other' },
        { name: 'meetings', description: "Meetings and each side's account of them" },
        { name: 'outcomes', description: 'Areas of cooperation, commitments, actions, exchanges, events' },
        { name: 'bundles', description: 'parley-dialogue/1 import and export' },
        { name: 'session', description: 'Signing in and out, my account, sessions and API tokens' },
        { name: 'system', description: 'Health and installation' },
        { name: 'reports', description: 'Problems reported by companies, their triage, and the HS nomenclature' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiHooks: docsHooks });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await registerAuth(app, deps.auth);
  await app.register(systemRoutes(deps));
  await app.register(sessionRoutes(deps), { prefix: '/api/v1' });
  await app.register(oidcRoutes(deps), { prefix: '/api/v1' });
  await app.register(dialogueRoutes(deps), { prefix: '/api/v1' });
  await app.register(issueRoutes(deps), { prefix: '/api/v1' });
  await app.register(readoutRoutes(deps), { prefix: '/api/v1' });
  await app.register(readoutWorkflowRoutes(deps), { prefix: '/api/v1' });
  await app.register(writeRoutes(deps), { prefix: '/api/v1' });
  await app.register(cycleRoutes(deps), { prefix: '/api/v1' });
  await app.register(agendaRoutes(deps), { prefix: '/api/v1' });
  await app.register(historyRoutes(deps), { prefix: '/api/v1' });
  await app.register(userRoutes(deps), { prefix: '/api/v1' });
  await app.register(reportRoutes(deps), { prefix: '/api/v1' });
  await app.register(reportQuestionRoutes(deps), { prefix: '/api/v1' });
  await app.register(searchRoutes(deps), { prefix: '/api/v1' });
  await app.register(savedSearchRoutes(deps), { prefix: '/api/v1' });
  await app.register(publicRoutes(deps), { prefix: '/api/public/v1' });
  await app.register(analyticsRoutes(deps), { prefix: '/api/v1' });

  if (webRoot) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ['index.html'] });
  }
  return app;
}
