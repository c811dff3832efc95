// What a compliance officer asks about: a transfer of items between parties, on a date, along a
// route. These shapes are the public JSON contracts of `interdict classify` and `interdict check`.
import type { Citation } from './citation.js';

export const ITEM_KINDS = [
  'ballistic_missile',
  'cruise_missile',
  'uav',
  'space_launch_vehicle',
  'sounding_rocket',
  'rocket_system',
  'missile_component',
  'uav_component',
  'dual_use_good',
  'technology',
  'software',
  'general_good',
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** An item as given to `interdict classify` (and inside a transfer). All fields optional but description. */
export interface Item {
  description: string;
  kind?: ItemKind;
  /** HS code, any of 'HHHH', 'HHHH.HH', 'HHHHHH', 'HHHH.HH.HH' ... */
  hsCode?: string;
  /** Specially designed or modified for military use. */
  military?: boolean;
  rangeKm?: number;
  payloadKg?: number;
  aerosolCapacityL?: number;
  enduranceH?: number;
  accuracyPercentOfRange?: number;
  /** For components, technology and software: the kind of system they are for. */
  relatesTo?: ItemKind;
  quantity?: number;
  value?: number;
  /** Further declared control entries (e.g. an ECCN or EU code the exporter has already assigned). */
  declaredControls?: string[];
}

export const CONTROL_LISTS = [
  'MTCR',
  'EU_DUAL_USE',
  'EU_CML',
  'US_CCL',
  'USML',
  'CHPL',
  'EU_2023_1529',
  'EAR_746_SUPP7',
] as const;
export type ControlListId = (typeof CONTROL_LISTS)[number];

/** How sure a classification is. */
export type ControlConfidence = 'certain' | 'likely' | 'possible' | 'indeterminate';

export interface ControlMatch {
  list: ControlListId;
  /** Entry on that list: '19.A.2', '9A012', 'ML10', 'Tier 1', 'VIII(a)' ... */
  entry: string;
  /** MTCR category 'I' / 'II'; CHPL tier; otherwise absent. */
  category?: string;
  confidence: ControlConfidence;
  reason: string;
  citation: Citation;
}

export interface Classification {
  controls: ControlMatch[];
  notes: string[];
  /** Version of the control-list data used. */
  version?: string;
}

export const PARTY_ROLES = [
  'exporter',
  'importer',
  'consignee',
  'end_user',
  'intermediary',
  'freight_forwarder',
  'broker',
  'bank',
  'carrier',
  'vessel',
  'manufacturer',
  'payer',
] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export interface PartyOwner {
  name: string;
  /** Percent, 0..100. */
  share?: number;
  /** Entity id of the owner where the user knows it. */
  entityId?: string;
  country?: string;
  schema?: string;
  /** Owners of this owner, for indirect ownership chains. */
  owners?: PartyOwner[];
}

export interface Party {
  role: PartyRole;
  name: string;
  country?: string;
  schema?: string;
  birthDate?: string;
  ids?: string[];
  owners?: PartyOwner[];
  address?: string;
  phone?: string;
  email?: string;
  website?: string;
  /** Date of incorporation or registration (for the recently-incorporated red flag). */
  incorporated?: string;
  /** Declared line of business ("electronics distributor", "bakery" ...). */
  business?: string;
}

export interface Transfer {
  id?: string;
  /** Date (or date-time, ISO 8601) of the transfer. */
  date: string;
  parties: Party[];
  /** ISO 3166-1 alpha-2 country the goods leave from. */
  origin?: string;
  /** ISO 3166-1 alpha-2 country the goods are shipped to. */
  destination?: string;
  /** Countries crossed between origin and destination (transshipment). */
  route?: string[];
  /** Stated final destination when it differs from the shipping destination. */
  finalDestination?: string;
  items: Item[];
  /** Services provided with the transfer: 'technical_assistance', 'brokering', 'financing', 'insurance', 'transport' ... */
  services?: string[];
  /** Jurisdictions whose law binds the user: 'UN', 'EU', 'UK', 'US'. */
  nexus?: string[];
  /** End-use statement as given by the customer; absent or empty when none was provided. */
  endUseStatement?: string;
  payment?: { payer?: string; country?: string; method?: string };
}
