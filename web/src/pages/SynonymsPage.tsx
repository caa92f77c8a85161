/** Issue 15: the bureau keeps the search dictionary: the words staff type and the formal names they also find. */

import { App, Button, Card, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import type { SearchSynonym } from '../../../src/modules/catalog/search/schema'
import { catalog } from '../api/endpoints'
import { formatTime } from '../components/dates'
import { errorText } from '../components/notify'
import { useLoad } from '../components/use-load'
import { useI18n } from '../i18n'

interface Fields {
  term: string
  expansions: string[]
}

export function SynonymsPage() {
  const { t } = useI18n()
  const { message } = App.useApp()
  const entries = useLoad(() => catalog.synonyms(), [])
  const [form] = Form.useForm<Fields>()
  const [filter, setFilter] = useState('')

  const save = async (fields: Fields) => {
    try {
      await catalog.setSynonym(fields.term.trim(), fields.expansions)
      message.success(t('common.saved'))
      form.resetFields()
      entries.reload()
    } catch (error) {
      message.error(errorText(error, t))
    }
  }
  const remove = async (term: string) => {
    try {
      await catalog.removeSynonym(term)
      entries.reload()
    } catch (error) {
      message.error(errorText(error, t))
    }
  }
  const shown = (entries.data?.items ?? []).filter(
    (e) => filter === '' || e.term.includes(filter) || e.expansions.some((x) => x.includes(filter)),
  )

  return (
    <>
      <Typography.Paragraph type="secondary">{t('synonyms.intro')}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<Fields> form={form} layout="inline" onFinish={(f) => void save(f)} style={{ rowGap: 8 }}>
          <Form.Item
            name="term"
            label={t('synonyms.term')}
            rules={[{ required: true, whitespace: true, message: t('form.required') }]}
          >
            <Input maxLength={50} style={{ width: 160 }} data-testid="synonym-term" />
          </Form.Item>
          <Form.Item
            name="expansions"
            label={t('synonyms.expansions')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Select
              mode="tags"
              open={false}
              tokenSeparators={[',', '，', '、']}
              placeholder={t('synonyms.expansionsHint')}
              style={{ minWidth: 360 }}
              data-testid="synonym-expansions"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="synonym-save">
            {t('synonyms.save')}
          </Button>
        </Form>
      </Card>
      <Space style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('synonyms.filter')}
          onSearch={setFilter}
          onChange={(e) => setFilter(e.target.value.trim())}
          style={{ width: 240 }}
        />
      </Space>
      <Table<SearchSynonym>
        data-testid="synonym-table"
        rowKey="term"
        size="small"
        loading={entries.loading}
        dataSource={shown}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('synonyms.term'), dataIndex: 'term', width: 140 },
          {
            title: t('synonyms.expansions'),
            dataIndex: 'expansions',
            render: (list: string[]) => list.map((x) => <Tag key={x}>{x}</Tag>),
          },
          {
            title: t('synonyms.updatedBy'),
            key: 'by',
            width: 120,
            render: (_, e) => e.updatedByName ?? t('synonyms.system'),
          },
          {
            title: t('synonyms.updatedAt'),
            dataIndex: 'updatedAt',
            width: 150,
            render: (v: string) => formatTime(v),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 130,
            render: (_, e) => (
              <Space size={0}>
                <Button
                  type="link"
                  size="small"
                  onClick={() => form.setFieldsValue({ term: e.term, expansions: e.expansions })}
                >
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('synonyms.removeConfirm', { term: e.term })}
                  onConfirm={() => remove(e.term)}
                >
                  <Button type="link" danger size="small">
                    {t('common.remove')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
    </>
  )
}
