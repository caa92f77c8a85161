/**
 * Issue 12: the auditor's filters in words, not codes: a person or API client by name, a department
 * and a resource picked by name, an action by its Chinese label (grouped by category), Beijing-time
 * dates, a case reference, and the plain key of one record (then the search goes by key, in a POST).
 */
import { Button, Col, Form, Input, Row, Select, Space } from 'antd'
import { useEffect, useState } from 'react'
import type { ActionCatalog, SearchFilterQuery } from '../../../src/modules/audit/search/schema'
import { auditSearch } from '../api/audit'
import { useI18n } from '../i18n'
import { DateInput } from './DateInput'
import { todayInShanghai } from './dates'
import { useDepartments } from './departments'
import { useLoad } from './use-load'

export interface AuditFormValues extends SearchFilterQuery {
  /** The plain key of one record: searched by its keyed hash, never put in a URL. */
  key?: string
}

const COL = { xs: 24, md: 12, xl: 6 }

/** Empty strings and blanks dropped, text trimmed: what the API is sent. */
export function cleanFilters(values: AuditFormValues): AuditFormValues {
  const clean: AuditFormValues = {}
  for (const [name, value] of Object.entries(values)) {
    const text = typeof value === 'string' ? value.trim() : value
    if (text !== undefined && text !== null && text !== '') {
      Object.assign(clean, { [name]: text })
    }
  }
  return clean
}

export function AuditFiltersForm({ onSearch }: { onSearch(values: AuditFormValues): void }) {
  const { t, lang } = useI18n()
  const pick: LabelOf = (label) => (lang === 'en' ? label.en : label.zh)
  const [form] = Form.useForm<AuditFormValues>()
  const { list: departments } = useDepartments()
  const catalog = useLoad(() => auditSearch.actions(), [])
  const category = Form.useWatch('category', form)

  return (
    <Form<AuditFormValues>
      form={form}
      layout="vertical"
      data-testid="audit-filters"
      onFinish={(values) => onSearch(cleanFilters(values))}
    >
      <Row gutter={16}>
        <Col {...COL}>
          <Form.Item name="actor" label={t('audit.person')}>
            <Input data-testid="audit-actor" allowClear placeholder={t('audit.personPlaceholder')} />
          </Form.Item>
        </Col>
        <Col {...COL}>
          <Form.Item name="actorType" label={t('audit.actorType')}>
            <Select
              data-testid="audit-actor-type"
              allowClear
              options={[
                { value: 'user', label: t('audit.actorUser') },
                { value: 'client', label: t('audit.actorClient') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col {...COL}>
          <Form.Item name="departmentId" label={t('audit.department')}>
            <Select
              data-testid="audit-department"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={departments.map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
        </Col>
        <Col {...COL}>
          <Form.Item name="resourceId" label={t('audit.resource')}>
            <ResourcePicker />
          </Form.Item>
        </Col>
        <Col {...COL}>
          <Form.Item name="category" label={t('audit.category')}>
            <Select
              data-testid="audit-category"
              allowClear
              options={categoryOptions(catalog.data, pick)}
              onChange={() => form.setFieldValue('action', undefined)}
            />
          </Form.Item>
        </Col>
        <Col {...COL}>
          <Form.Item name="action" label={t('audit.action')}>
            <Select
              data-testid="audit-action"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('audit.pickAction')}
              options={actionOptions(catalog.data, category, pick)}
            />
          </Form.Item>
        </Col>
        <Col {...COL}>
          <Form.Item name="from" label={t('audit.from')}>
            <DateInput testId="audit-from" max={todayInShanghai()} />
          </Form.Item>
        </Col>
        <Col {...COL}>
          <Form.Item name="to" label={t('audit.to')}>
            <DateInput testId="audit-to" max={todayInShanghai()} />
          </Form.Item>
        </Col>
        <Col {...COL}>
          <Form.Item name="caseRef" label={t('audit.caseRef')}>
            <Input data-testid="audit-case-ref" allowClear />
          </Form.Item>
        </Col>
        <Col {...COL}>
          <Form.Item name="key" label={t('audit.recordKey')}>
            <Input
              data-testid="audit-record-key"
              allowClear
              autoComplete="off"
              placeholder={t('audit.recordKeyPlaceholder')}
            />
          </Form.Item>
        </Col>
        <Col xs={24} xl={12} style={{ display: 'flex', alignItems: 'flex-end', paddingBottom: 24 }}>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="audit-search">
              {t('shared.search')}
            </Button>
            <Button
              data-testid="audit-reset"
              onClick={() => {
                form.resetFields()
                onSearch({})
              }}
            >
              {t('audit.reset')}
            </Button>
          </Space>
        </Col>
      </Row>
    </Form>
  )
}

type LabelOf = (label: { zh: string; en: string }) => string

function categoryOptions(catalog: ActionCatalog | undefined, pick: LabelOf) {
  return (catalog?.categories ?? []).map((c) => ({ value: c.code, label: pick(c) }))
}

/** Actions grouped by category, in catalog order; only the chosen category's when one is chosen. */
function actionOptions(catalog: ActionCatalog | undefined, category: string | undefined, pick: LabelOf) {
  return (catalog?.categories ?? [])
    .filter((c) => category === undefined || c.code === category)
    .map((c) => ({
      label: pick(c),
      title: pick(c),
      options: (catalog?.actions ?? [])
        .filter((a) => a.category === c.code)
        .map((a) => ({ value: a.code, label: pick(a) })),
    }))
}

/** Resources of any status, searched by name on the server as the auditor types. */
function ResourcePicker({ value, onChange }: { value?: string; onChange?(id: string | undefined): void }) {
  const { t } = useI18n()
  const [q, setQ] = useState('')
  const [options, setOptions] = useState<Array<{ value: string; label: string }>>([])
  useEffect(() => {
    if (q.trim() === '') {
      return
    }
    let live = true
    const timer = setTimeout(() => {
      auditSearch
        .resources(q.trim())
        .then((result) => {
          if (live) {
            setOptions(result.items.map((r) => ({ value: r.id, label: `${r.name}（${r.code}）` })))
          }
        })
        .catch(() => {
          // The picker stays as it was; a failing search is not worth a toast on every keystroke.
        })
    }, 250)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [q])
  return (
    <Select
      data-testid="audit-resource"
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={t('audit.pickResource')}
      value={value}
      onChange={onChange}
      options={options}
    />
  )
}
