// The audit log: append-only and hash-chained. Each entry's hash is
//   sha256(prev_hash + canonical JSON of {seq, id, kind, actor, at, body})
// so editing any field of an entry, deleting one or swapping two breaks the chain at a seq that
// verification reports. The chain head (last seq and hash) is kept beside the chain, so cutting
// entries off the end is detected too. Decisions are audit entries (kind 'screen', 'check' ...):
// one write per decision, and a decision can never exist outside the chain.
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical.js';
import type { Storage } from './storage.js';

export interface NewAuditEntry {
  /** Unique id: the decision id for decisions. */
  id: string;
  /** 'screen', 'screen_batch', 'match', 'check', 'classify', 'lists_refresh', 'key_create' ... */
  kind: string;
  /** The API key id (or 'cli', 'dev') that caused the entry. */
  actor: string;
  /** ISO 8601 instant. */
  at: string;
  /** What is recorded: input, output and versions for a decision. */
  body: unknown;
}

/** Where an entry sits in the chain. */
export interface AuditLink {
  seq: number;
  prevHash: string;
  hash: string;
}

export interface AuditEntry extends NewAuditEntry, AuditLink {}

export function entryHash(prevHash: string, e: NewAuditEntry & { seq: number }): string {
  const content = canonicalJson({ seq: e.seq, id: e.id, kind: e.kind, actor: e.actor, at: e.at, body: e.body });
  return createHash('sha256').update(prevHash).update(content).digest('hex');
}

/** Chain `entries` after the head (seq, hash): pure, used by both storage implementations. */
export function chainEntries(head: { seq: number; hash: string }, entries: NewAuditEntry[]): AuditEntry[] {
  let { seq, hash } = head;
  return entries.map((e) => {
    seq += 1;
    const out: AuditEntry = { ...e, seq, prevHash: hash, hash: '' };
    out.hash = entryHash(hash, out);
    hash = out.hash;
    return out;
  });
}

export interface AuditProblem {
  seq: number;
  problem: 'edited' | 'deleted' | 'reordered' | 'broken_link' | 'truncated';
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  head: { seq: number; hash: string };
  /** The first problem found (verification stops there: later hashes depend on it). */
  problem?: AuditProblem;
}

/** Walk the whole chain in seq order, recomputing every hash. */
export async function verifyAudit(storage: Storage, pageSize = 5000): Promise<AuditVerification> {
  const head = await storage.auditHead();
  let prevHash = '';
  let expectedSeq = 1;
  let count = 0;
  let after = 0;
  const fail = (problem: AuditProblem): AuditVerification => ({ ok: false, entries: count, head, problem });
  // Entries appended after the head was read (by a running server) are not part of this check.
  for (;;) {
    const page = (await storage.auditRange(after, pageSize)).filter((e) => e.seq <= head.seq || e.seq < expectedSeq);
    if (page.length === 0) break;
    for (const e of page) {
      if (e.seq !== expectedSeq) {
        // A gap: entries expectedSeq..e.seq-1 are gone.
        if (e.seq > expectedSeq) return fail({ seq: expectedSeq, problem: 'deleted', message: `entries ${expectedSeq}..${e.seq - 1} are missing` });
        return fail({ seq: e.seq, problem: 'reordered', message: `seq ${e.seq} appears after ${expectedSeq - 1}` });
      }
      if (e.prevHash !== prevHash) {
        return fail({ seq: e.seq, problem: e.prevHash && page.some((x) => x.hash === e.prevHash) ? 'reordered' : 'broken_link', message: `entry ${e.seq} does not follow entry ${e.seq - 1} (prev_hash ${e.prevHash.slice(0, 12)} != ${prevHash.slice(0, 12)})` });
      }
      const recomputed = entryHash(prevHash, e);
      if (recomputed !== e.hash) {
        return fail({ seq: e.seq, problem: 'edited', message: `entry ${e.seq} (${e.kind} ${e.id}) was changed after it was written: its content no longer hashes to its recorded hash` });
      }
      prevHash = e.hash;
      expectedSeq += 1;
      count += 1;
      after = e.seq;
    }
  }
  if (count !== head.seq || prevHash !== head.hash) {
    return fail({ seq: count + 1, problem: 'truncated', message: `the chain ends at seq ${count} but the recorded head is seq ${head.seq}` });
  }
  return { ok: true, entries: count, head };
}

/**
 * Group commit: callers enqueue entries and get a promise resolved after the transaction that
 * holds them committed. While one transaction is in flight, new entries gather and go together in
 * the next one, so the fsync cost is shared at high load and nothing is acknowledged early.
 */
export class AuditWriter {
  private pending: { entry: NewAuditEntry; resolve: (e: AuditEntry) => void; reject: (err: unknown) => void }[] = [];
  private flushing = false;
  appended = 0;

  constructor(
    private readonly storage: Storage,
    private readonly maxBatch = 500,
  ) {}

  append(entry: NewAuditEntry): Promise<AuditEntry> {
    return new Promise((resolve, reject) => {
      this.pending.push({ entry, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.length) {
      const batch = this.pending.splice(0, this.maxBatch);
      try {
        const written = await this.storage.appendAudit(batch.map((p) => p.entry));
        this.appended += written.length;
        batch.forEach((p, i) => p.resolve(written[i]!));
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
    this.flushing = false;
  }

  /** Resolves when everything enqueued so far is committed. */
  async drain(): Promise<void> {
    while (this.flushing || this.pending.length) await new Promise((r) => setTimeout(r, 5));
  }
}
