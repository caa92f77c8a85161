import { describe, expect, it } from 'vitest'
import { createPasswordHasher, STANDARD_HASH_COST, TEST_HASH_COST } from './password-hash.js'

describe('password hashing', () => {
  it('hashes with argon2id at the standard cost unless told otherwise', async () => {
    const hash = await createPasswordHasher().hash('Correct#Horse9')
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(STANDARD_HASH_COST).toEqual({ memoryKib: 19_456, iterations: 2 })
  })

  it('checks a hash by its own parameters, whatever the hasher doing the check', async () => {
    const cheap = await createPasswordHasher(TEST_HASH_COST).hash('Correct#Horse9')
    expect(cheap).toMatch(/^\$argon2id\$v=19\$m=64,t=1,p=1\$/)
    const standard = createPasswordHasher()
    expect(await standard.verify(cheap, 'Correct#Horse9')).toBe(true)
    expect(await standard.verify(cheap, 'Correct#Horse8')).toBe(false)
  })
})
