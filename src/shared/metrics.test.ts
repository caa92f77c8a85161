import { describe, expect, it } from 'vitest'
import { createMetrics, labelText } from './metrics.js'

describe('Prometheus text format', () => {
  it('renders counters, cumulative histograms and scrape-time gauges', () => {
    const metrics = createMetrics()
    const requests = metrics.counter('t_requests_total', 'Requests')
    requests.inc({ route: '/a' })
    requests.inc({ route: '/a' }, 2)
    const seconds = metrics.histogram('t_seconds', 'Time', [0.1, 1])
    seconds.observe({ route: '/a' }, 0.05)
    seconds.observe({ route: '/a' }, 0.5)
    seconds.observe({ route: '/a' }, 3)
    const text = metrics.render([{ name: 't_head', help: 'Head', samples: [{ value: 7 }] }])
    expect(text.split('\n')).toEqual([
      '# HELP t_requests_total Requests',
      '# TYPE t_requests_total counter',
      't_requests_total{route="/a"} 3',
      '# HELP t_seconds Time',
      '# TYPE t_seconds histogram',
      't_seconds_bucket{route="/a",le="0.1"} 1',
      't_seconds_bucket{route="/a",le="1"} 2',
      't_seconds_bucket{route="/a",le="+Inf"} 3',
      't_seconds_sum{route="/a"} 3.55',
      't_seconds_count{route="/a"} 3',
      '# HELP t_head Head',
      '# TYPE t_head gauge',
      't_head 7',
      '',
    ])
  })

  it('escapes label values so none can end the line or the label', () => {
    expect(labelText({ target: 'a"b\\c\nd' })).toBe('{target="a\\"b\\\\c\\nd"}')
    expect(labelText({})).toBe('')
  })
})
