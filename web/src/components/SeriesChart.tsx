/** A bar or line chart of a few named series over categories; ECharts is fetched on first use. */
import { Spin } from 'antd'
import { useEffect, useRef, useState } from 'react'

export interface Series {
  name: string
  values: number[]
}

const COLORS = ['#1f5fbf', '#f0a020', '#2a9d5c', '#c0392b']

export function SeriesChart({
  kind,
  title,
  categories,
  series,
  height = 360,
  testId,
}: {
  kind: 'bar' | 'line'
  title: string
  categories: string[]
  series: Series[]
  height?: number
  testId?: string
}) {
  const box = useRef<HTMLDivElement>(null)
  const [ready, setReady] = useState(false)

  useEffect(() => {
    let dispose = () => {}
    let live = true
    void import('./echarts-setup').then(({ echarts }) => {
      if (!live || !box.current) {
        return
      }
      const chart = echarts.init(box.current)
      chart.setOption({
        color: COLORS,
        title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
        tooltip: { trigger: 'axis', axisPointer: { type: kind === 'bar' ? 'shadow' : 'line' } },
        legend: { top: 30 },
        grid: { left: 8, right: 24, top: 70, bottom: 8, containLabel: true },
        // Short: the chart is settled by the time anyone (or a screenshot) looks at it.
        animationDuration: 300,
        // Long department names and twelve months: rotate rather than let ECharts drop every other label.
        xAxis: {
          type: 'category',
          data: categories,
          axisLabel: { interval: 0, rotate: 30 },
        },
        yAxis: { type: 'value', minInterval: 1 },
        series: series.map((s) => ({ name: s.name, type: kind, data: s.values })),
      })
      const resize = () => chart.resize()
      window.addEventListener('resize', resize)
      dispose = () => {
        window.removeEventListener('resize', resize)
        chart.dispose()
      }
      setReady(true)
    })
    return () => {
      live = false
      dispose()
    }
  }, [kind, title, categories, series])

  return (
    <div style={{ position: 'relative' }}>
      {ready ? null : <Spin style={{ position: 'absolute', top: 20, left: '50%' }} />}
      <div ref={box} data-testid={testId} style={{ width: '100%', height }} />
    </div>
  )
}
