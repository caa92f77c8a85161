import { randomInt } from 'node:crypto'

const GROUPS = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!#%+=?@']

/** A random password that meets the policy (all 4 classes), without look-alike characters. */
export function strongPassword(length = 16): string {
  const all = GROUPS.join('')
  const chars = GROUPS.map((group) => group.charAt(randomInt(group.length)))
  while (chars.length < length) {
    chars.push(all.charAt(randomInt(all.length)))
  }
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? '']
  }
  return chars.join('')
}
