/** Synthetic identifiers for demo and test data: valid-looking, generated, never real. */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** A citizen ID number (GB 11643) with a correct check character: division, birth date, sequence. */
export function syntheticIdNumber(division: string, birth: string, sequence: number): string {
  const first17 = `${division}${birth.replaceAll('-', '')}${String(sequence % 1000).padStart(3, '0')}`
  const sum = ID_WEIGHTS.reduce((total, weight, i) => total + weight * Number(first17.charAt(i)), 0)
  return `${first17}${ID_CHECK.charAt(sum % 11)}`
}

/** A mobile number in a range reserved for fiction-like use in demos (199 0000 xxxx). */
export function syntheticPhone(sequence: number): string {
  return `1990000${String(sequence % 10000).padStart(4, '0')}`
}
