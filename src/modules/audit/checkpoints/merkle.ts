/**
 * RFC 6962 Merkle trees (§2.1), pure: tree hashes, inclusion and consistency proofs, and their
 * verification as RFC 9162 §2.1.3.2 and §2.1.4.2 give it. The hash is a parameter: SM3 for the
 * audit log (decisions §31), SHA-256 for the RFC's reference vectors.
 *
 * Proofs are produced as lists of leaf ranges [start, end) whose Merkle Tree Hashes make up the
 * proof, so the same code serves leaves in memory (tests, the witness) and leaves in a database
 * (the service resolves each range from stored subtree hashes plus a few leaves).
 */
import { hash as oneShotHash } from 'node:crypto'

export type HashName = 'sm3' | 'sha256'

/** One hash function over bytes; `Buffer` so that concatenation stays cheap. */
export type Hasher = (data: Buffer) => Buffer

export function hasherFor(name: HashName): Hasher {
  return (data) => oneShotHash(name, data, 'buffer')
}

const LEAF_PREFIX = Buffer.from([0])
const NODE_PREFIX = Buffer.from([1])

export function leafHash(h: Hasher, leaf: Buffer): Buffer {
  return h(Buffer.concat([LEAF_PREFIX, leaf]))
}

export function nodeHash(h: Hasher, left: Buffer, right: Buffer): Buffer {
  if (left.length !== 32 || right.length !== 32) {
    return h(Buffer.concat([NODE_PREFIX, left, right]))
  }
  // Verify hashes a node per entry: a reused buffer spares an allocation (the hash copies it).
  NODE_SCRATCH[0] = 1
  left.copy(NODE_SCRATCH, 1)
  right.copy(NODE_SCRATCH, 33)
  return h(NODE_SCRATCH)
}

const NODE_SCRATCH = Buffer.alloc(65)
const LEAF_SCRATCH = Buffer.alloc(33)

/** leafHash of 32 bytes given in hex (an audit entry's chain hash), without allocating the input. */
export function leafHashOfHex(h: Hasher, hex: string): Buffer {
  LEAF_SCRATCH[0] = 0
  if (LEAF_SCRATCH.write(hex, 1, 'hex') !== 32) {
    return leafHash(h, Buffer.from(hex, 'hex'))
  }
  return h(LEAF_SCRATCH)
}

/** A range of leaves [start, end), 0-based. */
export type LeafRange = readonly [start: number, end: number]

/** The largest power of two strictly smaller than n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1
  while (k * 2 < n) {
    k *= 2
  }
  return k
}

/** RFC 6962 §2.1.1 PATH(m, D[n]) as ranges, deepest first (the order the proof lists them). */
export function inclusionRanges(m: number, n: number): LeafRange[] {
  if (m < 0 || m >= n) {
    throw new RangeError(`leaf ${m} is not in a tree of ${n}`)
  }
  let start = 0
  let size = n
  let index = m
  const siblings: LeafRange[] = []
  while (size > 1) {
    const k = splitPoint(size)
    if (index < k) {
      siblings.push([start + k, start + size])
      size = k
    } else {
      siblings.push([start, start + k])
      start += k
      index -= k
      size -= k
    }
  }
  // The recursion appends each sibling after the deeper path: reverse the top-down walk.
  return siblings.reverse()
}

/** RFC 6962 §2.1.2 PROOF(m, D[n]) as ranges (0 < m ≤ n; empty when m = n). */
export function consistencyRanges(m: number, n: number): LeafRange[] {
  if (m < 1 || m > n) {
    throw new RangeError(`no consistency proof from ${m} to ${n}`)
  }
  const reversed: LeafRange[] = []
  let start = 0
  let size = n
  let first = m
  let whole = true
  while (first !== size) {
    const k = splitPoint(size)
    if (first <= k) {
      reversed.push([start + k, start + size])
      size = k
    } else {
      reversed.push([start, start + k])
      start += k
      first -= k
      size -= k
      whole = false
    }
  }
  if (!whole) {
    reversed.push([start, start + size])
  }
  return reversed.reverse()
}

/**
 * The aligned perfect subtrees that make up [start, end), left to right. For the ranges proofs
 * use (subtrees of the RFC's left-balanced tree), folding them from the right gives MTH(range).
 */
export function perfectPieces(start: number, end: number): LeafRange[] {
  const pieces: LeafRange[] = []
  let at = start
  while (at < end) {
    let size = 1
    while (at % (size * 2) === 0 && at + size * 2 <= end) {
      size *= 2
    }
    pieces.push([at, at + size])
    at += size
  }
  return pieces
}

/** Folds perfect subtree hashes (left to right) into the Merkle Tree Hash of their union. */
export function foldRight(h: Hasher, hashes: readonly Buffer[]): Buffer {
  let root = hashes[hashes.length - 1]
  if (!root) {
    return h(Buffer.alloc(0))
  }
  for (let i = hashes.length - 2; i >= 0; i--) {
    const left = hashes[i]
    if (left) {
      root = nodeHash(h, left, root)
    }
  }
  return root
}

