/** Page 7: the bureau's calendar overrides (holidays and make-up working days) and loaded years. */

import { App, Button, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import type { OverrideView } from '../../../src/modules/calendar/schema'
import { DAY_KINDS } from '../../../src/modules/calendar/vocabulary'
import { calendar } from '../api/endpoints'
import { formatTime } from '../components/dates'
import { errorText } from '../components/notify'
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
  const [form] = Form.useForm<Fields>()

  const add = async (fields: Fields) => {
    try {
      await calendar.setOverride(fields.date, fields.kind, fields.name?.trim() || undefined)
      message.success(t('common.saved'))
      form.resetFields()
      overrides.reload()
    } catch (error) {
      message.error(errorText(error, t))
    }
  }
  const remove = async (date: string) => {
    try {
      await calendar.removeOverride(date)
      overrides.reload()
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
      <Form<Fields>
        form={form}
        layout="inline"
        onFinish={(f) => void add(f)}
        initialValues={{ kind: 'holiday' }}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="date" rules={[{ required: true, message: t('form.required') }]}>
          <Input type="date" />
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
      <Select
        style={{ width: 120, marginBottom: 12 }}
        value={shownYear}
        onChange={(v: number) => setYear(v)}
        options={(years.data?.items ?? []).map((y) => ({ value: y.year, label: String(y.year) }))}
      />
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
          { title: t('calendar.by'), dataIndex: 'createdBy', width: 120 },
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
