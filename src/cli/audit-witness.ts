/**
 * `govshare audit witness`: run by the audit bureau on its own machine (Art. 38), e.g. hourly
 * from cron. Exit 0: the platform's history extends what it saw. Exit 1: it does not (the
 * evidence is printed and kept in the state folder). Exit 2: the platform could not be asked.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import type { Checkpoint, PublicKeyInfo } from '../modules/audit/index.js'
import {
  ProofUnavailable,
  type WitnessPlatform,
  type WitnessState,
  witnessOnce,
} from '../modules/audit/index.js'
import type { CliIo } from './io.js'

interface WitnessOptions {
  url: string
  state: string
  token?: string
  acceptNewKeys?: boolean
}

export function registerWitnessCommand(audit: Command, io: CliIo): void {
  audit
    .command('witness')
    .description('check that the platform’s signed audit history extends the checkpoint seen last')
    .requiredOption('--url <url>', 'the platform’s base URL, e.g. https://govshare.example.gov.cn')
    .requiredOption('--state <dir>', 'folder keeping the last verified checkpoint and the trusted keys')
    .option('--token <token>', 'bearer token of a user or API client of the platform')
    .option('--accept-new-keys', 'trust keys the platform publishes now (after a confirmed rotation)')
    .action(async (options: WitnessOptions) => {
      io.exitCode = await runWitness(options, (line) => io.stdout.write(`${line}\n`))
    })
}

export async function runWitness(options: WitnessOptions, print: (line: string) => void): Promise<number> {
  fs.mkdirSync(options.state, { recursive: true })
  const stateFile = path.join(options.state, 'witness-state.json')
  const state: WitnessState = fs.existsSync(stateFile)
    ? (JSON.parse(fs.readFileSync(stateFile, 'utf8')) as WitnessState) // written by this command only
    : { keys: [] }
  let run: Awaited<ReturnType<typeof witnessOnce>>
  try {
    run = await witnessOnce(state, httpPlatform(options.url, options.token), options)
  } catch (error) {
    print(`witness: cannot ask ${options.url}: ${error instanceof Error ? error.message : String(error)}`)
    return 2
  }
  if (run.outcome === 'no_checkpoint') {
    print('witness: the platform has no signed checkpoint yet; nothing to keep')
    return 0
  }
  const { verdict } = run
  if (verdict.ok) {
    fs.writeFileSync(stateFile, `${JSON.stringify(run.state, null, 2)}\n`)
    const c = verdict.checkpoint
    print(`witness OK: tree ${c.treeSize}, root ${c.root} (SM3), signed by ${c.keyId.slice(0, 16)}… (SM2)`)
    return 0
  }
  const evidence = {
    problem: verdict.problem,
    seen: verdict.seen,
    latest: verdict.latest,
    proof: verdict.proof,
  }
  const file = path.join(options.state, `evidence-${new Date().toISOString().replaceAll(':', '')}.json`)
  fs.writeFileSync(file, `${JSON.stringify(evidence, null, 2)}\n`)
  print(`witness ALARM: ${describeProblem(verdict.problem)}; evidence kept in ${file}`)
  print(JSON.stringify(evidence, null, 2))
  return 1
}

function describeProblem(problem: string): string {
  switch (problem) {
    case 'bad_signature':
      return 'the latest checkpoint is not signed by a trusted key'
    case 'truncated':
      return 'the platform’s history is shorter than the checkpoint seen before (truncated)'
    case 'rewritten':
      return 'a checkpoint of the same size now has another root (rewritten)'
    default:
      return 'the consistency proof fails: the history was rewritten or forked'
  }
}

function httpPlatform(baseUrl: string, token: string | undefined): WitnessPlatform {
  const base = baseUrl.replace(/\/+$/, '')
  async function get(url: string): Promise<unknown> {
    const reply = await fetch(`${base}${url}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: AbortSignal.timeout(30_000),
    })
    if (reply.status === 400 || reply.status === 404) {
      throw new ProofUnavailable(`GET ${url}: HTTP ${reply.status} ${await reply.text()}`)
    }
    if (!reply.ok) {
      throw new Error(`GET ${url}: HTTP ${reply.status}`)
    }
    return reply.json()
  }
  return {
    // Shapes are the platform's published schema (checkpoint-schema.ts); the verdict checks them.
    keys: async () =>
      ((await get('/.well-known/govshare-audit-keys.json')) as { keys: PublicKeyInfo[] }).keys,
    latest: async () =>
      ((await get('/api/v1/audit/checkpoints?latest=true')) as { items: Checkpoint[] }).items[0],
    consistency: async (from, to) =>
      ((await get(`/api/v1/audit/proofs/consistency?from=${from}&to=${to}`)) as { proof: string[] }).proof,
  }
}
