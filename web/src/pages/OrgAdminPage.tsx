/**
 * Page 7: departments, users and API clients within my scope (platform admin: all; department
 * admin: its own).
 */

import { App, Button, Form, Input, Select, Table, Tabs, Tag } from 'antd'
import { useState } from 'react'
import type { DepartmentView, UserView } from '../../../src/modules/org/schema'
import { LEVELS, type Level } from '../../../src/modules/org/vocabulary'
import { ROLES, type Role } from '../../../src/shared/schema'
import { org } from '../api/endpoints'
import { ApiClientsTab } from '../components/ApiClientsTab'
import { formatTime } from '../components/dates'
import { DeptName, useDepartments } from '../components/departments'
import { DepartmentField, FormModal } from '../components/FormModal'
import { NewPasswordField } from '../components/NewPasswordField'
import { useSession } from '../components/session'
import { UserActions } from '../components/UserActions'
import { useLoad } from '../components/use-load'
import { useI18n } from '../i18n'

export function OrgAdminPage() {
  const { t } = useI18n()
  return (
    <Tabs
      items={[
        { key: 'departments', label: t('org.departments'), children: <DepartmentsTab /> },
        { key: 'users', label: t('org.users'), children: <UsersTab /> },
        { key: 'clients', label: t('org.clients'), children: <ApiClientsTab /> },
      ]}
    />
  )
}

function DepartmentsTab() {
  const { t, label } = useI18n()
  const { list, reload } = useDepartments()
  const [creating, setCreating] = useState(false)
  return (
    <>
      <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setCreating(true)}>
        {t('org.newDepartment')}
      </Button>
      <Table<DepartmentView>
        rowKey="id"
        size="small"
        dataSource={list}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('org.name'), dataIndex: 'name' },
          { title: t('org.code'), dataIndex: 'code', width: 200 },
          { title: t('org.level'), dataIndex: 'level', width: 100, render: (v: string) => label('level', v) },
          {
            title: t('org.parent'),
            dataIndex: 'parentId',
            render: (id: string | null) => <DeptName id={id} />,
          },
          {
            title: t('resource.zone'),
            dataIndex: 'zone',
            width: 100,
            render: (v: string) => label('zone', v),
          },
        ]}
      />
      {creating ? (
        <CreateDepartment
          onClose={(done) => {
            setCreating(false)
            if (done) {
              reload()
            }
          }}
        />
      ) : null}
    </>
  )
}

interface DepartmentFields {
  name: string
  code: string
  level: Level
  parentId?: string
}

const DEPARTMENT_FIELDS = ['code', 'name', 'parentId'] as const

function CreateDepartment({ onClose }: { onClose(done: boolean): void }) {
  const { t, label } = useI18n()
  const { message } = App.useApp()
  const { list } = useDepartments()
  const { hasRole, user } = useSession()
  // A department admin creates departments under its own (or one below it): the parent is
  // required and starts as its own department; only the platform admin creates top-level ones.
  const topLevelAllowed = hasRole('platform_admin')
  const levelOf = (id: string | undefined) => list.find((d) => d.id === id)?.level
  const [form] = Form.useForm<DepartmentFields>()
  return (
    <FormModal<DepartmentFields, DepartmentView>
      title={t('org.newDepartment')}
      form={form}
      fields={DEPARTMENT_FIELDS}
      initialValues={
        topLevelAllowed
          ? { level: 'city' }
          : { level: levelOf(user?.departmentId) ?? 'city', parentId: user?.departmentId }
      }
      send={(fields) =>
        org.createDepartment({ ...fields, name: fields.name.trim(), code: fields.code.trim().toUpperCase() })
      }
      onDone={() => {
        message.success(t('common.saved'))
        onClose(true)
      }}
      onCancel={() => onClose(false)}
    >
      <Form.Item
        name="name"
        label={t('org.name')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('org.code')}
        extra={t('org.codeHint')}
        rules={[{ required: true, len: 18, message: t('org.codeLength') }]}
      >
        <Input maxLength={18} />
      </Form.Item>
      <Form.Item name="level" label={t('org.level')}>
        <Select options={LEVELS.map((v) => ({ value: v, label: label('level', v) }))} />
      </Form.Item>
      <Form.Item
        name="parentId"
        label={t('org.parent')}
        rules={topLevelAllowed ? [] : [{ required: true, message: t('form.required') }]}
      >
        <Select
          allowClear={topLevelAllowed}
          // A new department starts at its parent's level, which the parent always allows.
          onChange={(id: string | undefined) => {
            const level = levelOf(id)
            if (level) {
              form.setFieldValue('level', level)
            }
          }}
          showSearch={{ optionFilterProp: 'label' }}
          options={list.map((d) => ({ value: d.id, label: d.name }))}
        />
      </Form.Item>
    </FormModal>
  )
}

