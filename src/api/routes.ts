// The /v1 routes and the operational endpoints (health, readiness, metrics). Each route: schema,
// least role, a call into the engine, and for decisions an audit record committed before the
// answer goes out.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { verifyAudit } from '../store/audit.js';
import { regimeTimeline } from '../regimes/timeline.js';
import { runScreen, runScreenBatch, type DecisionBody, type DecisionVersions } from './decisions.js';
import {
  DecisionIdParams,
  ErrorSchema,
  RefreshBody,
  ScreenBatchBodySchema,
  ScreenBodySchema,
  ScreenResponseSchema,
  TimelineQuery,
  type ScreenBatchBody,
  type ScreenBody,
} from './schemas.js';
import { ApiError, type ServerContext } from './server.js';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 429: ErrorSchema, 503: ErrorSchema };

/** Append a decision to the audit chain; resolves once committed. Returns its id. */
export async function recordDecision(ctx: ServerContext, kind: string, caller: string, input: unknown, output: unknown, versions: DecisionVersions): Promise<string> {
  const id = randomUUID();
  // Recorded as it is: nothing changes a decision's output after it is made, and the storage
  // serialises the entry (canonical JSON, undefined fields dropped) when it appends it.
  const body: DecisionBody = { input, output, versions };
  await ctx.audit.append({ id, kind, actor: caller, at: new Date().toISOString(), body });
  return id;
}

export function registerRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { engine, storage } = ctx;

  app.get('/healthz', { schema: { tags: ['operations'], summary: 'Liveness: the process answers' } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { tags: ['operations'], summary: 'Readiness: lists loaded and database reachable' } }, async (_req, reply) => {
    const problems: string[] = [];
    if (!engine.ready) problems.push(engine.notReadyReason ?? 'screener not loaded');
    try {
      await storage.auditHead();
    } catch (err) {
      problems.push(`database: ${(err as Error).message}`);
    }
    if (problems.length) return reply.status(503).send({ status: 'not_ready', problems });
    return { status: 'ready', lists: engine.screener.listVersions, storage: storage.kind };
  });

  app.get('/metrics', { schema: { tags: ['operations'], summary: 'Prometheus metrics' } }, async (_req, reply) => {
    const head = await storage.auditHead().catch(() => ({ seq: -1 }));
    const lists = engine.ready ? engine.screener.listVersions : {};
    const listEntities: Record<string, number> = {};
    if (engine.ready) for (const info of engine.listStore.status()) if (lists[info.source] === info.version) listEntities[info.source] = info.entities;
    reply.type('text/plain; version=0.0.4');
    return ctx.metrics.render({ lists, listEntities, auditEntries: head.seq, auditAppended: ctx.audit.appended, ready: engine.ready });
  });

  app.post<{ Body: ScreenBody }>(
    '/v1/screen',
    { config: { role: 'analyst' }, schema: { tags: ['screening'], summary: 'Screen one name against the loaded sanctions lists', body: ScreenBodySchema, response: { 200: ScreenResponseSchema, ...errors } } },
    async (req) => {
      const screener = engine.screener; // one screener for the whole request, even if a refresh swaps it
      const output = runScreen(screener, req.body);
      const id = await recordDecision(ctx, 'screen', req.caller.id, req.body, output, { lists: screener.listVersions, scorer: screener.scorerVersion, rules: engine.rulesVersion });
      return { id, ...output };
    },
  );

  app.post<{ Body: ScreenBatchBody }>(
    '/v1/screen/batch',
    { config: { role: 'analyst' }, schema: { tags: ['screening'], summary: 'Screen up to 1,000 names in one request', body: ScreenBatchBodySchema, response: errors } },
    async (req) => {
      const screener = engine.screener;
      const output = runScreenBatch(screener, req.body);
      const id = await recordDecision(ctx, 'screen_batch', req.caller.id, req.body, output, { lists: screener.listVersions, scorer: screener.scorerVersion, rules: engine.rulesVersion });
      return { id, ...output };
    },
  );

  app.get<{ Params: Static<typeof DecisionIdParams> }>(
    '/v1/decisions/:id',
    { config: { role: 'viewer' }, schema: { tags: ['audit'], summary: 'A recorded decision: input, output, caller, time, versions', params: DecisionIdParams, response: { 404: ErrorSchema, ...errors } } },
    async (req) => {
      const e = await storage.auditEntry(req.params.id);
      if (!e) throw new ApiError(404, 'not_found', `no decision with id ${req.params.id}`, '/id');
      const body = e.body as Partial<DecisionBody>;
      return { id: e.id, kind: e.kind, caller: e.actor, at: e.at, seq: e.seq, hash: e.hash, input: body.input, output: body.output, versions: body.versions };
    },
  );

  app.get('/v1/lists', { config: { role: 'viewer' }, schema: { tags: ['lists'], summary: 'Loaded list versions and the ones being served' } }, async () => {
    const serving = engine.ready ? engine.screener.listVersions : {};
    return { serving, lists: engine.listStore.status().map((i) => ({ ...i, serving: serving[i.source] === i.version, files: i.files.map((f) => ({ role: f.role, bytes: f.bytes, sha256: f.sha256 })) })) };
  });

  app.post<{ Body: Static<typeof RefreshBody> }>(
    '/v1/lists/refresh',
    { config: { role: 'admin' }, schema: { tags: ['lists'], summary: 'Load new list versions (mirror or official URLs) and serve them; a failed refresh keeps the previous versions', body: RefreshBody } },
    async (req) => {
      const before = engine.ready ? engine.screener.listVersions : {};
      const at = new Date().toISOString();
      try {
        const result = await engine.refresh(req.body?.sources);
        await ctx.audit.append({ id: randomUUID(), kind: 'lists_refresh', actor: req.caller.id, at, body: { ok: true, before, after: result.lists, outcomes: result.outcomes } });
        return { ok: true, before, ...result };
      } catch (err) {
        await ctx.audit.append({ id: randomUUID(), kind: 'lists_refresh', actor: req.caller.id, at, body: { ok: false, before, error: (err as Error).message } });
        throw err;
      }
    },
  );

  app.get<{ Querystring: Static<typeof TimelineQuery> }>(
    '/v1/rules/timeline',
    { config: { role: 'viewer' }, schema: { tags: ['rules'], summary: 'Regime measures entering and leaving force', querystring: TimelineQuery } },
    async (req) => ({ rules: engine.rulesVersion, events: regimeTimeline(engine.regimes, req.query) }),
  );

  app.get(
    '/v1/audit/verify',
    { config: { role: 'approver' }, schema: { tags: ['audit'], summary: 'Recompute the audit hash chain; names the first edited, deleted or reordered entry', response: { 200: Type.Unknown(), ...errors } } },
    async () => {
      await ctx.audit.drain();
      return verifyAudit(storage);
    },
  );
}
