/** Page 8 (placeholder): one chart from what the API has now — shared resources per provider. */
import { Alert, Card } from 'antd'
import { useMemo } from 'react'
import { catalog } from '../api/endpoints'
import { BarChart } from '../components/BarChart'
import { useDepartments } from '../components/departments'
import { useLoad } from '../components/use-load'
import { useI18n } from '../i18n'

export function StatsPage() {
  const { t } = useI18n()
  const { nameOf } = useDepartments()
  // The sharing catalog's provider facet counts every published, shareable resource, whoever asks.
  const shared = useLoad(() => catalog.shared({ pageSize: 1 }), [])
  const bars = useMemo(
    () =>
      (shared.data?.facets.providerId ?? []).map(({ value, count }) => ({
        name: nameOf(value),
        value: count,
      })),
    [shared.data, nameOf],
  )
  return (
    <>
      <Alert type="info" showIcon title={t('stats.placeholder')} style={{ marginBottom: 16 }} />
      <Card size="small" loading={shared.loading}>
        {bars.length > 0 ? (
          <BarChart bars={bars} title={t('stats.perProvider', { total: shared.data?.total ?? 0 })} />
        ) : null}
      </Card>
    </>
  )
}
