/** Page 7: the bureau's catalog review queue — see the resource and its diff, approve or return. */
import { App, Button, Card, Drawer, Input, Space, Table, Typography } from 'antd'
import { useState } from 'react'
import type { ReviewQueueItem } from '../../../src/modules/catalog/schema'
import { catalog } from '../api/endpoints'
import { ChangeDiff } from '../components/ChangeDiff'
import { formatTime } from '../components/dates'
import { DeptName } from '../components/departments'
import { errorText } from '../components/notify'
import { ResourceDetail } from '../components/ResourceDetail'
import { useLoad } from '../components/use-load'
import { useI18n } from '../i18n'

export function ReviewQueuePage() {
  const { t } = useI18n()
  const [open, setOpen] = useState<ReviewQueueItem | null>(null)
  const queue = useLoad(() => catalog.reviewQueue(), [])
  return (
    <>
      <Table<ReviewQueueItem>
        data-testid="review-queue"
        rowKey="id"
        loading={queue.loading}
        dataSource={queue.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('resource.code'), dataIndex: 'code', width: 110 },
          {
            title: t('resource.name'),
            dataIndex: 'name',
            render: (name: string, r) => <Typography.Link onClick={() => setOpen(r)}>{name}</Typography.Link>,
          },
          {
            title: t('resource.provider'),
            dataIndex: 'providerId',
            render: (id: string) => <DeptName id={id} />,
          },
          { title: t('review.version'), dataIndex: 'version', width: 80, render: (v: number) => `v${v}` },
          {
            title: t('review.submittedAt'),
            dataIndex: 'submittedAt',
            width: 160,
            render: (v: string | null) => formatTime(v),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_, r) => (
              <Button type="link" size="small" onClick={() => setOpen(r)}>
                {t('review.open')}
              </Button>
            ),
          },
        ]}
      />
      {open ? (
        <ReviewDrawer
          item={open}
          onClose={(done) => {
            setOpen(null)
            if (done) {
              queue.reload()
            }
          }}
        />
      ) : null}
    </>
  )
}

function ReviewDrawer({ item, onClose }: { item: ReviewQueueItem; onClose(done: boolean): void }) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const resource = useLoad(() => catalog.resource(item.id), [item.id])
  const versions = useLoad(() => catalog.versions(item.id), [item.id])
  const [comment, setComment] = useState('')
  const [busy, setBusy] = useState(false)
  const submitted = versions.data?.items.find((v) => v.version === item.version)

  const review = async (decision: 'approve' | 'return') => {
    setBusy(true)
    try {
      await catalog.review(item.id, decision, comment.trim() || undefined)
      message.success(decision === 'approve' ? t('review.approved') : t('review.returned'))
      onClose(true)
    } catch (error) {
      message.error(errorText(error, t))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Drawer
      open
      width={860}
      title={`${t('review.title')}：${item.name} v${item.version}`}
      onClose={() => onClose(false)}
      loading={resource.loading}
    >
      <Card size="small" title={t('review.changes')} style={{ marginBottom: 12 }}>
        {item.version === 1 ? (
          <Typography.Text type="secondary">{t('review.firstVersion')}</Typography.Text>
        ) : (
          <ChangeDiff changes={submitted?.changes ?? []} />
        )}
      </Card>
      {resource.data ? <ResourceDetail resource={resource.data} /> : null}
      <Card size="small" title={t('review.decision')} style={{ marginTop: 12 }}>
        <Input.TextArea
          rows={3}
          maxLength={2000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder={t('review.commentHint')}
          data-testid="review-comment"
        />
        <Space style={{ marginTop: 12 }}>
          <Button
            type="primary"
            loading={busy}
            onClick={() => void review('approve')}
            data-testid="review-approve"
          >
            {t('review.approve')}
          </Button>
          <Button danger loading={busy} onClick={() => void review('return')} data-testid="review-return">
            {t('review.return')}
          </Button>
        </Space>
      </Card>
    </Drawer>
  )
}
