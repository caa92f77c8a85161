/** Art. 20, 33: which network zone's content an instance may hold. Pure. */

export type Zone = 'external' | 'internal'

/** An internal instance holds both zones; an external one only the external zone. */
export function isAllowedOn(instance: Zone, zone: string): boolean {
  return instance === 'internal' || zone === 'external'
}
