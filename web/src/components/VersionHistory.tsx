/** Every version of a resource, newest first, each with its diff against the one before. */
import { Collapse, Drawer, Space, Typography } from 'antd'
import { catalog } from '../api/endpoints'
import { useI18n } from '../i18n'
import { ChangeDiff } from './ChangeDiff'
import { formatTime } from './dates'
import { EnumTag } from './labels'
import { useLoad } from './use-load'

export function VersionHistory({ id, name, onClose }: { id: string; name: string; onClose(): void }) {
  const { t } = useI18n()
  const { data, loading } = useLoad(() => catalog.versions(id), [id])
  const versions = [...(data?.items ?? [])].sort((a, b) => b.version - a.version)
  return (
    <Drawer open width={820} title={`${t('history.title')}：${name}`} onClose={onClose} loading={loading}>
      <Collapse
        data-testid="version-history"
        defaultActiveKey={versions[0] ? [String(versions[0].version)] : []}
        items={versions.map((v) => ({
          key: String(v.version),
          label: (
            <Space>
              <strong>v{v.version}</strong>
              <EnumTag kind="resourceStatus" value={v.status} />
              <span>{formatTime(v.createdAt)}</span>
              {v.reviewComment ? <Typography.Text type="warning">{v.reviewComment}</Typography.Text> : null}
            </Space>
          ),
          children:
            v.version === 1 && v.changes.length === 0 ? (
              <Typography.Text type="secondary">{t('history.first')}</Typography.Text>
            ) : (
              <ChangeDiff changes={v.changes} />
            ),
        }))}
      />
    </Drawer>
  )
}