function UsersTab() {
  const { t, label } = useI18n()
  const users = useLoad(() => org.users(), [])
  const [creating, setCreating] = useState(false)
  return (
    <>
      <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setCreating(true)}>
        {t('org.newUser')}
      </Button>
      <Table<UserView>
        rowKey="id"
        size="small"
        loading={users.loading}
        dataSource={users.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('login.username'), dataIndex: 'username', width: 160 },
          { title: t('org.displayName'), dataIndex: 'displayName', width: 120 },
          {
            title: t('org.department'),
            dataIndex: 'departmentId',
            render: (id: string) => <DeptName id={id} />,
          },
          {
            title: t('org.roles'),
            dataIndex: 'roles',
            render: (roles: Role[]) => roles.map((r) => <Tag key={r}>{label('role', r)}</Tag>),
          },
          {
            title: t('org.status'),
            dataIndex: 'status',
            width: 90,
            render: (v: string) =>
              v === 'disabled' ? <Tag color="red">{t('org.statusDisabled')}</Tag> : t('org.statusActive'),
          },
          {
            title: t('org.createdAt'),
            dataIndex: 'createdAt',
            width: 150,
            render: (v: string) => formatTime(v),
          },
          {
            title: t('org.actions'),
            key: 'actions',
            render: (_: unknown, row: UserView) => (
              <UserActions user={row} onChanged={() => users.reload()} />
            ),
          },
        ]}
      />
      {creating ? (
        <CreateUser
          onClose={(done) => {
            setCreating(false)
            if (done) {
              users.reload()
            }
          }}
        />
      ) : null}
    </>
  )
}

interface UserFields {
  username: string
  displayName?: string
  password: string
  departmentId: string
  roles: Role[]
}

const USER_FIELDS = ['username', 'password', 'departmentId', 'roles'] as const

function CreateUser({ onClose }: { onClose(done: boolean): void }) {
  const { t, label } = useI18n()
  const { message } = App.useApp()
  const { user } = useSession()
  const [form] = Form.useForm<UserFields>()
  return (
    <FormModal<UserFields, UserView>
      title={t('org.newUser')}
      form={form}
      fields={USER_FIELDS}
      initialValues={{ departmentId: user?.departmentId, roles: ['consumer'] }}
      send={(fields) =>
        org.createUser({
          ...fields,
          username: fields.username.trim(),
          displayName: fields.displayName?.trim() || undefined,
        })
      }
      onDone={() => {
        message.success(t('common.saved'))
        onClose(true)
      }}
      onCancel={() => onClose(false)}
    >
      <Form.Item
        name="username"
        label={t('login.username')}
        rules={[{ required: true, pattern: /^[A-Za-z0-9._@-]{3,64}$/, message: t('org.usernameRule') }]}
      >
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item name="displayName" label={t('org.displayName')}>
        <Input maxLength={100} />
      </Form.Item>
      <NewPasswordField name="password" label={t('org.initialPassword')} />
      <DepartmentField />
      <Form.Item
        name="roles"
        label={t('org.roles')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: label('role', r) }))} />
      </Form.Item>
    </FormModal>
  )
}
