// Pieces shared by the four OFAC formats (legacy CSV, sdnList XML, ADVANCED_XML, ENHANCED_XML):
// entity skeletons, OFAC's "LAST, First" names, relation types, and resolving "Linked To:" remarks.
import type { Entity, EntityName, EntitySchema, NameParts, Relation, RelationType } from '../../domain/entity.js';
import type { ParseWarning } from '../../domain/list.js';
import type { RemarkFacts } from './ofac-remarks.js';

export { newEntity as emptyEntity } from '../../domain/entity.js';

/** OFAC party types as its formats spell them ("individual", "Individual", "Entity", "-0-" ...). */
export function ofacSchema(type: string | undefined): EntitySchema {
  const t = (type ?? '').trim().toLowerCase();
  if (t === 'individual') return 'Person';
  if (t === 'vessel') return 'Vessel';
  if (t === 'aircraft') return 'Aircraft';
  // OFAC leaves entities untyped ("-0-" in sdn.csv, "Entity" in the XML formats).
  return 'Organization';
}

/** Individuals are listed as "LAST, First Middle"; keep the list's form and split it into parts. */
export function personNameParts(full: string): NameParts | undefined {
  const comma = full.indexOf(',');
  if (comma < 0) return undefined;
  const last = full.slice(0, comma).trim();
  const first = full.slice(comma + 1).trim();
  if (!last || !first) return undefined;
  return { last, first };
}

/** OFAC joins last and first name as "LAST, First" in its legacy formats; do the same for XML parts. */
export function joinOfacName(last: string | undefined, first: string | undefined): string {
  const l = (last ?? '').trim();
  const f = (first ?? '').trim();
  if (l && f) return `${l}, ${f}`;
  return l || f;
}

export function addProperty(entity: Entity, key: string, value: string | undefined): void {
  const v = value?.trim();
  if (!v) return;
  const list = (entity.properties[key] ??= []);
  if (!list.includes(v)) list.push(v);
}

export function addUnique<T>(list: T[], value: T | undefined, same: (a: T, b: T) => boolean = (a, b) => a === b): void {
  if (value === undefined) return;
  if (!list.some((x) => same(x, value))) list.push(value);
}

export function addName(entity: Entity, name: EntityName): void {
  if (!name.full.trim()) return;
  const dup = entity.names.find((n) => n.full === name.full && n.script === name.script);
  if (dup) {
    // A name listed both as primary and alias keeps its strongest quality.
    const rank = { primary: 0, strong: 1, weak: 2 } as const;
    if (rank[name.quality] < rank[dup.quality]) dup.quality = name.quality;
    return;
  }
  entity.names.push(name);
}

/** Name key for resolving "Linked To:" targets: case, punctuation and spacing do not matter. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** One "Linked To:" remark of an entity, waiting to be resolved against the whole list. */
export interface LinkedTo {
  fromId: string;
  target: string;
  evidence: string;
}

/**
 * Turn OFAC "Linked To: NAME" remarks into association relations. OFAC names the target by its
 * listed name (primary or alias) without its id, so it is resolved by exact normalised name within
 * the same list; unresolved or ambiguous targets become warnings (the remark text stays on the entity).
 */
