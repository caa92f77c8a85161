/**
 * Issue 11 in the portal: the access modes (verify < lookup < bulk), least data first, and the
 * limits a grant can carry (daily budget, row scope) — shared by the request form, the decision,
 * the "narrow grant" form and the data page.
 */
import { Form, InputNumber, Radio, Select, Space, Tag, Typography } from 'antd'
import type { ItemView } from '../../../src/modules/catalog/schema'
import type { GrantView, RowScope } from '../../../src/modules/sharing/schema'
import { ACCESS_MODES, type AccessMode } from '../../../src/modules/sharing/vocabulary'
import { useI18n } from '../i18n'
import { EnumTag } from './labels'

export function isAccessMode(value: unknown): value is AccessMode {
  return ACCESS_MODES.some((mode) => mode === value)
}

/** The modes up to and including `max` (verify first). */
export function modesUpTo(max: AccessMode): AccessMode[] {
  return ACCESS_MODES.slice(0, ACCESS_MODES.indexOf(max) + 1)
}

export function modeAllows(granted: AccessMode, needed: AccessMode): boolean {
  return ACCESS_MODES.indexOf(granted) >= ACCESS_MODES.indexOf(needed)
}

/** As the server counts it: any item with a sensitivity other than none. */
export function hasPersonalItems(items: readonly Pick<ItemView, 'sensitivity'>[]): boolean {
  return items.some((item) => item.sensitivity !== 'none')
}

export function ModeTag({ mode }: { mode: string | null | undefined }) {
  return <EnumTag kind="accessMode" value={mode} />
}

/**
 * The modes as a vertical radio list, each with its one-line explanation; `max` hides the wider
 * ones (an approver grants at most what was asked).
 */
export function ModeRadio({
  value,
  onChange,
  max = 'bulk',
  testId,
}: {
  value?: AccessMode
  onChange?(mode: AccessMode): void
  max?: AccessMode
  testId?: string
}) {
  const { t, label } = useI18n()
  return (
    <Radio.Group
      data-testid={testId}
      value={value}
      onChange={(e) => {
        if (isAccessMode(e.target.value)) {
          onChange?.(e.target.value)
        }
      }}
    >
      <Space orientation="vertical" size={4}>
        {modesUpTo(max).map((mode) => (
          <Radio key={mode} value={mode} data-testid={testId ? `${testId}-${mode}` : undefined}>
            <strong>{label('accessMode', mode)}</strong>
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {t(`mode.${mode}.hint`)}
            </Typography.Text>
          </Radio>
        ))}
      </Space>
    </Radio.Group>
  )
}

export interface LimitFields {
  dailyBudget?: number | null
  scopeItem?: string | null
  scopeValues?: string[]
}

/** The form's row-scope fields as the API's rowScope (null: no scope). */
export function rowScopeOf(fields: LimitFields): RowScope | null {
  const values = (fields.scopeValues ?? []).map((v) => v.trim()).filter((v) => v !== '')
  return fields.scopeItem && values.length > 0 ? { item: fields.scopeItem, values } : null
}

/**
 * Daily budget and row scope inputs inside an antd Form whose fields extend LimitFields. The row
 * scope can only name a non-personal item (the server filters on its stored, plain value).
 */
export function LimitInputs({ items, scopeItem }: { items: readonly ItemView[]; scopeItem?: string | null }) {
  const { t } = useI18n()
  const plainItems = items.filter((item) => item.sensitivity === 'none')
  return (
    <>
      <Form.Item name="dailyBudget" label={t('decide.dailyBudget')} extra={t('decide.dailyBudgetHint')}>
        <InputNumber
          data-testid="daily-budget"
          min={1}
          max={1_000_000}
          precision={0}
          style={{ width: 200 }}
        />
      </Form.Item>
      <Form.Item label={t('decide.rowScope')} extra={t('decide.rowScopeHint')} style={{ marginBottom: 8 }}>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="scopeItem" noStyle>
            <Select
              data-testid="scope-item"
              allowClear
              style={{ width: 200 }}
              placeholder={t('decide.rowScopeItem')}
              options={plainItems.map((item) => ({ value: item.name, label: item.name }))}
            />
          </Form.Item>
          <Form.Item
            name="scopeValues"
            noStyle
            rules={[
              {
                validator: (_, values?: string[]) =>
                  scopeItem && (values ?? []).length === 0
                    ? Promise.reject(new Error(t('decide.rowScopeValuesRequired')))
                    : Promise.resolve(),
              },
            ]}
          >
            <Select
              data-testid="scope-values"
              mode="tags"
              disabled={!scopeItem}
              style={{ flex: 1 }}
              placeholder={t('decide.rowScopeValuesHint')}
              open={false}
              tokenSeparators={[',', '，', '、']}
              suffixIcon={null}
            />
          </Form.Item>
        </Space.Compact>
      </Form.Item>
    </>
  )
}

/** A grant's limits in a line: mode, budget, row scope. */
export function GrantLimits({ grant }: { grant: GrantView }) {
  const { t } = useI18n()
  return (
    <Space size={4} wrap>
      <ModeTag mode={grant.accessMode} />
      <Tag>
        {grant.dailyBudget === null ? t('data.budgetDefault') : t('data.budget', { n: grant.dailyBudget })}
      </Tag>
      {grant.rowScope ? (
        <Tag color="purple">
          {t('data.rowScope', { item: grant.rowScope.item, values: grant.rowScope.values.join('、') })}
        </Tag>
      ) : null}
    </Space>
  )
}
