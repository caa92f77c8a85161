/**
 * Loads several servers in interleaved rounds (A B C, A B C, ...) and keeps every run: on a shared
 * two-core machine one run of each, one after the other, can differ by a fifth from the next for
 * reasons outside the code, and ratios of runs taken seconds apart drift with it. Each round's
 * ratio compares runs taken side by side; the median of the rounds is what the bench prints.
 */
import { type Load, load, measure } from './autocannon.js'

export interface Contender {
  name: string
  url: string
  paths: readonly string[]
  headers: Record<string, string>
  /** Runs around each of this contender's loads (a pragma set and reset, a profiler). */
  around?: (round: number, work: () => Promise<Load>) => Promise<Load>
}

export type Runs = ReadonlyMap<string, readonly Load[]>

/** Sizes each contender's runs by a warm-up of `seconds`, then runs `rounds` rounds of all of them. */
export async function runRounds(
  contenders: readonly Contender[],
  options: { rounds: number; seconds: number; connections: number },
  afterWarmUp: () => Promise<void> = async () => {},
): Promise<Runs> {
  const amounts = new Map<string, number>()
  for (const contender of contenders) {
    const warm = await measure(contender.url, [...contender.paths], contender.headers, options)
    amounts.set(contender.name, warm.amount)
  }
  await afterWarmUp()
  const runs = new Map<string, Load[]>(contenders.map((contender) => [contender.name, []]))
  for (let round = 0; round < options.rounds; round += 1) {
    for (const contender of contenders) {
      const work = () =>
        load(contender.url, [...contender.paths], contender.headers, {
          amount: amounts.get(contender.name) ?? options.connections,
          connections: options.connections,
        })
      runs.get(contender.name)?.push(await (contender.around ? contender.around(round, work) : work()))
    }
  }
  return runs
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

/** The server's CPU per answered request, in µs: steadier than req/s (disk waits are not in it). */
export function cpuPerRequest(run: Load): number {
  return (run.serverCores * 1e6) / Math.max(1, run.rps)
}

/** Medians over the rounds of one contender's runs. */
export function summary(runs: readonly Load[]) {
  const rps = runs.map((run) => run.rps)
  return {
    rps: median(rps),
    low: Math.min(...rps),
    high: Math.max(...rps),
    p50: median(runs.map((run) => run.p50)),
    p99: median(runs.map((run) => run.p99)),
    cpu: median(runs.map(cpuPerRequest)),
    loader: median(runs.map((run) => run.loaderCores)),
    ok: runs.reduce((sum, run) => sum + run.ok, 0),
    other: runs.reduce((sum, run) => sum + run.other + run.errors, 0),
  }
}

/** The median over the rounds of `a`'s req/s over `b`'s, in the same round; NaN when either was not run. */
export function ratio(runs: Runs, a: string, b: string): number {
  const top = runs.get(a) ?? []
  const bottom = runs.get(b) ?? []
  if (top.length === 0 || bottom.length === 0) {
    return Number.NaN
  }
  return median(top.map((run, i) => run.rps / Math.max(1e-9, bottom[i]?.rps ?? 0)))
}
