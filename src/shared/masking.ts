/**
 * Masking of personal values (Art. 33; API-CONTRACT.md "Masking"): which characters of each kind
 * stay visible. Every other character becomes '*'. A value too short to keep anything hidden is
 * masked whole: no plain value of a masked item may appear in a reply.
 */
export type Sensitivity =
  | 'none'
  | 'id_number'
  | 'phone'
  | 'name'
  | 'address'
  | 'bank_card'
  | 'email'
  | 'other_personal'

const KEEP: Record<Exclude<Sensitivity, 'none' | 'email' | 'other_personal'>, [number, number]> = {
  id_number: [6, 4],
  phone: [3, 4],
  bank_card: [6, 4],
  name: [1, 0],
  address: [6, 0],
}

export function maskValue(value: string, sensitivity: Sensitivity): string {
  if (sensitivity === 'none') {
    return value
  }
  const chars = Array.from(value)
  if (sensitivity === 'other_personal') {
    return '*'.repeat(chars.length)
  }
  if (sensitivity === 'email') {
    const at = value.lastIndexOf('@')
    if (at <= 0) {
      return '*'.repeat(chars.length)
    }
    const local = Array.from(value.slice(0, at))
    return `${local[0]}${'*'.repeat(local.length - 1)}${value.slice(at)}`
  }
  const [start, end] = KEEP[sensitivity]
  if (chars.length <= start + end) {
    return '*'.repeat(chars.length)
  }
  return [
    ...chars.slice(0, start),
    ...chars.slice(start, chars.length - end).map(() => '*'),
    ...chars.slice(chars.length - end),
  ].join('')
}
