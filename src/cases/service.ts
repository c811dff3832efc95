// Case management over the server's storage: the counterparty register, alerts that open cases,
// the case workflow (open -> in_review -> cleared / confirmed / escalated) with four-eyes closing
// of blocking cases, and whitelist entries that suppress an alert already cleared. Every change is
// also an audit entry (kind 'case_*', 'counterparty_*', 'whitelist_*'), so the full history is in
// the hash chain; the records hold the current state and their own event list for reading.
import { randomUUID, createHash } from 'node:crypto';
import type { Match } from '../domain/decision.js';
import type { AuditWriter } from '../store/audit.js';
import type { Storage } from '../store/storage.js';
import {
  counterpartyHash,
  counterpartyId,
  hasRole,
  isBlockingSource,
  isClosed,
  whitelistId,
  type Actor,
  type Case,
  type CaseEvent,
  type CaseStatus,
  type Counterparty,
  type CounterpartyInput,
  type WhitelistEntry,
} from './model.js';

const KIND = { counterparty: 'counterparty', case: 'case', openCase: 'case_open_pair', whitelist: 'whitelist', voided: 'whitelist_voided' } as const;

export type CaseErrorCode = 'not_found' | 'forbidden' | 'four_eyes' | 'invalid_state' | 'invalid_input';

export class CaseError extends Error {
  override readonly name = 'CaseError';
  constructor(
    readonly code: CaseErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface AlertInput {
  counterparty: Counterparty;
  match: Match;
  /** Content hash of the listed entity in the version that matched (see entityHash()). */
  entityHash?: string;
  /** 'monitoring', 'screen', 'check'. */
  trigger: string;
  /** The list version the match came from. */
  listVersion?: string;
  /** The decision was prohibited (a blocking measure) even if the list itself is not an asset freeze. */
  blocking?: boolean;
}

export interface AlertOutcome {
  /** 'opened' a new case, 'existing' open case for the same pair, 'suppressed' by a whitelist entry. */
  outcome: 'opened' | 'existing' | 'suppressed';
  case?: Case;
  whitelist?: WhitelistEntry;
}

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  /** Counterparties created or whose screened data changed: to be screened again. */
  toScreen: Counterparty[];
}

/** Default life of a whitelist entry: reviewed again after a year. */
const WHITELIST_DAYS = 365;

function pairKey(counterpartyId: string, entityId: string): string {
  return createHash('sha256').update(whitelistId(counterpartyId, entityId)).digest('hex').slice(0, 24);
}

export class CaseService {
  constructor(
    readonly storage: Storage,
    private readonly audit: AuditWriter,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private at(): string {
    return this.now().toISOString();
  }

  private async record(kind: string, actor: string, body: unknown): Promise<void> {
    await this.audit.append({ id: `${kind}_${randomUUID()}`, kind, actor, at: this.at(), body });
  }

  // ---- counterparties ----

  async upsertCounterparties(inputs: CounterpartyInput[], actor: Actor): Promise<ImportSummary> {
    requireRole(actor, 'analyst', 'register counterparties');
    const at = this.at();
    const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, toScreen: [] };
    const existing = new Map((await this.storage.listRecords(KIND.counterparty)).map((r) => [r.id, r.body as Counterparty]));
    const writes: Counterparty[] = [];
    const changedIds: string[] = [];
    for (const [i, input] of inputs.entries()) {
      if (typeof input.name !== 'string' || !input.name.trim()) throw new CaseError('invalid_input', `counterparty ${i + 1}: name is missing`);
      const id = counterpartyId(input);
      const hash = counterpartyHash(input);
      const old = existing.get(id);
      if (old && old.hash === hash && old.externalRef === input.externalRef) {
        summary.unchanged += 1;
        continue;
      }
      const cp: Counterparty = { ...clean(input), id, hash, createdAt: old?.createdAt ?? at, updatedAt: at };
      writes.push(cp);
      existing.set(id, cp);
      if (old) summary.updated += 1;
      else summary.created += 1;
      if (!old || old.hash !== hash) summary.toScreen.push(cp);
      if (old && old.hash !== hash) changedIds.push(id);
    }
    await this.storage.putRecords(KIND.counterparty, writes.map((c) => ({ id: c.id, body: c })));
    if (writes.length) await this.record('counterparty_import', actor.user, { created: summary.created, updated: summary.updated, ids: writes.map((c) => c.id) });
    // A counterparty whose data changed is no longer the one a reviewer cleared.
    if (changedIds.length) {
      const changed = new Set(changedIds);
      for (const r of await this.storage.listRecords(KIND.whitelist)) {
        const w = r.body as WhitelistEntry;
        if (changed.has(w.counterpartyId)) await this.voidWhitelist(w, actor.user, 'counterparty data changed');
      }
    }
    return summary;
  }