export function resolveLinkedTo(
  entities: Entity[],
  links: LinkedTo[],
  source: string,
  file: string,
  warnings: ParseWarning[],
): Relation[] {
  if (links.length === 0) return [];
  const byName = new Map<string, Set<string>>();
  const byPrimary = new Map<string, Set<string>>();
  for (const e of entities) {
    const pk = nameKey(e.name);
    let ps = byPrimary.get(pk);
    if (!ps) byPrimary.set(pk, (ps = new Set()));
    ps.add(e.id);
    for (const n of e.names) {
      const key = nameKey(n.full);
      if (!key) continue;
      let set = byName.get(key);
      if (!set) byName.set(key, (set = new Set()));
      set.add(e.id);
    }
  }
  const relations: Relation[] = [];
  const seen = new Set<string>();
  for (const link of links) {
    const key0 = nameKey(link.target);
    let ids = [...(byName.get(key0) ?? [])].filter((id) => id !== link.fromId);
    // When a name is one party's primary name and another's alias, the primary name wins.
    if (ids.length > 1) {
      const primary = [...(byPrimary.get(key0) ?? [])].filter((id) => id !== link.fromId);
      if (primary.length === 1) ids = primary;
    }
    if (ids.length !== 1) {
      warnings.push({
        file,
        at: link.fromId,
        message:
          ids.length === 0
            ? `Linked To target not found in this list: "${link.target}"`
            : `Linked To target is ambiguous ("${link.target}" names ${ids.join(', ')})`,
      });
      continue;
    }
    const to = ids[0]!;
    const key = `${link.fromId}>${to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const fromRef = link.fromId.slice(source.length + 1);
    const toRef = to.slice(source.length + 1);
    relations.push({
      id: `${source}:linked-${fromRef}-${toRef}`,
      source,
      type: 'association',
      from: link.fromId,
      to,
      role: 'Linked To',
      evidence: link.evidence,
    });
  }
  return relations;
}

/**
 * OFAC relationship types (ADVANCED_XML RelationType, ENHANCED_XML relationship/type) to our
 * relation types. `reversed` is true when the listed party is the owned/represented side, so the
 * relation must point from the related party to the listed one (our `from` owns/directs `to`).
 */
export function ofacRelationType(label: string): { type: RelationType; reversed: boolean } {
  const l = label.toLowerCase();
  if (l.includes('owned or controlled by')) return { type: 'ownership', reversed: true };
  if (l.includes('property in the interest of')) return { type: 'ownership', reversed: true };
  if (l.includes('owns, controls') || l.startsWith('owns')) return { type: 'ownership', reversed: false };
  if (/leader|official|executive|director|officer/.test(l)) return { type: 'directorship', reversed: false };
  if (/family|relative|spouse|son|daughter|brother|sister|father|mother|child|parent|sibling/.test(l))
    return { type: 'family', reversed: false };
  if (l.includes('member')) return { type: 'membership', reversed: false };
  // "Acting for or on behalf of", "Providing support to", "Associate Of" ...
  return { type: 'association', reversed: false };
}

/** OFAC's dated publication format on the sdnList XML: MM/DD/YYYY. */
export function usDateToIso(text: string | undefined): string | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec((text ?? '').trim());
  if (!m) return undefined;
  return `${m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
}

/** Put facts read from OFAC remark statements onto an entity; "Linked To" targets go to `links`. */
export function applyRemarkFacts(entity: Entity, facts: RemarkFacts, links: LinkedTo[]): void {
  for (const alias of facts.names) {
    const parts = entity.schema === 'Person' ? personNameParts(alias.full) : undefined;
    addName(entity, { full: alias.full, quality: alias.quality, ...(parts ? { parts } : {}) });
    if (alias.kind !== 'a.k.a.') addProperty(entity, 'previousName', alias.full);
  }
  for (const d of facts.birthDates) addUnique(entity.birthDates, d);
  for (const p of facts.birthPlaces) addUnique(entity.birthPlaces, p);
  for (const c of facts.countries) addUnique(entity.countries, c, (a, b) => a.code === b.code && a.role === b.role);
  for (const id of facts.identifiers) addUnique(entity.identifiers, id, (a, b) => a.type === b.type && a.value === b.value);
  for (const c of facts.contacts) addUnique(entity.contacts, c, (a, b) => a.type === b.type && a.value === b.value);
  for (const [k, vs] of Object.entries(facts.properties)) for (const v of vs) addProperty(entity, k, v);
  for (const l of facts.linkedTo) links.push({ fromId: entity.id, target: l.target, evidence: l.text });
}
