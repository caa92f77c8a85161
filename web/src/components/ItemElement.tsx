/**
 * Art. 16 in the resource form: an item's name searches the data-element dictionary as the
 * cataloger types, and where its element already has an authoritative item in another department,
 * one click references that item instead of providing the data a second time.
 */
import { AutoComplete, Button, Form, Input, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import type { ElementList, ElementSource, ElementView } from '../../../src/modules/catalog/elements/schema'
import { ApiError } from '../api/client'
import { catalog } from '../api/endpoints'
import { type Translate, useI18n } from '../i18n'
import { useUser } from './session'

/** One request per query for the whole page: the name field and the hint below it ask the same. */
const searches = new Map<string, Promise<ElementList>>()

function searchElements(q: string): Promise<ElementList> {
  const known = searches.get(q)
  if (known) {
    return known
  }
  if (searches.size > 200) {
    searches.clear()
  }
  const asked = catalog.elements(q)
  searches.set(q, asked)
  asked.catch(() => searches.delete(q))
  return asked
}

/** The elements matching `q`, asked a moment after typing stops. */
function useElements(q: string): ElementView[] {
  const [found, setFound] = useState<ElementView[]>([])
  useEffect(() => {
    const query = q.trim()
    if (query === '') {
      setFound([])
      return
    }
    let current = true
    const timer = setTimeout(() => {
      searchElements(query)
        .then((list) => current && setFound(list.items))
        .catch(() => current && setFound([]))
    }, 200)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [q])
  return found
}

/** Close to the server's matching form (names.ts) without its traditional → simplified table. */
function matchKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '')
}

function elementOf(found: ElementView[], name: string, code: string | undefined): ElementView | undefined {
  if (code) {
    return found.find((e) => e.code === code)
  }
  const key = matchKey(name)
  return key === '' ? undefined : found.find((e) => [e.name, ...e.synonyms].some((n) => matchKey(n) === key))
}

interface NameInputProps {
  index: number
  value?: string
  onChange?: (value: string) => void
  placeholder?: string
}

/** The item name (inside its Form.Item): suggestions from the dictionary; picking one records its element. */
export function ItemNameInput({ index, value, onChange, placeholder }: NameInputProps) {
  const { t } = useI18n()
  const form = Form.useFormInstance()
  const found = useElements(value ?? '')
  const options = found.map((e) => ({
    value: e.name,
    label: (
      <span data-testid="element-option">
        {t('element.option', { name: e.name, code: e.code })}
        {e.matchedName && e.matchedName !== e.name ? (
          <Typography.Text type="secondary"> {t('element.via', { synonym: e.matchedName })}</Typography.Text>
        ) : null}
      </span>
    ),
  }))
  const change = (next: string) => {
    onChange?.(next)
    // Typed or picked, a name that is an element's own name is that element; any other is inferred by the server.
    form.setFieldValue(['items', index, 'elementCode'], found.find((e) => e.name === next.trim())?.code)
  }
  return (
    <AutoComplete value={value} options={options} onChange={change} popupMatchSelectWidth={280}>
      <Input placeholder={placeholder} style={{ width: 180 }} maxLength={100} />
    </AutoComplete>
  )
}

/** Below an item: its element's authoritative source elsewhere, and the one-click reference to it. */
export function ItemSourceHint({ index }: { index: number }) {
  const { t } = useI18n()
  const form = Form.useFormInstance()
  const user = useUser()
  const name: string = Form.useWatch(['items', index, 'name'], form) ?? ''
  const elementCode: string | undefined = Form.useWatch(['items', index, 'elementCode'], form)
  const referenced: string | undefined = Form.useWatch(['items', index, 'authoritativeItemCode'], form)
  const found = useElements(elementCode ?? name)
  const element = elementOf(found, name, elementCode)
  const source = element?.sources.find((s) => s.departmentId !== user.departmentId)
  const set = (code: string | undefined) => {
    form.setFieldValue(['items', index, 'authoritativeItemCode'], code)
    if (code && element) {
      form.setFieldValue(['items', index, 'elementCode'], element.code)
    }
    form.setFields([{ name: ['items', index, 'name'], errors: [] }])
  }
  if (referenced) {
    return (
      <div data-testid="item-reference" style={{ margin: '0 0 8px 32px' }}>
        <Tag color="green">{t('element.referenced', { item: referenced })}</Tag>
        {source?.itemCode === referenced ? (
          <Typography.Text type="secondary">{sourceLine(source, t)}</Typography.Text>
        ) : null}
        <Button type="link" size="small" onClick={() => set(undefined)}>
          {t('element.unreference')}
        </Button>
      </div>
    )
  }
  if (!element || !source) {
    return null
  }
  return (
    <div data-testid="item-source" style={{ margin: '0 0 8px 32px' }}>
      <Typography.Text type="warning">
        {t('element.sourceHint', {
          element: element.name,
          department: source.departmentName ?? source.departmentId,
          resource: source.resourceName ?? source.resourceId,
          item: source.itemCode,
        })}
      </Typography.Text>{' '}
      <Button
        size="small"
        type="primary"
        ghost
        onClick={() => set(source.itemCode)}
        data-testid="reference-source"
      >
        {t('element.reference')}
      </Button>
    </div>
  )
}

function sourceLine(source: ElementSource, t: Translate): string {
  return t('element.source', {
    department: source.departmentName ?? source.departmentId,
    resource: source.resourceName ?? source.resourceId,
    code: source.resourceCode ?? source.itemCode,
  })
}

/** A refusal naming an authoritative source (CATALOG_AUTHORITATIVE_ITEM_EXISTS) says which one. */
export function withSourceNamed(text: string, error: unknown, t: Translate): string {
  if (!(error instanceof ApiError) || error.code !== 'CATALOG_AUTHORITATIVE_ITEM_EXISTS') {
    return text
  }
  const d = (error.details ?? {}) as Record<string, unknown> // the server's details of this code (sources.ts)
  const named = (key: string) => {
    const value = d[key]
    return typeof value === 'string' ? value : ''
  }
  return `${text}；${t('element.source', {
    department: named('providerName') || named('providerId'),
    resource: named('resourceName') || named('resourceId'),
    code: named('resourceCode') || named('authoritativeItemCode'),
  })}`
}