  async counterparties(): Promise<Counterparty[]> {
    return (await this.storage.listRecords(KIND.counterparty)).map((r) => r.body as Counterparty);
  }

  async counterparty(id: string): Promise<Counterparty | undefined> {
    return (await this.storage.getRecord(KIND.counterparty, id))?.body as Counterparty | undefined;
  }

  // ---- alerts ----

  /** An alert on (counterparty, listed entity): suppressed by a valid whitelist entry, else a case. */
  async alert(input: AlertInput, actor: string): Promise<AlertOutcome> {
    const { counterparty: cp, match } = input;
    const wl = (await this.storage.getRecord(KIND.whitelist, whitelistId(cp.id, match.entityId)))?.body as WhitelistEntry | undefined;
    let reopenedBecause: string | undefined;
    if (wl) {
      const problem = whitelistProblem(wl, cp, input.entityHash, this.now());
      if (!problem) {
        await this.record('alert_suppressed', actor, { counterpartyId: cp.id, entityId: match.entityId, source: match.source, score: match.score, whitelist: wl.id, caseId: wl.caseId });
        return { outcome: 'suppressed', whitelist: wl };
      }
      reopenedBecause = problem;
      await this.voidWhitelist(wl, actor, problem);
    } else {
      // Voided earlier (the entity or the counterparty changed): the next alert on the pair is a re-opening.
      const voided = (await this.storage.getRecord(KIND.voided, whitelistId(cp.id, match.entityId)))?.body as { reason: string } | undefined;
      if (voided) reopenedBecause = voided.reason;
    }
    if (reopenedBecause) await this.storage.deleteRecord(KIND.voided, whitelistId(cp.id, match.entityId));
    const pair = pairKey(cp.id, match.entityId);
    const openId = (await this.storage.getRecord(KIND.openCase, pair))?.body as string | undefined;
    if (openId) {
      const open = await this.case(openId);
      if (open && !isClosed(open)) return { outcome: 'existing', case: open };
    }
    const at = this.at();
    const events: CaseEvent[] = [{ at, actor, action: 'opened', text: `${input.trigger}: ${cp.name} ~ ${match.name} (${match.source} ${match.entityId}) score ${match.score.toFixed(3)}` }];
    if (reopenedBecause) events.push({ at, actor, action: 'reopened', text: `whitelist entry voided: ${reopenedBecause}` });
    const c: Case = {
      id: `case_${randomUUID()}`,
      status: 'open',
      counterpartyId: cp.id,
      counterpartyName: cp.name,
      entityId: match.entityId,
      entityName: match.name,
      source: match.source,
      listVersion: input.listVersion ?? '',
      score: match.score,
      matchedName: match.matchedName,
      explanation: match.explanation,
      trigger: input.trigger,
      blocking: Boolean(input.blocking) || isBlockingSource(match.source),
      counterpartyHash: cp.hash,
      ...(input.entityHash ? { entityHash: input.entityHash } : {}),
      openedAt: at,
      updatedAt: at,
      events,
    };
    await this.storage.putRecords(KIND.case, [{ id: c.id, body: c }]);
    await this.storage.putRecords(KIND.openCase, [{ id: pair, body: c.id }]);
    await this.record('case_opened', actor, { caseId: c.id, counterpartyId: cp.id, entityId: match.entityId, source: match.source, score: match.score, trigger: input.trigger, blocking: c.blocking, ...(reopenedBecause ? { reopenedBecause } : {}) });
    return { outcome: 'opened', case: c };
  }

  // ---- cases ----

  async cases(filter: { status?: CaseStatus; counterpartyId?: string } = {}): Promise<Case[]> {
    return (await this.storage.listRecords(KIND.case))
      .map((r) => r.body as Case)
      .filter((c) => (!filter.status || c.status === filter.status) && (!filter.counterpartyId || c.counterpartyId === filter.counterpartyId))
      .sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.id.localeCompare(b.id));
  }