/** MTH(D[start:end]) over leaf hashes in memory. */
export function rangeHash(h: Hasher, leafHashes: readonly Buffer[], start: number, end: number): Buffer {
  const range = new CompactRange(h)
  for (let i = start; i < end; i++) {
    const leaf = leafHashes[i]
    if (leaf) {
      range.append(leaf)
    }
  }
  return range.root()
}

/** MTH(D[n]) of leaf hashes; the empty tree hashes the empty string (RFC 6962 §2.1). */
export function rootOf(h: Hasher, leafHashes: readonly Buffer[]): Buffer {
  return rangeHash(h, leafHashes, 0, leafHashes.length)
}

/** A completed perfect subtree: `level` 0 is a leaf, its `index` counts subtrees of that level. */
export interface CompletedNode {
  level: number
  index: number
  hash: Buffer
}

/**
 * The right edge of a tree growing from leaf 0: one hash per set bit of its size, so appending
 * k leaves to a tree of n costs O(k + log n) hashes and no rescan. `onNode` sees each perfect
 * subtree as it completes (the service stores the high ones to answer proofs).
 */
export class CompactRange {
  private readonly edge: Buffer[]
  private count: number

  constructor(
    private readonly h: Hasher,
    size = 0,
    edge: readonly Buffer[] = [],
    private readonly onNode?: (node: CompletedNode) => void,
  ) {
    if (edge.length !== popCount(size)) {
      throw new RangeError(`a right edge of ${edge.length} hashes cannot describe ${size} leaves`)
    }
    this.edge = [...edge]
    this.count = size
  }

  get size(): number {
    return this.count
  }

  /** The edge's hashes, left (largest subtree) to right. */
  hashes(): Buffer[] {
    return [...this.edge]
  }

  append(leafHashValue: Buffer): void {
    let hash = leafHashValue
    let level = 0
    let index = this.count
    // Each trailing 1 bit of the old size is a subtree of the same level waiting for a sibling.
    for (let bits = this.count; bits & 1; bits = Math.floor(bits / 2)) {
      const left = this.edge.pop()
      if (!left) {
        throw new Error('compact range: the edge is shorter than its size says')
      }
      hash = nodeHash(this.h, left, hash)
      level += 1
      index = Math.floor(index / 2)
      this.onNode?.({ level, index, hash })
    }
    this.edge.push(hash)
    this.count += 1
  }

  /**
   * Appends a whole perfect subtree of 2^level leaves computed elsewhere (a verify worker); the
   * tree's size must be a multiple of 2^level, as it is when chunks are aligned.
   */
  appendSubtree(hash: Buffer, level: number): void {
    const width = 2 ** level
    if (this.count % width !== 0) {
      throw new RangeError(`a subtree of ${width} leaves cannot start at leaf ${this.count}`)
    }
    let merged = hash
    for (let bits = this.count / width; bits % 2 === 1; bits = Math.floor(bits / 2)) {
      const left = this.edge.pop()
      if (!left) {
        throw new Error('compact range: the edge is shorter than its size says')
      }
      merged = nodeHash(this.h, left, merged)
    }
    this.edge.push(merged)
    this.count += width
  }

  root(): Buffer {
    return foldRight(this.h, this.edge)
  }
}

function popCount(n: number): number {
  let count = 0
  for (let bits = n; bits > 0; bits = Math.floor(bits / 2)) {
    count += bits & 1
  }
  return count
}

/** RFC 9162 §2.1.3.2: does `proof` put the leaf at `index` under `root` in a tree of `size`? */
export function verifyInclusion(
  h: Hasher,
  index: number,
  size: number,
  leaf: Buffer,
  proof: readonly Buffer[],
  root: Buffer,
): boolean {
  if (index < 0 || index >= size) {
    return false
  }
  let fn = index
  let sn = size - 1
  let r = leaf
  for (const p of proof) {
    if (sn === 0) {
      return false
    }
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(h, p, r)
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2)
        sn = Math.floor(sn / 2)
      }
    } else {
      r = nodeHash(h, r, p)
    }
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  return sn === 0 && r.equals(root)
}

/** RFC 9162 §2.1.4.2: does `proof` show the tree of `size2` extends the tree of `size1`? */
export function verifyConsistency(
  h: Hasher,
  size1: number,
  size2: number,
  root1: Buffer,
  root2: Buffer,
  proof: readonly Buffer[],
): boolean {
  if (size1 < 0 || size2 < size1) {
    return false
  }
  if (size1 === size2) {
    return proof.length === 0 && root1.equals(root2)
  }
  if (size1 === 0) {
    // The empty tree is a prefix of every tree; RFC 9162 asks for an empty proof.
    return proof.length === 0
  }
  if (proof.length === 0) {
    return false
  }
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof]
  let fn = size1 - 1
  let sn = size2 - 1
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  const [first, ...rest] = path
  if (!first) {
    return false
  }
  let fr = first
  let sr = first
  for (const c of rest) {
    if (sn === 0) {
      return false
    }
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(h, c, fr)
      sr = nodeHash(h, c, sr)
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2)
        sn = Math.floor(sn / 2)
      }
    } else {
      sr = nodeHash(h, sr, c)
    }
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  return sn === 0 && fr.equals(root1) && sr.equals(root2)
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && popCount(n) === 1
}
