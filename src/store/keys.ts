// API keys: a random 32-byte secret shown once; only its sha256 is stored. A key is
// `idk_<id>_<secret>`; lookup is by hash, and the hash found is compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ROLES, StorageError, type ApiKeyRecord, type Role, type Storage } from './storage.js';

const ROLE_RANK: Record<Role, number> = { viewer: 0, analyst: 1, approver: 2, admin: 3 };

/** True when `role` may do what `needed` may (viewer < analyst < approver < admin). */
export function roleAllows(role: Role, needed: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[needed];
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export async function createApiKey(storage: Storage, role: string, name?: string, now = new Date()): Promise<{ key: string; record: ApiKeyRecord }> {
  if (!isRole(role)) throw new StorageError(`unknown role "${role}" (roles: ${ROLES.join(', ')})`);
  const id = randomBytes(6).toString('hex');
  const key = `idk_${id}_${randomBytes(32).toString('base64url')}`;
  const record: ApiKeyRecord = { id, name: name ?? `${role} key`, role, hash: hashKey(key), createdAt: now.toISOString() };
  await storage.createKey(record);
  return { key, record };
}

/** The active key record for a presented key, or undefined (unknown, revoked or malformed). */
export async function authenticateKey(storage: Storage, presented: string): Promise<ApiKeyRecord | undefined> {
  if (!/^idk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/.test(presented)) return undefined;
  const hash = hashKey(presented);
  const record = await storage.keyByHash(hash);
  if (!record || record.revokedAt) return undefined;
  const a = Buffer.from(record.hash, 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b) ? record : undefined;
}