  async case(id: string): Promise<Case | undefined> {
    return (await this.storage.getRecord(KIND.case, id))?.body as Case | undefined;
  }

  private async mustCase(id: string): Promise<Case> {
    const c = await this.case(id);
    if (!c) throw new CaseError('not_found', `no case ${id}`);
    return c;
  }

  private async save(c: Case, event: CaseEvent, auditKind: string): Promise<Case> {
    c.events.push(event);
    c.updatedAt = event.at;
    await this.storage.putRecords(KIND.case, [{ id: c.id, body: c }]);
    await this.record(auditKind, event.actor, { caseId: c.id, status: c.status, action: event.action, ...(event.text ? { text: event.text } : {}) });
    return c;
  }

  async assign(id: string, assignee: string, actor: Actor): Promise<Case> {
    requireRole(actor, 'analyst', 'assign a case');
    const c = await this.mustCase(id);
    if (isClosed(c)) throw new CaseError('invalid_state', `case ${id} is ${c.status}`);
    c.assignee = assignee;
    if (c.status === 'open') c.status = 'in_review';
    return this.save(c, { at: this.at(), actor: actor.user, action: 'assigned', text: assignee }, 'case_assigned');
  }

  async comment(id: string, text: string, actor: Actor): Promise<Case> {
    requireRole(actor, 'analyst', 'comment on a case');
    if (!text.trim()) throw new CaseError('invalid_input', 'comment text is empty');
    const c = await this.mustCase(id);
    return this.save(c, { at: this.at(), actor: actor.user, action: 'comment', text }, 'case_comment');
  }

  async escalate(id: string, reason: string, actor: Actor): Promise<Case> {
    requireRole(actor, 'analyst', 'escalate a case');
    const c = await this.mustCase(id);
    if (isClosed(c)) throw new CaseError('invalid_state', `case ${id} is ${c.status}`);
    c.status = 'escalated';
    return this.save(c, { at: this.at(), actor: actor.user, action: 'escalated', text: reason }, 'case_escalated');
  }

  /** False positive: closes the case and whitelists the pair (after four eyes when blocking). */
  clear(id: string, reason: string, actor: Actor, options: { expiresAt?: string } = {}): Promise<Case> {
    return this.close(id, 'cleared', reason, actor, options);
  }

  /** True match: closes the case as confirmed (after four eyes when blocking). */
  confirm(id: string, reason: string, actor: Actor): Promise<Case> {
    return this.close(id, 'confirmed', reason, actor, {});
  }

  private async close(id: string, outcome: 'cleared' | 'confirmed', reason: string, actor: Actor, options: { expiresAt?: string }): Promise<Case> {
    requireRole(actor, 'analyst', `${outcome === 'cleared' ? 'clear' : 'confirm'} a case`);
    if (!reason.trim()) throw new CaseError('invalid_input', `a reason is required to ${outcome === 'cleared' ? 'clear' : 'confirm'} a case`);
    const c = await this.mustCase(id);
    if (isClosed(c)) throw new CaseError('invalid_state', `case ${id} is already ${c.status}`);
    const at = this.at();
    if (c.blocking) {
      // Four eyes: a blocking measure is involved, so one person proposes and a second, different
      // person with the approver role closes.
      const p = c.proposal;
      if (!p || p.outcome !== outcome) {
        c.proposal = { outcome, by: actor.user, reason, at };
        c.status = 'in_review';
        return this.save(c, { at, actor: actor.user, action: 'proposed', text: `${outcome}: ${reason} (a second user with the approver role must agree)` }, 'case_proposed');
      }
      if (p.by === actor.user) throw new CaseError('four_eyes', `case ${id} involves a blocking measure (${c.source}): ${actor.user} proposed it and cannot also approve it; a second user with the approver role must`);
      if (!hasRole(actor, 'approver')) throw new CaseError('forbidden', `case ${id} involves a blocking measure (${c.source}): closing it needs the approver role, ${actor.user} is ${actor.role}`);
    }
    c.status = outcome;
    const reviewers = c.blocking && c.proposal ? `${c.proposal.by}+${actor.user}` : actor.user;
    const fullReason = c.blocking && c.proposal ? `${c.proposal.reason}${reason !== c.proposal.reason ? ` / ${reason}` : ''}` : reason;
    delete c.proposal;
    await this.storage.deleteRecord(KIND.openCase, pairKey(c.counterpartyId, c.entityId));
    const saved = await this.save(c, { at, actor: actor.user, action: outcome, text: fullReason }, `case_${outcome}`);
    if (outcome === 'cleared') {
      const expiresAt = options.expiresAt ?? new Date(this.now().getTime() + WHITELIST_DAYS * 86_400_000).toISOString().slice(0, 10);
      const w: WhitelistEntry = {
        id: whitelistId(c.counterpartyId, c.entityId),
        counterpartyId: c.counterpartyId,
        entityId: c.entityId,
        source: c.source,
        counterpartyHash: c.counterpartyHash,
        ...(c.entityHash ? { entityHash: c.entityHash } : {}),
        reviewer: reviewers,
        reason: fullReason,
        caseId: c.id,
        createdAt: at,
        expiresAt,
      };
      await this.storage.putRecords(KIND.whitelist, [{ id: w.id, body: w }]);
      await this.record('whitelist_added', actor.user, w);
    }
    return saved;
  }

