/**
 * One run of a witness (issue 12, Art. 38): the audit bureau, on its own machine, keeps the last
 * checkpoint it verified and the signing keys it trusts, and checks that the platform's latest
 * signed checkpoint extends it. No I/O here: the CLI supplies the platform and the state folder.
 */
import { type Checkpoint, judgeCheckpoint, type WitnessVerdict } from './rules.js'
import type { PublicKeyInfo } from './signing.js'

export interface WitnessState {
  /** The last checkpoint verified; none before the first run. */
  checkpoint?: Checkpoint
  /** Keys pinned on the first run (or accepted on purpose later): a DBA cannot add one. */
  keys: PublicKeyInfo[]
}

export interface WitnessPlatform {
  keys(): Promise<PublicKeyInfo[]>
  latest(): Promise<Checkpoint | undefined>
  consistency(from: number, to: number): Promise<string[]>
}

/** The platform answered but would not give the proof (e.g. 400/404): it cannot show it extends. */
export class ProofUnavailable extends Error {}

export type WitnessRun =
  | { outcome: 'no_checkpoint' }
  | { outcome: 'verdict'; verdict: WitnessVerdict; state: WitnessState }

/**
 * Fetches the latest checkpoint and, when it is larger than the one seen, a consistency proof
 * from it; judges them; returns the state to keep (unchanged on failure: the evidence is the old
 * checkpoint against the new one). `acceptNewKeys` adds keys the platform now publishes
 * (a rotation the operator confirmed out of band).
 */
export async function witnessOnce(
  state: WitnessState,
  platform: WitnessPlatform,
  options: { acceptNewKeys?: boolean } = {},
): Promise<WitnessRun> {
  let keys = state.keys
  if (keys.length === 0 || options.acceptNewKeys) {
    const published = await platform.keys()
    keys = [...keys, ...published.filter((p) => !keys.some((k) => k.keyId === p.keyId))]
  }
  const latest = await platform.latest()
  if (!latest) {
    return state.checkpoint
      ? {
          outcome: 'verdict',
          verdict: { ok: false, problem: 'truncated', seen: state.checkpoint, latest: emptyCheckpoint() },
          state,
        }
      : { outcome: 'no_checkpoint' }
  }
  const seen = state.checkpoint
  let proof: string[] = []
  if (seen && latest.treeSize > seen.treeSize) {
    try {
      proof = await platform.consistency(seen.treeSize, latest.treeSize)
    } catch (error) {
      if (!(error instanceof ProofUnavailable)) {
        throw error
      }
      const verdict: WitnessVerdict = { ok: false, problem: 'inconsistent', seen, latest, proof: [] }
      return { outcome: 'verdict', verdict, state }
    }
  }
  const verdict = judgeCheckpoint(seen, latest, proof, keys)
  return { outcome: 'verdict', verdict, state: verdict.ok ? { checkpoint: verdict.checkpoint, keys } : state }
}

/** What "no checkpoint at all" looks like in the evidence: a tree of size 0. */
function emptyCheckpoint(): Checkpoint {
  return { treeSize: 0, root: '', headHash: '', at: '', keyId: '', signature: '', hashAlg: '', sigAlg: '' }
}
