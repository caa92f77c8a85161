/** The items (信息项) of a resource, edited as rows inside the resource form. */
import { Button, Checkbox, Form, Input, Select, Space } from 'antd'
import type { ItemInput } from '../../../src/modules/catalog/schema'
import { DATA_TYPES, SENSITIVITIES } from '../../../src/modules/catalog/vocabulary'
import { useI18n } from '../i18n'
import { ItemNameInput, ItemSourceHint } from './ItemElement'

export function ItemsEditor() {
  const { t, label } = useI18n()
  return (
    <Form.List
      name="items"
      rules={[
        {
          validator: async (_, items: ItemInput[] | undefined) => {
            if (!items || items.length === 0) {
              throw new Error(t('item.atLeastOne'))
            }
            if (!items.some((item) => item?.key)) {
              throw new Error(t('item.keyRequired'))
            }
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <div data-testid="items-editor">
          {fields.map((field, index) => (
            <div key={field.key}>
              <Space align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
                <span style={{ display: 'inline-block', width: 24, paddingTop: 5 }}>{index + 1}.</span>
                <Form.Item
                  name={[field.name, 'name']}
                  rules={[
                    { required: true, whitespace: true, message: t('item.nameRequired') },
                    ({ getFieldValue }) => ({
                      validator: async (_, name: string | undefined) => {
                        const all: ItemInput[] = getFieldValue('items') ?? []
                        const same = all.filter(
                          (item) => item?.name?.trim() && item.name.trim() === name?.trim(),
                        )
                        if (same.length > 1) {
                          throw new Error(t('item.duplicate'))
                        }
                      },
                    }),
                  ]}
                  // A refusal naming the authoritative source is long: it wraps rather than spreading the row.
                  style={{ marginBottom: 8, maxWidth: 400 }}
                >
                  <ItemNameInput index={field.name} placeholder={t('item.name')} />
                </Form.Item>
                <Form.Item name={[field.name, 'elementCode']} hidden>
                  <Input />
                </Form.Item>
                <Form.Item name={[field.name, 'authoritativeItemCode']} hidden>
                  <Input />
                </Form.Item>
                <Form.Item name={[field.name, 'dataType']} style={{ marginBottom: 8 }}>
                  <Select
                    style={{ width: 120 }}
                    options={DATA_TYPES.map((v) => ({ value: v, label: label('dataType', v) }))}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'sensitivity']} style={{ marginBottom: 8 }}>
                  <Select
                    style={{ width: 140 }}
                    options={SENSITIVITIES.map((v) => ({ value: v, label: label('sensitivity', v) }))}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'key']}
                  valuePropName="checked"
                  style={{ marginBottom: 8, paddingTop: 5 }}
                >
                  <Checkbox>{t('item.key')}</Checkbox>
                </Form.Item>
                <Form.Item name={[field.name, 'description']} style={{ marginBottom: 8 }}>
                  <Input placeholder={t('item.description')} style={{ width: 200 }} maxLength={1000} />
                </Form.Item>
                <Button type="text" danger onClick={() => remove(field.name)} disabled={fields.length === 1}>
                  {t('common.remove')}
                </Button>
              </Space>
              <ItemSourceHint index={field.name} />
            </div>
          ))}
          <Form.ErrorList errors={errors} />
          <Button
            type="dashed"
            onClick={() => add({ name: '', dataType: 'string', sensitivity: 'none', key: false })}
          >
            {t('item.add')}
          </Button>
        </div>
      )}
    </Form.List>
  )
}