  async whitelist(): Promise<WhitelistEntry[]> {
    return (await this.storage.listRecords(KIND.whitelist)).map((r) => r.body as WhitelistEntry);
  }

  private async voidWhitelist(w: WhitelistEntry, actor: string, why: string): Promise<void> {
    await this.storage.deleteRecord(KIND.whitelist, w.id);
    await this.storage.putRecords(KIND.voided, [{ id: w.id, body: { reason: why, caseId: w.caseId } }]);
    await this.record('whitelist_voided', actor, { whitelist: w.id, caseId: w.caseId, reason: why });
  }

  /**
   * A listed entity changed (content hash differs) or was removed in a new list version: the
   * whitelist entries on it are voided when it changed, and every case on it records the event.
   * Nothing is closed: a human decides.
   */
  async recordEntityEvent(source: string, entityId: string, event: { kind: 'changed' | 'delisted'; version: string; entityHash?: string; fields?: string[] }, actor: string): Promise<number> {
    if (event.kind === 'changed') {
      for (const r of await this.storage.listRecords(KIND.whitelist)) {
        const w = r.body as WhitelistEntry;
        if (w.entityId === entityId && w.source === source && w.entityHash !== event.entityHash) await this.voidWhitelist(w, actor, `listed entity ${entityId} changed in ${source} ${event.version}`);
      }
    }
    let touched = 0;
    for (const c of await this.cases()) {
      if (c.source !== source || c.entityId !== entityId) continue;
      const text = event.kind === 'delisted' ? `${entityId} is no longer on ${source} as of version ${event.version}; the case stays for a human to close` : `${entityId} changed in ${source} version ${event.version}${event.fields?.length ? ` (${event.fields.join(', ')})` : ''}`;
      await this.save(c, { at: this.at(), actor, action: event.kind === 'delisted' ? 'delisted' : 'entity_changed', text }, `case_${event.kind === 'delisted' ? 'delisted' : 'entity_changed'}`);
      touched += 1;
    }
    return touched;
  }

  async drain(): Promise<void> {
    await this.audit.drain();
  }
}

export function requireRole(actor: Actor, least: 'viewer' | 'analyst' | 'approver' | 'admin', what: string): void {
  if (!hasRole(actor, least)) throw new CaseError('forbidden', `${actor.user} (${actor.role}) may not ${what}: needs ${least}`);
}

/** Why a whitelist entry no longer covers this alert, or undefined when it still does. */
export function whitelistProblem(w: WhitelistEntry, cp: Counterparty, entityHash: string | undefined, now: Date): string | undefined {
  if (w.expiresAt && w.expiresAt < now.toISOString().slice(0, 10)) return `expired on ${w.expiresAt}`;
  if (w.counterpartyHash !== cp.hash) return 'counterparty data changed';
  if (entityHash && w.entityHash && w.entityHash !== entityHash) return 'listed entity changed';
  return undefined;
}

function clean(c: CounterpartyInput): CounterpartyInput {
  const out: CounterpartyInput = { name: c.name.trim() };
  if (c.schema) out.schema = c.schema;
  if (c.country) out.country = c.country;
  if (c.birthDate) out.birthDate = c.birthDate;
  if (c.ids?.length) out.ids = c.ids;
  if (c.externalRef) out.externalRef = c.externalRef;
  return out;
}
