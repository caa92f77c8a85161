/**
 * Read one record of a granted provincial resource by its key through this platform: the province
 * checks its grant, masks and logs; both platforms' logs carry the correlation id shown here.
 */
import { Alert, Button, Descriptions, Form, Input, Modal, Typography } from 'antd'
import { useState } from 'react'
import type { RemoteReadReply } from '../../../src/modules/federation/schema'
import { federation } from '../api/endpoints'
import { useI18n } from '../i18n'
import { errorText } from './notify'

export function RemoteReadModal({
  resourceId,
  name,
  onClose,
}: {
  resourceId: string
  name: string
  onClose(): void
}) {
  const { t } = useI18n()
  const [form] = Form.useForm<{ key: string; caseRef?: string }>()
  const [busy, setBusy] = useState(false)
  const [reply, setReply] = useState<RemoteReadReply | null>(null)
  const [failure, setFailure] = useState<string | null>(null)

  const read = async () => {
    const fields = await form.validateFields()
    setBusy(true)
    setFailure(null)
    try {
      setReply(await federation.read(resourceId, fields.key.trim(), fields.caseRef?.trim() || undefined))
    } catch (error) {
      setReply(null)
      setFailure(errorText(error, t))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal open title={t('fed.readTitle', { name })} footer={null} onCancel={onClose} width={680}>
      <Typography.Paragraph type="secondary">{t('fed.readHint')}</Typography.Paragraph>
      <Form form={form} layout="inline" onFinish={read} style={{ marginBottom: 16 }}>
        <Form.Item name="key" rules={[{ required: true, whitespace: true }]}>
          <Input placeholder={t('fed.keyValue')} title={t('fed.keyHint')} data-testid="remote-read-key" />
        </Form.Item>
        <Form.Item name="caseRef">
          <Input placeholder={t('fed.caseRef')} maxLength={200} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="remote-read-submit">
          {t('fed.read')}
        </Button>
      </Form>
      {failure ? <Alert type="error" showIcon message={failure} data-testid="remote-read-error" /> : null}
      {reply ? (
        <Descriptions bordered size="small" column={1} data-testid="remote-read-record">
          {Object.entries(reply.record).map(([field, value]) => (
            <Descriptions.Item key={field} label={field}>
              {value === null || value === undefined ? '' : String(value)}
            </Descriptions.Item>
          ))}
          <Descriptions.Item label={t('fed.correlationId')}>{reply.correlationId}</Descriptions.Item>
        </Descriptions>
      ) : null}
    </Modal>
  )
}
