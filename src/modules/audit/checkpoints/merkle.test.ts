import { describe, expect, it } from 'vitest'
import {
  CompactRange,
  consistencyRanges,
  hasherFor,
  inclusionRanges,
  type LeafRange,
  leafHash,
  perfectPieces,
  rangeHash,
  rootOf,
  verifyConsistency,
  verifyInclusion,
} from './merkle.js'

/**
 * The RFC 6962 reference vectors (SHA-256) of the certificate-transparency project, as kept in
 * github.com/transparency-dev/merkle, proof/verify_test.go (leaves, roots for sizes 1–8, and the
 * inclusion and consistency proofs). Inclusion vectors there count leaves from 1; here from 0.
 */
const LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
]
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
]
const INCLUSION: Array<{ index: number; size: number; proof: string[] }> = [
  { index: 0, size: 1, proof: [] },
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
]
const CONSISTENCY: Array<{ from: number; to: number; proof: string[] }> = [
  { from: 1, to: 1, proof: [] },
  {
    from: 1,
    to: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    from: 6,
    to: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    from: 2,
    to: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    from: 6,
    to: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
]

const sha256 = hasherFor('sha256')
const sm3 = hasherFor('sm3')
const hex = (b: Buffer) => b.toString('hex')
const leafHashes = LEAVES.map((leaf) => leafHash(sha256, Buffer.from(leaf, 'hex')))
const resolve = (leaves: readonly Buffer[], ranges: readonly LeafRange[]) =>
  ranges.map(([s, e]) => rangeHash(sha256, leaves, s, e))
const root = (size: number) => Buffer.from(ROOTS[size - 1] ?? '', 'hex')

describe('RFC 6962 Merkle tree (certificate-transparency vectors, SHA-256)', () => {
  it('hashes the empty tree and every prefix of the eight leaves to the reference roots', () => {
    expect(hex(rootOf(sha256, []))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    for (let size = 1; size <= 8; size++) {
      expect(hex(rootOf(sha256, leafHashes.slice(0, size)))).toBe(ROOTS[size - 1])
    }
  })

  it('builds and verifies the reference inclusion proofs, and refuses altered ones', () => {
    for (const v of INCLUSION) {
      const proof = resolve(leafHashes, inclusionRanges(v.index, v.size))
      expect(proof.map(hex)).toEqual(v.proof)
      const leaf = leafHashes[v.index] ?? Buffer.alloc(0)
      expect(verifyInclusion(sha256, v.index, v.size, leaf, proof, root(v.size))).toBe(true)
      expect(verifyInclusion(sha256, v.index + 1, v.size, leaf, proof, root(v.size))).toBe(false)
      expect(verifyInclusion(sha256, v.index, v.size * 2, leaf, proof, root(v.size))).toBe(false)
      expect(verifyInclusion(sha256, v.index, v.size, leaf, [...proof, root(v.size)], root(v.size))).toBe(
        false,
      )
      for (let i = 0; i < proof.length; i++) {
        const bad = proof.map((p, j) => (j === i ? flipBit(p) : p))
        expect(verifyInclusion(sha256, v.index, v.size, leaf, bad, root(v.size))).toBe(false)
      }
    }
  })

  it('builds and verifies the reference consistency proofs, and refuses altered ones', () => {
    for (const v of CONSISTENCY) {
      const proof = resolve(leafHashes, consistencyRanges(v.from, v.to))
      expect(proof.map(hex)).toEqual(v.proof)
      expect(verifyConsistency(sha256, v.from, v.to, root(v.from), root(v.to), proof)).toBe(true)
      if (proof.length === 0) {
        continue
      }
      expect(verifyConsistency(sha256, v.from, v.to, root(v.to), root(v.from), proof)).toBe(false)
      expect(verifyConsistency(sha256, v.from, v.to, root(v.from), root(v.to), proof.slice(1))).toBe(false)
      expect(verifyConsistency(sha256, v.from, v.to, root(v.from), root(v.to), [])).toBe(false)
      expect(verifyConsistency(sha256, v.from + 1, v.to, root(v.from), root(v.to), proof)).toBe(false)
      for (let i = 0; i < proof.length; i++) {
        const bad = proof.map((p, j) => (j === i ? flipBit(p) : p))
        expect(verifyConsistency(sha256, v.from, v.to, root(v.from), root(v.to), bad)).toBe(false)
      }
    }
  })
})

describe('Merkle proofs over SM3 for random sizes (property)', () => {
  const leaves = Array.from({ length: 300 }, (_, i) => leafHash(sm3, Buffer.from(`entry ${i}`)))
  const rng = seeded(12)

  it('proves inclusion of a random leaf in a random tree, and only at its own index', () => {
    for (let run = 0; run < 300; run++) {
      const size = 1 + Math.floor(rng() * leaves.length)
      const index = Math.floor(rng() * size)
      const treeRoot = rangeHash(sm3, leaves, 0, size)
      const proof = inclusionRanges(index, size).map(([s, e]) => rangeHash(sm3, leaves, s, e))
      const leaf = leaves[index] ?? Buffer.alloc(0)
      expect(verifyInclusion(sm3, index, size, leaf, proof, treeRoot)).toBe(true)
      if (size > 1) {
        expect(verifyInclusion(sm3, (index + 1) % size, size, leaf, proof, treeRoot)).toBe(false)
      }
    }
  })

  it('proves consistency between random sizes, and refuses a changed leaf', () => {
    for (let run = 0; run < 300; run++) {
      const to = 1 + Math.floor(rng() * leaves.length)
      const from = 1 + Math.floor(rng() * to)
      const proof = consistencyRanges(from, to).map(([s, e]) => rangeHash(sm3, leaves, s, e))
      const r1 = rangeHash(sm3, leaves, 0, from)
      const r2 = rangeHash(sm3, leaves, 0, to)
      expect(verifyConsistency(sm3, from, to, r1, r2, proof)).toBe(true)
      const forked = [...leaves]
      forked[Math.floor(rng() * from)] = leafHash(sm3, Buffer.from('forged'))
      const r2Forked = rangeHash(sm3, forked, 0, to)
      const forkedProof = consistencyRanges(from, to).map(([s, e]) => rangeHash(sm3, forked, s, e))
      if (from < to) {
        expect(verifyConsistency(sm3, from, to, r1, r2Forked, forkedProof)).toBe(false)
      }
    }
  })

  it('resumes a compact range from its right edge and names each completed subtree once', () => {
    const nodes = new Map<string, string>()
    const whole = new CompactRange(sm3, 0, [], (n) => nodes.set(`${n.level}/${n.index}`, hex(n.hash)))
    for (const leaf of leaves.slice(0, 137)) {
      whole.append(leaf)
    }
    const resumed = new CompactRange(sm3, whole.size, whole.hashes())
    for (const leaf of leaves.slice(137)) {
      resumed.append(leaf)
    }
    expect(hex(resumed.root())).toBe(hex(rootOf(sm3, leaves)))
    expect(nodes.get('7/0')).toBe(hex(rangeHash(sm3, leaves, 0, 128)))
    const chunked = new CompactRange(sm3)
    for (const [s, e] of [...perfectPieces(0, 256), ...perfectPieces(256, 300)]) {
      chunked.appendSubtree(rangeHash(sm3, leaves, s, e), Math.log2(e - s))
    }
    expect(hex(chunked.root())).toBe(hex(rootOf(sm3, leaves)))
    expect(perfectPieces(0, 137)).toEqual([
      [0, 128],
      [128, 136],
      [136, 137],
    ])
  })
})

function flipBit(b: Buffer): Buffer {
  const copy = Buffer.from(b)
  copy[0] = (copy[0] ?? 0) ^ 16
  return copy
}

/** A small deterministic generator, so a failing run can be repeated. */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}
