import { Form, Input } from 'antd'
import { useI18n } from '../i18n'
import { meetsPasswordRule, PASSWORD_LIMITS } from './password-rule'

/** A field for a password being set: required, checked against the server's rule before sending. */
export function NewPasswordField({ name, label }: { name: string; label: string }) {
  const { t } = useI18n()
  const rule = t('password.rule', PASSWORD_LIMITS)
  return (
    <Form.Item
      name={name}
      label={label}
      extra={rule}
      rules={[
        { required: true, message: t('form.required') },
        {
          validator: async (_, v: string | undefined) =>
            !v || meetsPasswordRule(v) ? undefined : Promise.reject(new Error(rule)),
        },
      ]}
    >
      <Input.Password autoComplete="new-password" />
    </Form.Item>
  )
}
