/**
 * Issue 17 item 4: the few counters and histograms /metrics serves, in the Prometheus text format
 * (version 0.0.4). prom-client is not a dependency; this is the subset the platform uses: counters
 * and histograms with labels, plus gauges read at scrape time. Label values come from code (route
 * patterns, job names, grant ids), never from a request's keys or a person.
 */

export type Labels = Readonly<Record<string, string>>

interface Family {
  render(): string[]
}

/** Seconds: from a cached read (~1 ms) to a bulk export (seconds). */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

export interface Counter {
  inc(labels?: Labels, by?: number): void
}

export interface Histogram {
  observe(labels: Labels, value: number): void
}

export interface GaugeSample {
  labels?: Labels
  value: number
}

export interface Metrics {
  counter(name: string, help: string): Counter
  histogram(name: string, help: string, buckets?: readonly number[]): Histogram
  /** Rendered by `render`: gauges whose values are read at scrape time (from the database, say). */
  render(gauges?: ReadonlyArray<{ name: string; help: string; samples: readonly GaugeSample[] }>): string
}

function escapeValue(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('\n', '\\n').replaceAll('"', '\\"')
}

export function labelText(labels: Labels | undefined): string {
  const pairs = Object.entries(labels ?? {})
  if (pairs.length === 0) {
    return ''
  }
  return `{${pairs.map(([key, value]) => `${key}="${escapeValue(value)}"`).join(',')}}`
}

function header(name: string, help: string, type: string): string[] {
  return [`# HELP ${name} ${help.replaceAll('\\', '\\\\').replaceAll('\n', '\\n')}`, `# TYPE ${name} ${type}`]
}

function number(value: number): string {
  return Number.isFinite(value) ? String(value) : value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN'
}

export function createMetrics(): Metrics {
  const families: Family[] = []

  return {
    counter(name, help) {
      const values = new Map<string, number>()
      families.push({
        render: () => [
          ...header(name, help, 'counter'),
          ...[...values].map(([labels, value]) => `${name}${labels} ${number(value)}`),
        ],
      })
      return {
        inc(labels, by = 1) {
          const key = labelText(labels)
          values.set(key, (values.get(key) ?? 0) + by)
        },
      }
    },
    histogram(name, help, buckets = LATENCY_BUCKETS) {
      const series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>()
      families.push({
        render: () => {
          const lines = header(name, help, 'histogram')
          for (const { labels, counts, sum, count } of series.values()) {
            buckets.forEach((bound, index) => {
              lines.push(`${name}_bucket${labelText({ ...labels, le: String(bound) })} ${counts[index]}`)
            })
            lines.push(`${name}_bucket${labelText({ ...labels, le: '+Inf' })} ${count}`)
            lines.push(`${name}_sum${labelText(labels)} ${number(sum)}`)
            lines.push(`${name}_count${labelText(labels)} ${count}`)
          }
          return lines
        },
      })
      return {
        observe(labels, value) {
          const key = labelText(labels)
          let entry = series.get(key)
          if (!entry) {
            entry = { labels, counts: buckets.map(() => 0), sum: 0, count: 0 }
            series.set(key, entry)
          }
          // Cumulative buckets, as the format wants: a value counts in every bucket at or above it.
          buckets.forEach((bound, index) => {
            if (value <= bound && entry) {
              entry.counts[index] = (entry.counts[index] ?? 0) + 1
            }
          })
          entry.sum += value
          entry.count += 1
        },
      }
    },
    render(gauges = []) {
      const lines = families.flatMap((family) => family.render())
      for (const gauge of gauges) {
        lines.push(...header(gauge.name, gauge.help, 'gauge'))
        for (const sample of gauge.samples) {
          lines.push(`${gauge.name}${labelText(sample.labels)} ${number(sample.value)}`)
        }
      }
      return `${lines.join('\n')}\n`
    },
  }
}

/** The platform's instruments, one set per process (every instance is scraped on its own). */
export interface PlatformMetrics {
  registry: Metrics
  /** By method, route pattern and status code. */
  httpRequests: Counter
  httpSeconds: Histogram
  /** Access answers (tokens, grants, published resources) found in memory or loaded (decisions §22). */
  accessLookups: Counter
  /** By job and outcome (ran, failed); a tick another instance held the lease for is not counted. */
  jobRuns: Counter
}

export function createPlatformMetrics(): PlatformMetrics {
  const registry = createMetrics()
  return {
    registry,
    httpRequests: registry.counter(
      'govshare_http_requests_total',
      'HTTP requests answered, by route pattern',
    ),
    httpSeconds: registry.histogram(
      'govshare_http_request_duration_seconds',
      'Time from request to reply, by route pattern',
    ),
    accessLookups: registry.counter(
      'govshare_access_cache_lookups_total',
      'Access answers asked of the in-memory cache (result: hit or miss)',
    ),
    jobRuns: registry.counter('govshare_job_runs_total', 'Scheduled job runs on this instance, by outcome'),
  }
}
