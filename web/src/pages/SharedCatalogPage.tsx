/** Page 3: the sharing catalog — Chinese substring search, filters with counts, results, detail. */
import { Button, Drawer, Empty, Input, List, Select, Space, Tag, Tooltip, Typography } from 'antd'
import { useState } from 'react'
import type { Facet, SharedItem } from '../../../src/modules/catalog/search/schema'
import { catalog } from '../api/endpoints'
import { ApplyModal } from '../components/ApplyModal'
import { DeptName, useDepartments } from '../components/departments'
import { EnumTag } from '../components/labels'
import { ResourceDetail } from '../components/ResourceDetail'
import { useSession } from '../components/session'
import { useLoad } from '../components/use-load'
import { useI18n } from '../i18n'

const FACET_KIND: Record<Facet, string> = {
  providerId: 'provider',
  category: 'category',
  theme: 'theme',
  shareType: 'shareType',
  format: 'format',
  updateCycle: 'updateCycle',
  zone: 'zone',
}
/** Small vocabularies show as tags with their counts; long ones as drop-downs (counts inside). */
const TAG_FACETS: Facet[] = ['shareType', 'category']
const SELECT_FACETS: Facet[] = ['providerId', 'theme', 'updateCycle', 'format']
const PAGE_SIZE = 10

export function SharedCatalogPage() {
  const { t, label } = useI18n()
  const { nameOf } = useDepartments()
  const [q, setQ] = useState('')
  const [filters, setFilters] = useState<Partial<Record<Facet, string>>>({})
  const [page, setPage] = useState(1)
  const [openId, setOpenId] = useState<string | null>(null)

  const result = useLoad(
    () => catalog.shared({ q: q || undefined, page, pageSize: PAGE_SIZE, ...filters }),
    [q, page, filters],
  )
  const facets = result.data?.facets

  const setFilter = (facet: Facet, value: string | undefined) => {
    setFilters((current) => ({ ...current, [facet]: value }))
    setPage(1)
  }
  const facetLabel = (facet: Facet, value: string) =>
    facet === 'providerId' ? nameOf(value) : label(FACET_KIND[facet], value)

  return (
    <>
      <Input.Search
        data-testid="catalog-search"
        placeholder={t('shared.searchHint')}
        enterButton={t('shared.search')}
        allowClear
        size="large"
        maxLength={100}
        onSearch={(value) => {
          setQ(value.trim())
          setPage(1)
        }}
        style={{ maxWidth: 640, marginBottom: 12 }}
      />
      {TAG_FACETS.map((facet) => (
        <div key={facet} style={{ marginBottom: 8 }} data-testid={`facet-${facet}`}>
          <Typography.Text type="secondary" style={{ marginRight: 8 }}>
            {t(`facet.${facet}`)}:
          </Typography.Text>
          {(facets?.[facet] ?? []).map(({ value, count }) => (
            <Tag.CheckableTag
              key={value}
              checked={filters[facet] === value}
              onChange={(checked) => setFilter(facet, checked ? value : undefined)}
            >
              {facetLabel(facet, value)} ({count})
            </Tag.CheckableTag>
          ))}
        </div>
      ))}
      <Space wrap style={{ marginBottom: 12 }}>
        {SELECT_FACETS.map((facet) => (
          <Select
            key={facet}
            allowClear
            style={{ width: facet === 'providerId' ? 230 : 170 }}
            placeholder={t(`facet.${facet}`)}
            value={filters[facet]}
            onChange={(value?: string) => setFilter(facet, value)}
            options={(facets?.[facet] ?? []).map(({ value, count }) => ({
              value,
              label: `${facetLabel(facet, value)} (${count})`,
            }))}
          />
        ))}
        {Object.values(filters).some(Boolean) ? (
          <Button onClick={() => setFilters({})}>{t('shared.clearFilters')}</Button>
        ) : null}
      </Space>
      <List<SharedItem>
        data-testid="catalog-results"
        loading={result.loading}
        itemLayout="vertical"
        locale={{ emptyText: <Empty description={t('shared.none')} /> }}
        dataSource={result.data?.items ?? []}
        header={
          result.data ? (
            <Typography.Text type="secondary">
              {t('shared.total', { total: result.data.total })}
              {result.data.totalExact ? '' : '+'}
            </Typography.Text>
          ) : null
        }
        pagination={
          result.data && result.data.total > PAGE_SIZE
            ? {
                current: page,
                pageSize: PAGE_SIZE,
                total: result.data.total,
                onChange: setPage,
                showSizeChanger: false,
              }
            : false
        }
        renderItem={(item) => (
          <List.Item
            key={item.id}
            extra={<Button onClick={() => setOpenId(item.id)}>{t('shared.detail')}</Button>}
          >
            <List.Item.Meta
              title={
                <Space>
                  <Typography.Link onClick={() => setOpenId(item.id)}>{item.name}</Typography.Link>
                  <EnumTag kind="shareType" value={item.shareType} />
                </Space>
              }
              description={
                <Space wrap size={4}>
                  <Tag>{item.code}</Tag>
                  <DeptName id={item.providerId} />·{label('category', item.category)}·
                  {label('updateCycle', item.updateCycle)}
                  {item.matchedVia.map((m) => (
                    <Tag key={`${m.term}-${m.synonym}`} color="blue" data-testid="matched-via">
                      {t('shared.matchedVia', m)}
                    </Tag>
                  ))}
                </Space>
              }
            />
            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
              {item.summary}
            </Typography.Paragraph>
          </List.Item>
        )}
      />
      {openId ? <DetailDrawer id={openId} onClose={() => setOpenId(null)} /> : null}
    </>
  )
}

function DetailDrawer({ id, onClose }: { id: string; onClose(): void }) {
  const { t } = useI18n()
  const { hasRole, user } = useSession()
  const { data, loading } = useLoad(() => catalog.resource(id), [id])
  const [applying, setApplying] = useState(false)
  const canApply = hasRole('consumer') && data !== undefined && data.providerId !== user?.departmentId
  const subscribe = data?.shareType === 'unconditional'
  const action = (
    <Tooltip title={canApply ? undefined : t('shared.consumersOnly')}>
      <Button
        type="primary"
        disabled={!canApply}
        onClick={() => setApplying(true)}
        data-testid="apply-button"
      >
        {subscribe ? t('apply.subscribe') : t('apply.apply')}
      </Button>
    </Tooltip>
  )
  return (
    <Drawer open width={760} title={data?.name ?? ''} onClose={onClose} loading={loading} extra={action}>
      {data ? <ResourceDetail resource={data} /> : null}
      {applying && data ? <ApplyModal resource={data} onClose={() => setApplying(false)} /> : null}
    </Drawer>
  )
}
