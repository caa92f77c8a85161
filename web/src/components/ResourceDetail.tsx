/** A resource as consumers and reviewers see it: metadata, share terms, items. */
import { Descriptions, Table, Tag, Typography } from 'antd'
import type { ItemView, ResourceView } from '../../../src/modules/catalog/schema'
import { useI18n } from '../i18n'
import { formatTime } from './dates'
import { DeptName } from './departments'
import { EnumTag } from './labels'

export function ResourceDetail({ resource }: { resource: ResourceView }) {
  const { t, label } = useI18n()
  return (
    <>
      <Descriptions bordered size="small" column={2} data-testid="resource-detail">
        <Descriptions.Item label={t('resource.name')} span={2}>
          {resource.name}
        </Descriptions.Item>
        <Descriptions.Item label={t('resource.code')}>{resource.code}</Descriptions.Item>
        <Descriptions.Item label={t('resource.provider')}>
          <DeptName id={resource.providerId} />
          <Typography.Text type="secondary" style={{ marginLeft: 8 }} data-testid="provider-code">
            {resource.providerCode}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('resource.summary')} span={2}>
          {resource.summary}
        </Descriptions.Item>
        <Descriptions.Item label={t('resource.category')}>
          {label('category', resource.category)}
          {resource.theme ? ` · ${label('theme', resource.theme)}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('resource.format')}>{label('format', resource.format)}</Descriptions.Item>
        <Descriptions.Item label={t('resource.shareType')}>
          <EnumTag kind="shareType" value={resource.shareType} />
        </Descriptions.Item>
        <Descriptions.Item label={t('resource.shareMethod')}>
          {label('shareMethod', resource.shareMethod)}
        </Descriptions.Item>
        {resource.shareCondition ? (
          <Descriptions.Item label={t('resource.shareCondition')} span={2}>
            {resource.shareCondition}
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('resource.legalBasis')} span={2}>
          {resource.legalBasis || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('resource.updateCycle')}>
          {label('updateCycle', resource.updateCycle)}
        </Descriptions.Item>
        <Descriptions.Item label={t('resource.zone')}>{label('zone', resource.zone)}</Descriptions.Item>
        <Descriptions.Item label={t('resource.status')}>
          <EnumTag kind="resourceStatus" value={resource.status} /> v{resource.version}
        </Descriptions.Item>
        <Descriptions.Item label={t('resource.publishedAt')}>
          {formatTime(resource.publishedAt) || '—'}
        </Descriptions.Item>
      </Descriptions>
      <ItemsTable items={resource.items} />
    </>
  )
}

export function ItemsTable({ items }: { items: ItemView[] }) {
  const { t, label } = useI18n()
  return (
    <Table<ItemView>
      style={{ marginTop: 16 }}
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={items}
      columns={[
        { title: t('item.code'), dataIndex: 'code', width: 130 },
        {
          title: t('item.name'),
          dataIndex: 'name',
          render: (name: string, item) => (
            <>
              {name} {item.key ? <Tag color="blue">{t('item.key')}</Tag> : null}
              {item.authoritativeItemCode ? (
                <Tag color="green">
                  {t('item.references')} {item.authoritativeItemCode}
                </Tag>
              ) : null}
            </>
          ),
        },
        {
          title: t('item.element'),
          dataIndex: 'elementCode',
          width: 90,
          render: (v: string | null) => v ?? '—',
        },
        {
          title: t('item.dataType'),
          dataIndex: 'dataType',
          width: 100,
          render: (v: string) => label('dataType', v),
        },
        {
          title: t('item.sensitivity'),
          dataIndex: 'sensitivity',
          width: 120,
          render: (v: string) => (v === 'none' ? '—' : <Tag color="purple">{label('sensitivity', v)}</Tag>),
        },
        { title: t('item.description'), dataIndex: 'description', render: (v: string | null) => v ?? '' },
      ]}
    />
  )
}
