// Case management over HTTP: the counterparty register, cases and their workflow (issue 8). The
// caller's API key is the acting user (four-eyes compares key ids), its role the user's role.
// Also two hooks: parties of a transfer checked through POST /v1/check are registered and their
// alerts open cases; a successful POST /v1/lists/refresh runs monitoring.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { CaseError, CaseService } from '../cases/service.js';
import type { Actor, CaseStatus, CounterpartyInput } from '../cases/model.js';
import type { Decision } from '../domain/decision.js';
import { runMonitor, type SourceMonitorReport } from '../monitoring/monitor.js';
import { DEFAULT_THRESHOLD } from '../matching/screener.js';
import { ApiError, type ServerContext } from './server.js';

const CounterpartySchema = Type.Object(
  {
    id: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    name: Type.String({ minLength: 1, maxLength: 300 }),
    schema: Type.Optional(Type.String({ maxLength: 40 })),
    country: Type.Optional(Type.String({ maxLength: 60 })),
    birthDate: Type.Optional(Type.String({ maxLength: 10 })),
    ids: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
    externalRef: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
const CounterpartiesBody = Type.Object({ counterparties: Type.Array(CounterpartySchema, { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false });
const CaseIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });
const CasesQuery = Type.Object({ status: Type.Optional(Type.Union(['open', 'in_review', 'cleared', 'confirmed', 'escalated'].map((s) => Type.Literal(s)))) });
const ReasonBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }), expiresAt: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })) }, { additionalProperties: false });
const CommentBody = Type.Object({ text: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false });
const AssignBody = Type.Object({ assignee: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

const STATUS: Record<string, number> = { not_found: 404, forbidden: 403, four_eyes: 409, invalid_state: 409, invalid_input: 400 };

function actor(req: FastifyRequest): Actor {
  return { user: req.caller.id, role: req.caller.role };
}

async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof CaseError) throw new ApiError(STATUS[err.code] ?? 400, err.code, err.message);
    throw err;
  }
}

