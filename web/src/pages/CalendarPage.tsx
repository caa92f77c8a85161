/** Page 7: the year's holidays and make-up working days, the schedule file import, and the bureau's own dates. */

import {
  App,
  Button,
  Card,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd'
import { useState } from 'react'
import type { OverrideView, ScheduledDay } from '../../../src/modules/calendar/schema'
import { DAY_KINDS } from '../../../src/modules/calendar/vocabulary'
import { calendar } from '../api/endpoints'
import { DateInput } from '../components/DateInput'
import { formatTime } from '../components/dates'
import { errorText } from '../components/notify'
import { Person } from '../components/Person'
import { useLoad } from '../components/use-load'
import { useI18n } from '../i18n'

interface Fields {
  date: string
  kind: 'holiday' | 'workday'
  name?: string
}

export function CalendarPage() {
  const { t, label } = useI18n()
  const { message } = App.useApp()
  const years = useLoad(() => calendar.years(), [])
  const [year, setYear] = useState<number>()
  const shownYear = year ?? years.data?.currentYear
  const overrides = useLoad(() => calendar.overrides(shownYear), [shownYear])
  const days = useLoad(
    () => (shownYear === undefined ? Promise.resolve(undefined) : calendar.yearDays(shownYear)),
    [shownYear],
  )
  const [form] = Form.useForm<Fields>()
  const [importing, setImporting] = useState(false)
  const reloadAll = () => {
    overrides.reload()
    days.reload()
    years.reload()
  }

  const importFile = async (file: File) => {
    if (shownYear === undefined) {
      return
    }
    setImporting(true)
    try {
      const result = await calendar.importScheduleFile(shownYear, file.name, await file.text())
      message.success(t('calendar.imported', { ...result }))
      reloadAll()
    } catch (error) {
      message.error(errorText(error, t))
    } finally {
      setImporting(false)
    }
  }

  const add = async (fields: Fields) => {
    try {
      await calendar.setOverride(fields.date, fields.kind, fields.name?.trim() || undefined)
      message.success(t('common.saved'))
      form.resetFields()
      reloadAll()
    } catch (error) {
      message.error(errorText(error, t))
    }
  }
  const remove = async (date: string) => {
    try {
      await calendar.removeOverride(date)
      reloadAll()
    } catch (error) {
      message.error(errorText(error, t))
    }
  }

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text>{t('calendar.years')}：</Typography.Text>
        {(years.data?.items ?? []).map((y) => (
          <Tag key={y.year} color={y.official ? 'green' : 'orange'}>
            {y.year} {y.official ? t('calendar.official') : t('calendar.provisional')}
          </Tag>
        ))}
        {years.data && !years.data.nextYearOfficial ? (
          <Tag color="red">{t('calendar.nextMissing')}</Tag>
        ) : null}
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 120 }}
          value={shownYear}
          onChange={(v: number) => setYear(v)}
          options={(years.data?.items ?? []).map((y) => ({ value: y.year, label: String(y.year) }))}
          data-testid="calendar-year"
        />
        <Upload
          accept=".json,.csv,application/json,text/csv"
          showUploadList={false}
          beforeUpload={(file) => {
            void importFile(file)
            return false // read as text and sent as JSON, not antd's multipart form
          }}
        >
          <Button loading={importing} disabled={shownYear === undefined} data-testid="calendar-import">
            {t('calendar.import', { year: shownYear ?? '' })}
          </Button>
        </Upload>
      </Space>
      <Typography.Paragraph type="secondary">
        <CommandHint
          text={t('calendar.importHint', { command: '\u0000' })}
          command="govshare calendar import"
        />
      </Typography.Paragraph>
      <Card size="small" title={t('calendar.days', { year: shownYear ?? '' })} style={{ marginBottom: 16 }}>
        <Table<ScheduledDay>
          data-testid="calendar-days"
          rowKey="date"
          size="small"
          loading={days.loading}
          dataSource={days.data?.items ?? []}
          locale={{ emptyText: t('calendar.noDays', { year: shownYear ?? '' }) }}
          pagination={{ pageSize: 40, hideOnSinglePage: true }}
          columns={[
            { title: t('calendar.date'), dataIndex: 'date', width: 120 },
            {
              title: t('calendar.kind'),
              dataIndex: 'kind',
              width: 140,
              render: (v: string) => (
                <Tag color={v === 'holiday' ? 'red' : 'blue'}>{label('dayKind', v)}</Tag>
              ),
            },
            { title: t('calendar.name'), dataIndex: 'name' },
            {
              title: t('calendar.source'),
              dataIndex: 'source',
              width: 120,
              render: (v: string) =>
                v === 'official' ? t('calendar.sourceOfficial') : t('calendar.sourceBureau'),
            },
          ]}
        />
      </Card>
      <Typography.Title level={5}>{t('calendar.overrides')}</Typography.Title>
      <Form<Fields>
        form={form}
        layout="inline"
        onFinish={(f) => void add(f)}
        initialValues={{ kind: 'holiday' }}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="date" rules={[{ required: true, message: t('form.required') }]}>
          <DateInput testId="override-date" />
        </Form.Item>
        <Form.Item name="kind">
          <Select
            style={{ width: 150 }}
            options={DAY_KINDS.map((k) => ({ value: k, label: label('dayKind', k) }))}
          />
        </Form.Item>
        <Form.Item name="name">
          <Input placeholder={t('calendar.name')} maxLength={100} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('calendar.add')}
        </Button>
      </Form>
      <Table<OverrideView>
        data-testid="calendar-overrides"
        rowKey="date"
        size="small"
        loading={overrides.loading}
        dataSource={overrides.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('calendar.date'), dataIndex: 'date', width: 120 },
          {
            title: t('calendar.kind'),
            dataIndex: 'kind',
            width: 140,
            render: (v: string) => label('dayKind', v),
          },
          { title: t('calendar.name'), dataIndex: 'name' },
          {
            title: t('calendar.by'),
            key: 'createdBy',
            width: 120,
            render: (_, o) => <Person login={o.createdBy} name={o.createdByName} />,
          },
          {
            title: t('org.createdAt'),
            dataIndex: 'createdAt',
            width: 150,
            render: (v: string) => formatTime(v),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_, o) => (
              <Popconfirm title={t('calendar.removeConfirm')} onConfirm={() => remove(o.date)}>
                <Button type="link" danger size="small">
                  {t('common.remove')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </>
  )
}

/** A sentence naming a CLI command: the command is code, not words to translate. */
function CommandHint({ text, command }: { text: string; command: string }) {
  const [before = '', after = ''] = text.split('\u0000')
  return (
    <>
      {before}
      <Typography.Text code>{command}</Typography.Text>
      {after}
    </>
  )
}
