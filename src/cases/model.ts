// The plain records of case management (issue 8): counterparties a user deals with, cases opened
// by alerts, and whitelist entries left by cleared cases. Pure: no storage, no clock.
import { createHash } from 'node:crypto';
import type { Entity } from '../domain/entity.js';
import { canonicalJson } from '../store/canonical.js';
import type { Role } from '../store/storage.js';

export interface CounterpartyInput {
  /** The user's own id for the party; generated from the name when absent. */
  id?: string;
  name: string;
  schema?: string;
  country?: string;
  birthDate?: string;
  ids?: string[];
  /** Reference in the user's own system (customer number ...). */
  externalRef?: string;
}

export interface Counterparty extends CounterpartyInput {
  id: string;
  /** sha256 of the screened data: a whitelist entry holds it, and a change voids the entry. */
  hash: string;
  createdAt: string;
  updatedAt: string;
}

export type CaseStatus = 'open' | 'in_review' | 'cleared' | 'confirmed' | 'escalated';
export const CLOSED_STATUSES: readonly CaseStatus[] = ['cleared', 'confirmed'];

export interface CaseEvent {
  at: string;
  actor: string;
  action: 'opened' | 'assigned' | 'comment' | 'proposed' | 'cleared' | 'confirmed' | 'escalated' | 'entity_changed' | 'delisted' | 'reopened';
  text?: string;
}

export interface Case {
  id: string;
  status: CaseStatus;
  counterpartyId: string;
  counterpartyName: string;
  /** The listed entity (entityId of the match) and its list. */
  entityId: string;
  entityName: string;
  source: string;
  listVersion: string;
  score: number;
  matchedName: string;
  explanation: string;
  /** Why the case was opened: 'monitoring', 'screen', 'check'. */
  trigger: string;
  /** A blocking measure is involved (asset-freeze list or prohibited decision): four-eyes close. */
  blocking: boolean;
  counterpartyHash: string;
  entityHash?: string;
  assignee?: string;
  /** First half of a four-eyes close: who proposed which outcome and why. */
  proposal?: { outcome: 'cleared' | 'confirmed'; by: string; reason: string; at: string };
  openedAt: string;
  updatedAt: string;
  events: CaseEvent[];
}

export interface WhitelistEntry {
  /** `${counterpartyId}|${entityId}` */
  id: string;
  counterpartyId: string;
  entityId: string;
  source: string;
  counterpartyHash: string;
  entityHash?: string;
  reviewer: string;
  reason: string;
  caseId: string;
  createdAt: string;
  /** ISO date; absent = no expiry. */
  expiresAt?: string;
}

/**
 * Lists whose designations freeze assets (a prohibition, not a licensing matter): a hit on them is
 * a blocking measure and its case needs four eyes to close. OFAC SDN (31 CFR 501-599), UN Security
 * Council consolidated list, UK HMT/OFSI consolidated list, EU financial sanctions (FSF).
 */
export const ASSET_FREEZE_SOURCES: readonly string[] = ['us_ofac_sdn', 'un_sc_sanctions', 'gb_hmt_sanctions', 'eu_fsf'];

export function isBlockingSource(source: string): boolean {
  return ASSET_FREEZE_SOURCES.includes(source);
}

export interface Actor {
  user: string;
  role: Role;
}

const RANK: Record<Role, number> = { viewer: 0, analyst: 1, approver: 2, admin: 3 };
export function hasRole(actor: Actor, least: Role): boolean {
  return RANK[actor.role] >= RANK[least];
}

export function counterpartyHash(c: CounterpartyInput): string {
  const screened = { name: c.name, schema: c.schema ?? null, country: c.country ?? null, birthDate: c.birthDate ?? null, ids: [...(c.ids ?? [])].sort() };
  return createHash('sha256').update(canonicalJson(screened)).digest('hex');
}

/** Content hash of a listed entity: equal across list versions exactly when the entry is unchanged. */
export function entityHash(e: Entity): string {
  return createHash('sha256').update(canonicalJson(e)).digest('hex');
}

export function counterpartyId(c: CounterpartyInput): string {
  if (c.id) return c.id;
  return `cp_${createHash('sha256').update(`${c.name}\n${c.birthDate ?? ''}\n${c.country ?? ''}`).digest('hex').slice(0, 16)}`;
}

export function isClosed(c: Case): boolean {
  return CLOSED_STATUSES.includes(c.status);
}

export function whitelistId(counterpartyId: string, entityId: string): string {
  return `${counterpartyId}|${entityId}`;
}
