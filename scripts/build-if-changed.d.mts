/** Types of build-if-changed.mjs for the tests that import it. */
export interface Target {
  /** Files and folders (relative to the repository root) whose contents the build reads. */
  inputs: string[]
  /** Path prefixes, or `folder/**` + `/*.ending` patterns, left out of `inputs`. */
  skip: string[]
  outDir: string
  /** A file every successful build leaves; without it the target is built. */
  output: string
  command: string[]
}
export const PORTAL_INPUTS_FILE: string
export const TARGETS: Record<'server' | 'portal', Target>
export function listInputs(root: string, paths: string[], skip?: string[]): string[]
export function hashInputs(root: string, files: string[]): string
export function buildReason(state: {
  force: boolean
  outputExists: boolean
  stampHash: string | undefined
  inputsHash: string | undefined
}): string | undefined
export function currentInputs(root: string, target: Target): string[] | undefined
