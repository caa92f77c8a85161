/** Page 4: create or edit a resource with its items in one form; server refusals land on their field. */
import { Alert, App, Button, Card, Form, type FormInstance, Input, Select, Space, Spin } from 'antd'
import { useEffect, useState } from 'react'
import type { ResourceInput, ResourceView } from '../../../src/modules/catalog/schema'
import {
  CATEGORIES,
  FORMATS,
  SHARE_METHODS,
  SHARE_TYPES,
  THEMES,
  UPDATE_CYCLES,
  ZONES,
} from '../../../src/modules/catalog/vocabulary'
import { catalog } from '../api/endpoints'
import { withSourceNamed } from '../components/ItemElement'
import { ItemsEditor } from '../components/ItemsEditor'
import { errorField, errorText } from '../components/notify'
import { navigate } from '../components/router'
import { useI18n } from '../i18n'

type FieldName = Parameters<FormInstance<ResourceInput>['setFields']>[0][number]['name']

const EMPTY: Partial<ResourceInput> = {
  category: 'department',
  format: 'database',
  shareType: 'conditional',
  shareMethod: 'api',
  updateCycle: 'daily',
  zone: 'external',
  items: [{ name: '', dataType: 'string', sensitivity: 'none', key: true }],
}

export function ResourceEditPage({ params }: { params: Record<string, string> }) {
  const { t, label } = useI18n()
  const { message } = App.useApp()
  const [form] = Form.useForm<ResourceInput>()
  const id = params.id
  const [loaded, setLoaded] = useState<ResourceView | null>(null)
  const [busy, setBusy] = useState(false)
  const category = Form.useWatch('category', form)
  const shareType = Form.useWatch('shareType', form)

  useEffect(() => {
    if (!id) {
      return
    }
    catalog
      .resource(id)
      .then((resource) => {
        setLoaded(resource)
        form.setFieldsValue(toInput(resource))
      })
      .catch((error: unknown) => message.error(errorText(error, t)))
  }, [id, form, message, t])

  const save = async (andSubmit: boolean) => {
    let values: ResourceInput
    try {
      values = await form.validateFields()
    } catch {
      return // antd shows the messages beside the fields
    }
    setBusy(true)
    try {
      const body = clean(values)
      const saved = id ? await catalog.update(id, body) : await catalog.create(body)
      if (andSubmit) {
        await catalog.submit(saved.id)
      }
      message.success(
        andSubmit ? t('catalog.submitted', { name: saved.name }) : t('catalog.saved', { name: saved.name }),
      )
      for (const warning of saved.warnings ?? []) {
        message.warning(warning.message)
      }
      navigate('/my-catalog')
    } catch (error) {
      const path = fieldPath(errorField(error))
      const text = withSourceNamed(errorText(error, t), error, t)
      if (path) {
        // The server names fields of this very body, so its path is one of the form's paths.
        form.setFields([{ name: path as FieldName, errors: [text] }])
        form.scrollToField(path)
      } else {
        message.error(text)
      }
    } finally {
      setBusy(false)
    }
  }

  if (id && !loaded) {
    return <Spin />
  }
  const needsBasis = shareType === 'conditional' || shareType === 'none'
  const options = (kind: string, values: readonly string[]) =>
    values.map((v) => ({ value: v, label: label(kind, v) }))

  return (
    <Form<ResourceInput>
      form={form}
      layout="vertical"
      initialValues={EMPTY}
      style={{ maxWidth: 1100 }}
      data-testid="resource-form"
      scrollToFirstError
    >
      {loaded?.reviewComment && loaded.status === 'returned' ? (
        <Alert
          type="warning"
          showIcon
          title={`${t('catalog.returnedWith')}：${loaded.reviewComment}`}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {loaded?.status === 'published' ? (
        <Alert type="info" showIcon title={t('catalog.editPublished')} style={{ marginBottom: 12 }} />
      ) : null}
      <Card size="small" title={t('catalog.metadata')}>
        <Space wrap align="start" size="middle">
          <Form.Item
            name="name"
            label={t('resource.name')}
            rules={[{ required: true, whitespace: true, message: t('form.required') }]}
          >
            <Input style={{ width: 360 }} maxLength={200} />
          </Form.Item>
          <Form.Item name="category" label={t('resource.category')}>
            <Select style={{ width: 170 }} options={options('category', CATEGORIES)} />
          </Form.Item>
          {category === 'base' || category === 'theme' ? (
            <Form.Item
              name="theme"
              label={t('resource.theme')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Select style={{ width: 200 }} options={options('theme', THEMES)} />
            </Form.Item>
          ) : null}
          <Form.Item name="format" label={t('resource.format')}>
            <Select style={{ width: 150 }} options={options('format', FORMATS)} />
          </Form.Item>
        </Space>
        <Form.Item
          name="summary"
          label={t('resource.summary')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Space wrap align="start" size="middle">
          <Form.Item
            name="shareType"
            label={t('resource.shareType')}
            dependencies={['category']}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_, value: string) => {
                  if (getFieldValue('category') === 'base' && value !== 'unconditional') {
                    throw new Error(t('catalog.baseUnconditional'))
                  }
                },
              }),
            ]}
          >
            <Select style={{ width: 170 }} options={options('shareType', SHARE_TYPES)} />
          </Form.Item>
          <Form.Item name="shareMethod" label={t('resource.shareMethod')}>
            <Select style={{ width: 140 }} options={options('shareMethod', SHARE_METHODS)} />
          </Form.Item>
          <Form.Item name="updateCycle" label={t('resource.updateCycle')}>
            <Select style={{ width: 140 }} options={options('updateCycle', UPDATE_CYCLES)} />
          </Form.Item>
          <Form.Item name="zone" label={t('resource.zone')}>
            <Select style={{ width: 140 }} options={options('zone', ZONES)} />
          </Form.Item>
        </Space>
        {shareType === 'conditional' ? (
          <Form.Item name="shareCondition" label={t('resource.shareCondition')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="legalBasis"
          label={t('resource.legalBasis')}
          dependencies={['shareType']}
          rules={[{ required: needsBasis, whitespace: true, message: t('catalog.legalBasisRequired') }]}
        >
          <Input.TextArea
            rows={2}
            maxLength={2000}
            placeholder={needsBasis ? t('catalog.legalBasisHint') : undefined}
          />
        </Form.Item>
      </Card>
      <Card size="small" title={t('catalog.items')} style={{ marginTop: 12 }}>
        <ItemsEditor />
      </Card>
      <Space style={{ marginTop: 16 }}>
        <Button onClick={() => navigate('/my-catalog')}>{t('common.cancel')}</Button>
        <Button loading={busy} onClick={() => void save(false)} data-testid="save-draft">
          {t('catalog.saveDraft')}
        </Button>
        <Button type="primary" loading={busy} onClick={() => void save(true)} data-testid="save-submit">
          {t('catalog.saveSubmit')}
        </Button>
      </Space>
    </Form>
  )
}

function toInput(r: ResourceView): ResourceInput {
  return {
    name: r.name,
    summary: r.summary,
    category: r.category,
    theme: r.theme ?? undefined,
    format: r.format,
    shareType: r.shareType,
    shareCondition: r.shareCondition ?? undefined,
    legalBasis: r.legalBasis ?? undefined,
    shareMethod: r.shareMethod,
    updateCycle: r.updateCycle,
    zone: r.zone,
    items: r.items.map((i) => ({
      name: i.name,
      dataType: i.dataType,
      key: i.key,
      sensitivity: i.sensitivity,
      description: i.description ?? undefined,
      authoritativeItemCode: i.authoritativeItemCode ?? undefined,
      elementCode: i.elementCode ?? undefined,
    })),
  }
}

/** Drop empty optional text so the server's schema sees "absent", not "". */
function clean(values: ResourceInput): ResourceInput {
  const text = (v: string | undefined) => (v?.trim() ? v.trim() : undefined)
  return {
    ...values,
    name: values.name.trim(),
    summary: values.summary.trim(),
    theme: values.category === 'department' ? undefined : values.theme,
    shareCondition: values.shareType === 'conditional' ? text(values.shareCondition) : undefined,
    legalBasis: text(values.legalBasis),
    items: values.items.map((item) => ({
      ...item,
      name: item.name.trim(),
      key: item.key === true,
      description: text(item.description),
      authoritativeItemCode: text(item.authoritativeItemCode),
      elementCode: text(item.elementCode),
    })),
  }
}

/** 'items.0.name' → ['items', 0, 'name'], the path antd's form uses. */
function fieldPath(field: string | undefined): Array<string | number> | null {
  if (!field) {
    return null
  }
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part))
}
