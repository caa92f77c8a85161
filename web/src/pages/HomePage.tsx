/** Page 2: my to-do list with working-day countdowns, and my recent notifications. */
import { Badge, Button, Card, Col, Empty, List, Row, Space, Tag, Typography } from 'antd'
import type { NotificationView } from '../../../src/modules/notifications/schema'
import { notifications } from '../api/endpoints'
import { formatTime } from '../components/dates'
import { DueCountdown } from '../components/due-countdown'
import { useReportError } from '../components/notify'
import { Link } from '../components/router'
import { useSession } from '../components/session'
import { loadTodos, type Todo } from '../components/todos'
import { useLoad } from '../components/use-load'
import { useI18n } from '../i18n'

export function HomePage() {
  const { t, label, lang } = useI18n()
  const { hasRole, user } = useSession()
  const todos = useLoad(() => loadTodos(hasRole, { t, label }), [user?.id, lang])
  return (
    <Row gutter={16}>
      <Col span={14}>
        <Card
          size="small"
          title={
            <Space>
              {t('home.todo')}
              <Badge count={todos.data?.length ?? 0} showZero color="#1f5fbf" />
            </Space>
          }
        >
          <List<Todo>
            data-testid="todo-list"
            loading={todos.loading}
            dataSource={todos.data ?? []}
            locale={{ emptyText: <Empty description={t('home.nothingToDo')} /> }}
            pagination={(todos.data?.length ?? 0) > 8 ? { pageSize: 8, size: 'small' } : false}
            renderItem={(todo) => (
              <List.Item
                extra={todo.due ? <DueCountdown due={todo.due} provisional={todo.provisional} /> : null}
              >
                <Space>
                  <Tag color={todo.overdue ? 'red' : 'blue'}>{t(todo.kind)}</Tag>
                  <Link to={todo.link}>{todo.title}</Link>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col span={10}>
        <Notifications />
      </Col>
    </Row>
  )
}

function Notifications() {
  const { t, lang } = useI18n()
  const report = useReportError()
  const list = useLoad(() => notifications.list(), [])
  const read = async (n: NotificationView) => {
    try {
      await notifications.markRead(n.id)
      list.reload()
    } catch (error) {
      report(error)
    }
  }
  return (
    <Card
      size="small"
      title={
        <Space>
          {t('home.notifications')}
          <Badge count={list.data?.unread ?? 0} />
        </Space>
      }
    >
      <List<NotificationView>
        data-testid="notifications"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('home.noNotifications')} /> }}
        renderItem={(n) => (
          <List.Item
            extra={
              n.readAt ? null : (
                <Button size="small" type="link" onClick={() => void read(n)}>
                  {t('home.markRead')}
                </Button>
              )
            }
          >
            <List.Item.Meta
              title={
                <Typography.Text strong={!n.readAt}>{lang === 'en' ? n.titleEn : n.titleZh}</Typography.Text>
              }
              description={
                <>
                  <div>{lang === 'en' ? n.bodyEn : n.bodyZh}</div>
                  <Typography.Text type="secondary">{formatTime(n.createdAt)}</Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  )
}