export function registerCaseRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const service = new CaseService(ctx.storage, ctx.audit);
  const tags = ['cases'];

  /** Register counterparties and screen the new or changed ones against the served lists. */
  async function register(inputs: CounterpartyInput[], who: Actor, trigger: string, decision?: Decision) {
    const summary = await service.upsertCounterparties(inputs, who);
    const opened: string[] = [];
    if (!ctx.engine.ready) return { ...summary, opened };
    const screener = ctx.engine.screener;
    const prohibited = decision?.verdict === 'prohibited';
    for (const cp of summary.toScreen) {
      const matches = screener.screen({ name: cp.name, ...(cp.schema ? { schema: cp.schema } : {}), ...(cp.country ? { country: cp.country } : {}), ...(cp.birthDate ? { birthDate: cp.birthDate } : {}), ...(cp.ids?.length ? { ids: cp.ids } : {}) }, { threshold: DEFAULT_THRESHOLD });
      for (const match of matches) {
        const r = await service.alert({ counterparty: cp, match, trigger, listVersion: screener.listVersions[match.source] ?? '', blocking: prohibited }, who.user);
        if (r.outcome === 'opened') opened.push(r.case!.id);
      }
    }
    return { created: summary.created, updated: summary.updated, unchanged: summary.unchanged, opened };
  }

  app.get('/v1/counterparties', { config: { role: 'viewer' }, schema: { tags, summary: 'The counterparty register' } }, async () => ({ counterparties: await service.counterparties() }));

  app.post<{ Body: Static<typeof CounterpartiesBody> }>(
    '/v1/counterparties',
    { config: { role: 'analyst' }, schema: { tags, summary: 'Register counterparties (up to 1,000); new or changed ones are screened and alerts open cases', body: CounterpartiesBody } },
    async (req) => guarded(() => register(req.body.counterparties, actor(req), 'screen')),
  );

  app.get<{ Querystring: Static<typeof CasesQuery> }>('/v1/cases', { config: { role: 'viewer' }, schema: { tags, summary: 'Cases, optionally by status', querystring: CasesQuery } }, async (req) => ({
    cases: await service.cases(req.query.status ? { status: req.query.status as CaseStatus } : {}),
  }));

  app.get<{ Params: Static<typeof CaseIdParams> }>('/v1/cases/:id', { config: { role: 'viewer' }, schema: { tags, summary: 'A case with its history', params: CaseIdParams } }, async (req) =>
    guarded(async () => {
      const c = await service.case(req.params.id);
      if (!c) throw new CaseError('not_found', `no case ${req.params.id}`);
      return c;
    }),
  );

  app.post<{ Params: Static<typeof CaseIdParams>; Body: Static<typeof AssignBody> }>(
    '/v1/cases/:id/assign',
    { config: { role: 'analyst' }, schema: { tags, summary: 'Assign a case (moves it to in_review)', params: CaseIdParams, body: AssignBody } },
    async (req) => guarded(() => service.assign(req.params.id, req.body.assignee, actor(req))),
  );
  app.post<{ Params: Static<typeof CaseIdParams>; Body: Static<typeof CommentBody> }>(
    '/v1/cases/:id/comment',
    { config: { role: 'analyst' }, schema: { tags, summary: 'Comment on a case', params: CaseIdParams, body: CommentBody } },
    async (req) => guarded(() => service.comment(req.params.id, req.body.text, actor(req))),
  );
  app.post<{ Params: Static<typeof CaseIdParams>; Body: Static<typeof ReasonBody> }>(
    '/v1/cases/:id/clear',
    { config: { role: 'analyst' }, schema: { tags, summary: 'False positive: close and whitelist the pair (blocking: proposal, then a different approver)', params: CaseIdParams, body: ReasonBody } },
    async (req) => guarded(() => service.clear(req.params.id, req.body.reason, actor(req), req.body.expiresAt ? { expiresAt: req.body.expiresAt } : {})),
  );
  app.post<{ Params: Static<typeof CaseIdParams>; Body: Static<typeof ReasonBody> }>(
    '/v1/cases/:id/confirm',
    { config: { role: 'analyst' }, schema: { tags, summary: 'True match: close as confirmed (blocking: proposal, then a different approver)', params: CaseIdParams, body: ReasonBody } },
    async (req) => guarded(() => service.confirm(req.params.id, req.body.reason, actor(req))),
  );
  app.post<{ Params: Static<typeof CaseIdParams>; Body: Static<typeof ReasonBody> }>(
    '/v1/cases/:id/escalate',
    { config: { role: 'analyst' }, schema: { tags, summary: 'Escalate a case', params: CaseIdParams, body: ReasonBody } },
    async (req) => guarded(() => service.escalate(req.params.id, req.body.reason, actor(req))),
  );

  // After a successful check: register its parties, alerts open cases. After a successful
  // refresh: monitoring. Done before the answer leaves, so a caller that got the answer can see
  // the cases; a failure here is logged and does not undo the decision or the refresh.
  app.addHook('onSend', async (req, reply, payload) => {
    if (reply.statusCode !== 200 || req.method !== 'POST') return payload;
    const route = req.routeOptions.url;
    try {
      if (route === '/v1/check' && typeof payload === 'string') {
        const decision = JSON.parse(payload) as Decision;
        const parties = ((req.body as { parties?: CounterpartyInput[] })?.parties ?? []).filter((p) => typeof p?.name === 'string');
        const inputs = parties.map((p) => ({ name: p.name, ...(p.schema ? { schema: p.schema } : {}), ...(p.country ? { country: p.country } : {}), ...(p.birthDate ? { birthDate: p.birthDate } : {}), ...(p.ids?.length ? { ids: p.ids } : {}) }));
        if (inputs.length) await register(inputs, { user: req.caller.id, role: 'analyst' }, 'check', decision);
      } else if (route === '/v1/lists/refresh') {
        lastMonitor = await runMonitor(ctx.engine.listStore, service, { actor: req.caller.id });
      }
    } catch (err) {
      req.log.error({ err }, `case management after ${route} failed`);
    }
    return payload;
  });
}

/** The reports of the last monitoring run after a refresh (for operations and tests). */
export let lastMonitor: SourceMonitorReport[] | undefined;
