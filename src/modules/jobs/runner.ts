/**
 * Runs scheduled checks on every instance, but each job once at a time across instances: a tick
 * first takes the job's lease in the database, and whoever holds it runs the job.
 */
import os from 'node:os'
import type { Db } from '../../db/database.js'
import type { Clock } from '../../shared/clock.js'
import { newId } from '../../shared/ids.js'
import { markRun, tryAcquireLease } from './repo.js'

export interface Job {
  name: string
  intervalMs: number
  /** How long a run keeps others off; the interval by default, so the job runs once per interval. */
  leaseMs?: number
  run(): Promise<unknown>
}

export interface JobRunner {
  readonly holder: string
  start(): void
  /** Stops the timers and waits for runs in progress (before the database closes). */
  stop(): Promise<void>
  /** One tick of every job now; returns the names of those this instance ran. */
  runDue(): Promise<string[]>
}

export interface JobRunnerDeps {
  db: Db
  clock: Clock
  jobs: readonly Job[]
  holder?: string
  onError?: (jobName: string, error: unknown) => void
  /** Told after each run this instance made (not the ticks another instance held the lease for). */
  onRun?: (jobName: string, outcome: 'ran' | 'failed') => void
}

export function createJobRunner(deps: JobRunnerDeps): JobRunner {
  const { db, clock, jobs } = deps
  const holder = deps.holder ?? `${os.hostname()}:${process.pid}:${newId().slice(0, 8)}`
  const inFlight = new Map<string, Promise<boolean>>()
  const timers: NodeJS.Timeout[] = []

  async function runIfLeased(job: Job): Promise<boolean> {
    try {
      if (!(await tryAcquireLease(db, job.name, holder, job.leaseMs ?? job.intervalMs, clock.now()))) {
        return false
      }
      await job.run()
      await markRun(db, job.name, holder, clock.now().toISOString())
      deps.onRun?.(job.name, 'ran')
      return true
    } catch (error) {
      deps.onRun?.(job.name, 'failed')
      deps.onError?.(job.name, error)
      return false
    }
  }

  /** A tick while the previous run of the same job is still going joins it instead of starting another. */
  function tick(job: Job): Promise<boolean> {
    const running = inFlight.get(job.name)
    if (running) {
      return running
    }
    const run = runIfLeased(job).finally(() => inFlight.delete(job.name))
    inFlight.set(job.name, run)
    return run
  }

  return {
    holder,
    start() {
      if (timers.length > 0) {
        return
      }
      for (const job of jobs) {
        void tick(job)
        // unref: a pending check never keeps the process alive on its own.
        timers.push(setInterval(() => void tick(job), job.intervalMs).unref())
      }
    },
    async stop() {
      for (const timer of timers.splice(0)) {
        clearInterval(timer)
      }
      await Promise.allSettled([...inFlight.values()])
    },
    async runDue() {
      const ran = await Promise.all(jobs.map(tick))
      return jobs.filter((_, index) => ran[index]).map((job) => job.name)
    },
  }
}
