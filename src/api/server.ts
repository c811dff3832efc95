// The HTTP server: fastify with TypeBox-validated routes, API-key auth with roles, per-key rate
// limits, Prometheus metrics, OpenAPI at /openapi.json and offline docs at /docs. Routes are thin:
// they validate, call the engine, record the decision in the audit chain and answer only after
// that record is committed.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { createRequire } from 'node:module';
import { AuditWriter } from '../store/audit.js';
import { authenticateKey, roleAllows } from '../store/keys.js';
import type { ApiKeyRecord, Role, Storage } from '../store/storage.js';
import type { Engine } from './engine.js';
import { EngineNotReadyError, RefreshError } from './engine.js';
import { Metrics } from './metrics.js';
import { TokenBuckets, type RateLimit } from './rate-limit.js';
import { registerRoutes } from './routes.js';
import { registerYenteMatch } from './yente.js';
import { registerCheckRoutes } from './check.js';
import { registerCaseRoutes } from './cases.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Least role a caller needs; absent: public route (health, metrics, docs). */
    role?: Role;
  }
  interface FastifyRequest {
    caller: { id: string; role: Role; name: string };
  }
}

export interface ServerOptions {
  storage: Storage;
  engine: Engine;
  /** No API keys needed (every caller is 'dev' with the admin role). Only ever on loopback. */
  dev?: boolean;
  /** Per-key limit; perSecond 0 turns it off. Default 200/s, burst 400. */
  rateLimit?: RateLimit;
  logger?: boolean;
  /** Largest accepted request body in bytes (default 2 MiB: a full 1,000-row batch fits). */
  bodyLimit?: number;
}

export interface ServerContext {
  storage: Storage;
  engine: Engine;
  audit: AuditWriter;
  metrics: Metrics;
}

/** An error a route throws to answer 4xx with a clear message. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const require = createRequire(import.meta.url);
const pkg = require('../../package.json') as { version: string };
const KEY_CACHE_MS = 5000;

/** JSON pointer of the field a fastify/ajv validation error is about. */
function fieldOf(v: { instancePath?: string; params?: Record<string, unknown> }): string {
  const base = v.instancePath || '';
  const missing = v.params?.missingProperty ?? v.params?.additionalProperty;
  return typeof missing === 'string' ? `${base}/${missing}` : base || '/';
}

export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: 'info' } : false,
    bodyLimit: opts.bodyLimit ?? 2 * 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
    // Ajv: validate exactly; never strip or coerce body fields silently.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  });
  const metrics = new Metrics();
  const audit = new AuditWriter(opts.storage);
  const buckets = new TokenBuckets(opts.rateLimit ?? { perSecond: 200, burst: 400 });
  const keyCache = new Map<string, { record: ApiKeyRecord | undefined; until: number }>();
  const ctx: ServerContext = { storage: opts.storage, engine: opts.engine, audit, metrics };
  app.decorateRequest('caller', { getter: () => ({ id: 'anonymous', role: 'viewer' as Role, name: 'anonymous' }) } as never);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'interdict API', version: pkg.version, description: 'Sanctions screening, control-list classification and transfer decisions, with a hash-chained audit log.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API key (interdict keys create --role R)' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
      security: [{ bearer: [] }, { apiKey: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const needed = req.routeOptions.config?.role;
    if (!needed) return;
    let caller: { id: string; role: Role; name: string };
    if (opts.dev) {
      caller = { id: 'dev', role: 'admin', name: 'dev mode' };
    } else {
      const auth = req.headers.authorization;
      const presented = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : (req.headers['x-api-key'] as string | undefined);
      if (!presented) throw new ApiError(401, 'unauthorized', 'an API key is required: Authorization: Bearer <key> or X-API-Key');
      const now = Date.now();
      let cached = keyCache.get(presented);
      if (!cached || cached.until < now) {
        // Revocations reach every instance within KEY_CACHE_MS.
        cached = { record: await authenticateKey(opts.storage, presented), until: now + KEY_CACHE_MS };
        if (keyCache.size > 10_000) keyCache.clear();
        keyCache.set(presented, cached);
      }
      if (!cached.record) throw new ApiError(401, 'unauthorized', 'unknown or revoked API key');
      caller = { id: cached.record.id, role: cached.record.role, name: cached.record.name };
    }
    if (!roleAllows(caller.role, needed)) throw new ApiError(403, 'forbidden', `this endpoint needs the ${needed} role; key ${caller.id} has ${caller.role}`);
    const wait = buckets.take(caller.id);
    if (wait > 0) {
      reply.header('Retry-After', String(wait));
      throw new ApiError(429, 'rate_limited', `rate limit exceeded for key ${caller.id}; retry after ${wait} s`);
    }
    Object.defineProperty(req, 'caller', { value: caller });
  });

  app.addHook('onResponse', async (req, reply) => {
    metrics.observe(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });

  app.setErrorHandler((err: Error & { validation?: { instancePath?: string; params?: Record<string, unknown>; message?: string }[]; validationContext?: string; statusCode?: number; code?: string }, req, reply) => {
    if (err.validation?.length) {
      const v = err.validation[0]!;
      const field = fieldOf(v);
      const where = err.validationContext && err.validationContext !== 'body' ? `${err.validationContext} ` : '';
      return reply.status(400).send({ error: 'invalid_request', field, message: `${where}${field}: ${v.message ?? 'invalid'}` });
    }
    if (err instanceof ApiError) {
      return reply.status(err.statusCode).send({ error: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) });
    }
    if (err instanceof EngineNotReadyError) return reply.status(503).send({ error: 'not_ready', message: err.message });
    if (err instanceof RefreshError) return reply.status(502).send({ error: 'refresh_failed', message: err.message });
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status < 500) return reply.status(status).send({ error: (err.code ?? 'bad_request').toLowerCase(), message: err.message });
    req.log.error(err);
    // No stack trace or internal message leaves the server.
    return reply.status(500).send({ error: 'internal', message: `internal error (request ${req.id})` });
  });
  app.setNotFoundHandler((req, reply) => reply.status(404).send({ error: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` }));

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  registerRoutes(app, ctx);
  registerYenteMatch(app, ctx);
  registerCheckRoutes(app, ctx);
  registerCaseRoutes(app, ctx);
  app.addHook('onClose', async () => {
    await audit.drain();
  });
  return app;
}
