/**
 * Issue 15 item 3: the national catalog tree (类/项/目/细目). Everyone signed in may read it; the
 * bureau renames nodes and adds children here. A department's 项 under 3 is made by the platform.
 */

import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Row,
  Space,
  Tag,
  Tree,
  type TreeDataNode,
  Typography,
} from 'antd'
import { useState } from 'react'
import type { ClassView } from '../../../src/modules/catalog/classes/schema'
import { CLASS_LEVEL_LABELS, CLASS_LEVELS, type ClassLevel } from '../../../src/modules/catalog/vocabulary'
import { classes } from '../api/endpoints'
import { DeptName } from '../components/departments'
import { errorText } from '../components/notify'
import { useSession } from '../components/session'
import { useLoad } from '../components/use-load'
import { useI18n } from '../i18n'

/** Digits a child adds to its parent's code: 项 2, 目 3, 细目 3; a 细目 has no children. */
const CHILD_DIGITS: Record<ClassLevel, number | undefined> = {
  class: 2,
  item: 3,
  entry: 3,
  sub_entry: undefined,
}

export function ClassTreePage() {
  const { t, lang } = useI18n()
  const { message } = App.useApp()
  const { hasRole } = useSession()
  const mayEdit = hasRole('bureau_reviewer', 'platform_admin')
  const list = useLoad(() => classes.list(), [])
  const [selected, setSelected] = useState<string>()
  const [filter, setFilter] = useState('')
  const [expanded, setExpanded] = useState<string[]>(['1', '2', '3'])
  const levelLabel = (level: ClassLevel) => CLASS_LEVEL_LABELS[level][lang === 'en' ? 'en' : 'zh']

  const items = list.data?.items ?? []
  const node = items.find((c) => c.code === selected)
  const treeData = toTree(items, filter.trim(), levelLabel)

  const save = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work()
      message.success(done)
      list.reload()
      return true
    } catch (error) {
      message.error(errorText(error, t))
      return false
    }
  }

  return (
    <>
      <Typography.Paragraph type="secondary">{t('classes.intro')}</Typography.Paragraph>
      <Row gutter={16}>
        <Col span={14}>
          <Card size="small">
            <Input.Search
              allowClear
              placeholder={t('classes.search')}
              onChange={(event) => setFilter(event.target.value)}
              style={{ marginBottom: 12 }}
            />
            {treeData.length > 0 ? (
              <Tree
                data-testid="class-tree"
                treeData={treeData}
                // While filtering, every match shows with its ancestors open.
                expandedKeys={filter.trim() ? items.map((c) => c.code) : expanded}
                onExpand={(keys) => setExpanded(keys.map(String))}
                selectedKeys={selected ? [selected] : []}
                onSelect={(keys) => setSelected(keys[0] === undefined ? undefined : String(keys[0]))}
                height={520}
                blockNode
              />
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
        <Col span={10}>
          {node ? (
            <NodePanel
              key={node.code}
              node={node}
              mayEdit={mayEdit}
              levelLabel={levelLabel}
              save={save}
              // A new child shows at once under its opened parent.
              onAdded={() => setExpanded((keys) => [...new Set([...keys, node.code])])}
            />
          ) : (
            <Card size="small">
              <Empty description={t('classes.pick')} />
            </Card>
          )}
        </Col>
      </Row>
    </>
  )
}

interface PanelProps {
  node: ClassView
  mayEdit: boolean
  levelLabel(level: ClassLevel): string
  save(work: () => Promise<unknown>, done: string): Promise<boolean>
  onAdded(): void
}

function NodePanel({ node, mayEdit, levelLabel, save, onAdded }: PanelProps) {
  const { t } = useI18n()
  const [renameForm] = Form.useForm<{ name: string }>()
  const [childForm] = Form.useForm<{ suffix: string; name: string }>()
  const digits = CHILD_DIGITS[node.level]
  // 项 under 3 belong to departments: the platform allocates them (CATALOG_CLASS_RESERVED).
  const childAllowed = digits !== undefined && node.code !== '3'

  return (
    <Card size="small" data-testid="class-node">
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'code',
            label: t('classes.code'),
            children: <Typography.Text code>{node.code}</Typography.Text>,
          },
          { key: 'name', label: t('classes.name'), children: node.name },
          { key: 'level', label: t('classes.level'), children: levelLabel(node.level) },
          { key: 'parent', label: t('classes.parent'), children: node.parentCode ?? '—' },
          ...(node.departmentId
            ? [
                {
                  key: 'department',
                  label: t('classes.department'),
                  children: <DeptName id={node.departmentId} />,
                },
              ]
            : []),
        ]}
      />
      {!mayEdit ? (
        <Typography.Text type="secondary">{t('classes.readOnly')}</Typography.Text>
      ) : (
        <>
          <Typography.Title level={5}>{t('classes.rename')}</Typography.Title>
          <Form
            form={renameForm}
            name="class-rename"
            layout="inline"
            initialValues={{ name: node.name }}
            onFinish={(values) =>
              save(() => classes.rename(node.code, values.name.trim()), t('classes.renamed'))
            }
          >
            <Form.Item name="name" rules={[{ required: true, whitespace: true, max: 100 }]}>
              <Input aria-label={t('classes.name')} style={{ width: 240 }} />
            </Form.Item>
            <Button htmlType="submit">{t('classes.rename')}</Button>
          </Form>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('classes.addChild')}
          </Typography.Title>
          {childAllowed ? (
            <Form
              form={childForm}
              name="class-child"
              layout="vertical"
              onFinish={async (values) => {
                const code = `${node.code}${values.suffix}`
                if (
                  await save(() => classes.create(code, values.name.trim()), t('classes.added', { code }))
                ) {
                  childForm.resetFields()
                  onAdded()
                }
              }}
            >
              <Form.Item
                name="suffix"
                label={t('classes.childCode')}
                extra={t('classes.childCodeHint', { digits })}
                rules={[
                  {
                    required: true,
                    pattern: new RegExp(`^\\d{${digits}}$`),
                    message: t('classes.childCodeRule', { digits }),
                  },
                ]}
              >
                <Input prefix={node.code} maxLength={digits} style={{ width: 200 }} />
              </Form.Item>
              <Form.Item
                name="name"
                label={t('classes.name')}
                rules={[{ required: true, whitespace: true, max: 100 }]}
              >
                <Input style={{ width: 280 }} />
              </Form.Item>
              <Button type="primary" htmlType="submit">
                {t('classes.addChild')}
              </Button>
            </Form>
          ) : (
            <Typography.Text type="secondary">
              {node.code === '3' ? t('classes.departmentItems') : t('classes.noChild')}
            </Typography.Text>
          )}
        </>
      )}
    </Card>
  )
}

