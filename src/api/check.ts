// POST /v1/check and POST /v1/classify: the CLI's `check` and `classify` over HTTP. Bodies are the
// CLI's JSON (a Transfer, an Item); answers are the Decision and the Classification. Both are
// recorded in the audit chain with their versions before the answer goes out.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { classifyItem } from '../controls/classify.js';
import { ItemValidationError, validateItem } from '../controls/item.js';
import { checkTransfer } from '../decide/check.js';
import { CheckInputError, toInstant } from '../decide/nexus.js';
import { parseTransfer } from '../decide/transfer-input.js';
import type { Transfer } from '../domain/transfer.js';
import { recordDecision } from './routes.js';
import { ErrorSchema } from './schemas.js';
import { ApiError, type ServerContext } from './server.js';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 429: ErrorSchema, 503: ErrorSchema };

function pointer(field: string): string {
  if (field.startsWith('/')) return field;
  return `/${field.replace(/\[(\d+)\]/g, '.$1').replace(/\./g, '/')}`;
}

export function registerCheckRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post<{ Body: unknown; Querystring: { asOf?: string } }>(
    '/v1/check',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['decisions'],
        summary: 'Decide a transfer (the Transfer JSON of `interdict check`); answers the Decision',
        description: 'Body: a Transfer, validated against the same schema as the CLI (field errors as JSON pointers). ?asOf=DATE decides as the law and lists stood on that date (default: the transfer date).',
        querystring: Type.Object({ asOf: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}', maxLength: 40 })) }, { additionalProperties: false }),
        response: errors,
      },
    },
    async (req) => {
      let transfer: Transfer;
      let asOf: string;
      try {
        transfer = parseTransfer(req.body);
        asOf = toInstant(req.query.asOf ?? transfer.date);
      } catch (err) {
        if (err instanceof CheckInputError) throw new ApiError(400, 'invalid_request', err.message, pointer(err.field));
        throw err;
      }
      const checkCtx = ctx.engine.checkContext(asOf);
      const decision = checkTransfer(transfer, asOf, checkCtx);
      const versions = { lists: decision.versions.lists, scorer: decision.versions.scorer, rules: decision.versions.rules, ...(decision.versions.controls ? { controls: decision.versions.controls } : {}) };
      const id = await recordDecision(ctx, 'check', req.caller.id, { transfer, asOf }, decision, versions);
      return { ...decision, id, ...(decision.id ? { transferId: decision.id } : {}) };
    },
  );

  app.post<{ Body: unknown }>(
    '/v1/classify',
    { config: { role: 'analyst' }, schema: { tags: ['decisions'], summary: 'Classify an item (the Item JSON of `interdict classify`) against the control lists', response: errors } },
    async (req) => {
      let item;
      try {
        item = validateItem(req.body);
      } catch (err) {
        if (err instanceof ItemValidationError) throw new ApiError(400, 'invalid_request', err.message, pointer(err.field === 'item' ? '' : err.field));
        throw err;
      }
      const result = classifyItem(item, ctx.engine.controls);
      const screener = ctx.engine.ready ? ctx.engine.screener : undefined;
      const id = await recordDecision(ctx, 'classify', req.caller.id, item, result, {
        lists: {},
        scorer: screener?.scorerVersion ?? 'none',
        rules: ctx.engine.rulesVersion,
        controls: ctx.engine.controls.version,
      });
      return { id, ...result };
    },
  );
}
