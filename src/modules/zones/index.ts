/** Network zones (Art. 20, 33): the external instance's guard and the signed one-way bundles. */
export {
  BUNDLE_FORMAT,
  type BundleEntry,
  entryDigest,
  isStrictDer,
  openBundle,
  type SealedEntry,
  SIGNATURE_ALGORITHM,
  sealBundle,
  type ZoneBundle,
} from './bundle.js'
export { createZoneGuard, type ZoneGuard, type ZoneSubject } from './guard.js'
export { isAllowedOn, type Zone } from './rules.js'
