/** A horizontal bar chart drawn by ECharts, which is fetched the first time a chart is shown. */
import { Spin } from 'antd'
import { useEffect, useRef, useState } from 'react'

export interface Bar {
  name: string
  value: number
}

export function BarChart({ bars, title, height = 420 }: { bars: Bar[]; title: string; height?: number }) {
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
      const sorted = [...bars].sort((a, b) => a.value - b.value)
      chart.setOption({
        title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        grid: { left: 8, right: 40, top: 40, bottom: 8, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: sorted.map((b) => b.name) },
        series: [
          {
            type: 'bar',
            data: sorted.map((b) => b.value),
            itemStyle: { color: '#1f5fbf' },
            label: { show: true, position: 'right' },
          },
        ],
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
  }, [bars, title])

  return (
    <div style={{ position: 'relative' }}>
      {ready ? null : <Spin style={{ position: 'absolute', top: 20, left: '50%' }} />}
      <div ref={box} data-testid="bar-chart" style={{ width: '100%', height }} />
    </div>
  )
}
