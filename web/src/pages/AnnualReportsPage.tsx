/**
 * Art. 39 annual reports: a department's dept_admin generates its report from the platform's data,
 * adds its own words and submits it by 5 January; the bureau returns one with a comment and submits
 * the city's report to the province by 15 January. Buttons follow who may write which report.
 */
import { Alert, App, Button, Input, Modal, Select, Space, Table, Tag } from 'antd'
import { useState } from 'react'
import type { AnnualReportListItem } from '../../../src/modules/supervision/schema'
import { annualReports } from '../api/oversight'
import { todayInShanghai } from '../components/dates'
import { EnumTag } from '../components/labels'
import { errorText } from '../components/notify'
import { ReasonModal } from '../components/ReasonModal'
import { useSession } from '../components/session'
import { useLoad } from '../components/use-load'
import { useI18n } from '../i18n'

const WRITABLE = new Set(['missing', 'draft', 'returned'])

export function AnnualReportsPage() {
  const { t } = useI18n()
  const { message } = App.useApp()
  const { hasRole } = useSession()
  const lastYear = Number(todayInShanghai().slice(0, 4)) - 1
  const [year, setYear] = useState(lastYear)
  const [writing, setWriting] = useState<string | null>(null)
  const [returning, setReturning] = useState<string | null>(null)
  const list = useLoad(() => annualReports.list(year), [year])
  // report.annual.write is the department's dept_admin; report.annual.city the bureau's reviewer.
  const mayWrite = (r: AnnualReportListItem) =>
    r.kind === 'city' ? hasRole('bureau_reviewer') : hasRole('dept_admin')
  const generate = async (r: AnnualReportListItem) => {
    try {
      const made = await annualReports.generate(year, {
        kind: r.kind,
        ...(r.departmentId ? { departmentId: r.departmentId } : {}),
      })
      message.success(t('annual.generated'))
      list.reload()
      setWriting(made.id)
    } catch (error) {
      message.error(errorText(error, t))
    }
  }
  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        {t('annual.year')}
        <Select<number>
          value={year}
          onChange={setYear}
          style={{ width: 110 }}
          options={[lastYear, lastYear - 1, lastYear - 2].map((y) => ({ value: y, label: String(y) }))}
        />
      </Space>
      <Table<AnnualReportListItem>
        data-testid="annual-reports"
        size="small"
        rowKey={(r) => r.departmentId ?? 'city'}
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('annual.none') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: t('annual.department'),
            key: 'department',
            render: (_, r) => (r.kind === 'city' ? t('annual.cityReport') : (r.departmentName ?? '—')),
          },
          {
            title: t('annual.status'),
            key: 'status',
            render: (_, r) => (
              <>
                <EnumTag kind="reportStatus" value={r.status} />
                {r.late ? <Tag color="red">{t('annual.late')}</Tag> : null}
              </>
            ),
          },
          { title: t('annual.due'), dataIndex: 'dueDate' },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, r) => (
              <Space size={0}>
                {mayWrite(r) && WRITABLE.has(r.status) ? (
                  <Button type="link" size="small" onClick={() => void generate(r)}>
                    {t('annual.generate')}
                  </Button>
                ) : null}
                {mayWrite(r) && r.id && (r.status === 'draft' || r.status === 'returned') ? (
                  <Button type="link" size="small" onClick={() => setWriting(r.id)}>
                    {t('annual.write')}
                  </Button>
                ) : null}
                {hasRole('bureau_reviewer') && r.kind === 'department' && r.id && r.status === 'submitted' ? (
                  <Button type="link" size="small" onClick={() => setReturning(r.id)}>
                    {t('annual.return')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {writing ? (
        <WriteModal
          id={writing}
          onClose={() => {
            setWriting(null)
            list.reload()
          }}
        />
      ) : null}
      {returning ? (
        <ReasonModal
          title={t('annual.return')}
          label={t('annual.returnComment')}
          maxLength={4000}
          onSubmit={async (comment) => {
            await annualReports.returnReport(returning, comment)
            message.success(t('annual.returned'))
          }}
          onClose={() => {
            setReturning(null)
            list.reload()
          }}
        />
      ) : null}
    </>
  )
}

function WriteModal({ id, onClose }: { id: string; onClose(): void }) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const report = useLoad(() => annualReports.get(id), [id])
  const [text, setText] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const shown = text ?? report.data?.text ?? ''
  const run = async (submit: boolean) => {
    setBusy(true)
    try {
      await annualReports.saveText(id, shown)
      if (submit) {
        await annualReports.submit(id)
      }
      message.success(submit ? t('annual.submitted') : t('annual.saved'))
      onClose()
    } catch (error) {
      message.error(errorText(error, t))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal
      open
      title={t('annual.write')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={() => void run(false)} loading={busy}>
            {t('annual.save')}
          </Button>
          <Button type="primary" onClick={() => void run(true)} loading={busy} data-testid="submit-report">
            {t('annual.submit')}
          </Button>
        </Space>
      }
    >
      {report.data?.returned ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('annual.returnedNote', { comment: report.data.returned.comment })}
        />
      ) : null}
      <div style={{ marginBottom: 8 }}>{t('annual.text')}</div>
      <Input.TextArea rows={8} maxLength={20000} value={shown} onChange={(e) => setText(e.target.value)} />
    </Modal>
  )
}