/** The flat list as antd tree nodes, children under parents; with a filter, matches and their ancestors. */
function toTree(
  items: ClassView[],
  filter: string,
  levelLabel: (level: ClassLevel) => string,
): TreeDataNode[] {
  const matches = (c: ClassView) => c.code.startsWith(filter) || c.name.includes(filter)
  const keep = new Set<string>()
  for (const c of items) {
    if (filter === '' || matches(c)) {
      for (
        let code: string | null = c.code;
        code;
        code = items.find((p) => p.code === code)?.parentCode ?? null
      ) {
        keep.add(code)
      }
    }
  }
  const byParent = new Map<string | null, ClassView[]>()
  for (const c of items.filter((item) => keep.has(item.code))) {
    byParent.set(c.parentCode, [...(byParent.get(c.parentCode) ?? []), c])
  }
  const build = (parent: string | null): TreeDataNode[] =>
    (byParent.get(parent) ?? []).map((c) => ({
      key: c.code,
      title: (
        <Space size={6}>
          <Typography.Text code>{c.code}</Typography.Text>
          <span>{c.name}</span>
          <Tag color={LEVEL_COLORS[CLASS_LEVELS.indexOf(c.level)]}>{levelLabel(c.level)}</Tag>
        </Space>
      ),
      children: build(c.code),
    }))
  return build(null)
}

const LEVEL_COLORS = ['blue', 'green', 'gold', 'purple']
