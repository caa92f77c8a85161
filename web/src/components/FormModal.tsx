/**
 * A modal holding a form: OK validates and sends it; a refusal goes on its field when the server
 * names one the form has, else in a toast. Shared by the "new …" dialogs (users, API clients).
 */
import { App, Form, type FormInstance, Modal, Select } from 'antd'
import { type ReactNode, useState } from 'react'
import { useI18n } from '../i18n'
import { useDepartments } from './departments'
import { errorField, errorText } from './notify'

interface FormModalProps<Fields, Reply> {
  title: ReactNode
  form: FormInstance<Fields>
  /** The form's fields a refusal may name (`details.field`, up to its first dot). */
  fields: readonly (keyof Fields & string)[]
  initialValues?: Partial<Fields>
  send(values: Fields): Promise<Reply>
  onDone(reply: Reply): void
  onCancel(): void
  children: ReactNode
}

export function FormModal<Fields extends object, Reply>(props: FormModalProps<Fields, Reply>) {
  const { form, fields, send, onDone } = props
  const { t } = useI18n()
  const { message } = App.useApp()
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    const values = await form.validateFields()
    setBusy(true)
    try {
      onDone(await send(values))
    } catch (error) {
      const head = errorField(error)?.split('.')[0]
      const field = fields.find((name) => name === head)
      if (field) {
        // antd cannot compute the name paths of a generic Fields; the untyped instance takes the key.
        const untyped: FormInstance = form
        untyped.setFields([{ name: field, errors: [errorText(error, t)] }])
      } else {
        message.error(errorText(error, t))
      }
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal
      open
      title={props.title}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => {})}
      onCancel={props.onCancel}
    >
      <Form<Fields> form={form} layout="vertical" initialValues={props.initialValues}>
        {props.children}
      </Form>
    </Modal>
  )
}

/** The required department field of a "new …" form, searchable by name. */
export function DepartmentField({ name = 'departmentId' }: { name?: string }) {
  const { t } = useI18n()
  const { list } = useDepartments()
  return (
    <Form.Item
      name={name}
      label={t('org.department')}
      rules={[{ required: true, message: t('form.required') }]}
    >
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        options={list.map((d) => ({ value: d.id, label: d.name }))}
      />
    </Form.Item>
  )
}
