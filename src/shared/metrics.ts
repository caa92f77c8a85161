/**
 * Issue 17 item 4: the counters and histograms /metrics serves, on prom-client (the Prometheus
 * project's Node client: text format, escaping, cumulative buckets). One registry per platform,
 * not prom-client's global one, so several platforms in one process (tests) count apart. Label
 * values come from code (route patterns, job names, grant ids), never from a request's keys or a
 * person.
 */
import client from 'prom-client'

export type Labels = Readonly<Record<string, string>>

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

export interface GaugeFamily {
  name: string
  help: string
  /** Every label a sample may carry: fixed at the first scrape, which may have no samples yet. */
  labelNames?: readonly string[]
  samples: readonly GaugeSample[]
}

export interface Metrics {
  counter(name: string, help: string, labelNames?: readonly string[]): Counter
  histogram(
    name: string,
    help: string,
    labelNames?: readonly string[],
    buckets?: readonly number[],
  ): Histogram
  /** The text format, with gauges whose values are read at scrape time (from the database, say). */
  render(gauges?: readonly GaugeFamily[]): Promise<string>
  contentType: string
}

export function createMetrics(): Metrics {
  const registry = new client.Registry()
  const gauges = new Map<string, client.Gauge>()

  /** A scrape-time gauge: its series are exactly this scrape's samples. */
  function setGauge({ name, help, labelNames = [], samples }: GaugeFamily): void {
    let gauge = gauges.get(name)
    if (!gauge) {
      gauge = new client.Gauge({ name, help, labelNames: [...labelNames], registers: [registry] })
      gauges.set(name, gauge)
    }
    gauge.reset()
    for (const sample of samples) {
      gauge.set({ ...sample.labels }, sample.value)
    }
  }

  return {
    counter(name, help, labelNames = []) {
      const counter = new client.Counter({ name, help, labelNames: [...labelNames], registers: [registry] })
      return { inc: (labels = {}, by = 1) => counter.inc({ ...labels }, by) }
    },
    histogram(name, help, labelNames = [], buckets = LATENCY_BUCKETS) {
      const histogram = new client.Histogram({
        name,
        help,
        labelNames: [...labelNames],
        buckets: [...buckets],
        registers: [registry],
      })
      return { observe: (labels, value) => histogram.observe({ ...labels }, value) }
    },
    async render(families = []) {
      for (const family of families) {
        setGauge(family)
      }
      return registry.metrics()
    },
    contentType: registry.contentType,
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
      ['method', 'route', 'status'],
    ),
    httpSeconds: registry.histogram(
      'govshare_http_request_duration_seconds',
      'Time from request to reply, by route pattern',
      ['method', 'route'],
    ),
    accessLookups: registry.counter(
      'govshare_access_cache_lookups_total',
      'Access answers asked of the in-memory cache (result: hit or miss)',
      ['result'],
    ),
    jobRuns: registry.counter('govshare_job_runs_total', 'Scheduled job runs on this instance, by outcome', [
      'job',
      'outcome',
    ]),
  }
}
