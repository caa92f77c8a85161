/**
 * "N working days left" for a due date. Working days come from the platform's calendar (official
 * holidays, make-up days, the bureau's overrides), so the count matches the server's deadlines.
 */
import { Tag, Tooltip } from 'antd'
import { useEffect, useState } from 'react'
import { calendar } from '../api/endpoints'
import { useI18n } from '../i18n'
import { daysBetween, todayInShanghai } from './dates'

/** Deadlines are at most a few weeks out; past this the countdown says "more than N". */
const HORIZON = 30
const nthWorkingDay = new Map<string, Promise<string>>()

function workingDayAfter(from: string, n: number): Promise<string> {
  const key = `${from}+${n}`
  let found = nthWorkingDay.get(key)
  if (!found) {
    found = calendar.addWorkingDays(from, n).then((reply) => reply.date)
    found.catch(() => nthWorkingDay.delete(key))
    nthWorkingDay.set(key, found)
  }
  return found
}

/** Working days after today up to and including `due`; negative days-overdue when `due` has passed. */
export async function workingDaysLeft(due: string, today = todayInShanghai()): Promise<number> {
  if (due < today) {
    return -daysBetween(due, today)
  }
  const span = Math.min(HORIZON, daysBetween(today, due))
  const dates = await Promise.all(Array.from({ length: span }, (_, i) => workingDayAfter(today, i + 1)))
  return dates.filter((date) => date <= due).length
}

export function DueCountdown({ due, provisional }: { due: string | null; provisional?: boolean }) {
  const { t } = useI18n()
  const [left, setLeft] = useState<number | null>(null)
  useEffect(() => {
    let live = true
    if (due) {
      workingDaysLeft(due)
        .then((n) => live && setLeft(n))
        .catch(() => live && setLeft(null))
    }
    return () => {
      live = false
    }
  }, [due])
  if (!due) {
    return null
  }
  let tag = <Tag>{due}</Tag>
  if (left !== null && left < 0) {
    tag = <Tag color="red">{t('due.overdue', { days: -left })}</Tag>
  } else if (left === 0) {
    tag = <Tag color="orange">{t('due.today')}</Tag>
  } else if (left !== null) {
    tag = <Tag color={left <= 3 ? 'orange' : 'blue'}>{t('due.left', { days: left })}</Tag>
  }
  return (
    <Tooltip title={`${t('due.date')}: ${due}${provisional ? ` (${t('due.provisional')})` : ''}`}>
      {tag}
    </Tooltip>
  )
}
