import { describe, expect, it } from 'vitest'
import { createMetrics } from './metrics.js'

describe('metrics on prom-client', () => {
  it('renders counters, cumulative histograms and scrape-time gauges in the text format', async () => {
    const metrics = createMetrics()
    const requests = metrics.counter('t_requests_total', 'Requests', ['route'])
    requests.inc({ route: '/a' })
    requests.inc({ route: '/a' }, 2)
    const seconds = metrics.histogram('t_seconds', 'Time', ['route'], [0.1, 1])
    seconds.observe({ route: '/a' }, 0.05)
    seconds.observe({ route: '/a' }, 0.5)
    seconds.observe({ route: '/a' }, 3)
    const text = await metrics.render([{ name: 't_head', help: 'Head', samples: [{ value: 7 }] }])
    const lines = text.split('\n')
    expect(lines).toContain('t_requests_total{route="/a"} 3')
    expect(lines).toContain('t_seconds_bucket{le="0.1",route="/a"} 1')
    expect(lines).toContain('t_seconds_bucket{le="1",route="/a"} 2')
    expect(lines).toContain('t_seconds_bucket{le="+Inf",route="/a"} 3')
    expect(lines).toContain('t_seconds_sum{route="/a"} 3.55')
    expect(lines).toContain('t_head 7')
    expect(metrics.contentType).toContain('text/plain')
  })

  it('keeps only this scrape’s gauge series, and escapes label values', async () => {
    const metrics = createMetrics()
    const lag = (samples: Array<{ labels: Record<string, string>; value: number }>) =>
      metrics.render([{ name: 't_lag', help: 'Lag', labelNames: ['target'], samples }])
    // The first scrape may have no series yet; the labels of later ones must still be accepted.
    expect(await lag([])).toContain('# TYPE t_lag gauge')
    await lag([{ labels: { target: 'old' }, value: 1 }])
    const text = await lag([{ labels: { target: 'a"b\\c\nd' }, value: 2 }])
    expect(text).not.toContain('target="old"')
    expect(text).toContain('t_lag{target="a\\"b\\\\c\\nd"} 2')
  })

  it('counts apart in two registries of one process', async () => {
    const [a, b] = [createMetrics(), createMetrics()]
    a.counter('t_total', 'T').inc()
    b.counter('t_total', 'T')
    expect(await a.render()).toContain('t_total 1')
    expect(await b.render()).toContain('t_total 0')
  })
})
