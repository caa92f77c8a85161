/**
 * The exchange store's record codec, in one place: objections hash and mask keys exactly as ingest
 * and reads do, and consistency checks decrypt values to compare them. Exchange's index.ts does not
 * export these (yet); when it does, import them from there instead.
 */
export { decodeData, keyHashOf, maskedKey } from '../exchange/codec.js'
