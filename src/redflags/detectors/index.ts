// The detectors by name, as indicators.yaml refers to them. One file per detector.
import type { Detector } from '../input.js';
import { destinationMismatch } from './destination-mismatch.js';
import { exposure } from './exposure.js';
import { freeMail } from './free-mail.js';
import { genericDescription } from './generic-description.js';
import { intermediaryConsignee } from './intermediary-consignee.js';
import { itemBusinessMismatch } from './item-business-mismatch.js';
import { layering } from './layering.js';
import { noEndUseStatement } from './no-end-use-statement.js';
import { recentlyIncorporated } from './recently-incorporated.js';
import { sharedIdentifier } from './shared-identifier.js';
import { thirdPartyPayment } from './third-party-payment.js';
import { transshipmentHub } from './transshipment-hub.js';

export const DETECTORS: Readonly<Record<string, Detector<any>>> = Object.fromEntries(
  [
    transshipmentHub,
    destinationMismatch,
    intermediaryConsignee,
    layering,
    thirdPartyPayment,
    itemBusinessMismatch,
    genericDescription,
    noEndUseStatement,
    recentlyIncorporated,
    sharedIdentifier,
    exposure,
    freeMail,
  ].map((d) => [d.name, d as Detector<any>]),
);
