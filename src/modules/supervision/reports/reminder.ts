/**
 * Art. 39 in the inboxes (issue 15): once the year has closed, each department's dept_admins are
 * told their report is due by 5 January and the bureau's reviewers that the city's report to the
 * province is due by 15 January — once per person and year (dedupe key), and only until the due
 * date: a late report stays in the to-do list, flagged, without a notification every run.
 */
import { inTransaction } from '../../../db/transaction.js'
import { SYSTEM_ACTOR } from '../../../shared/actor.js'
import { shanghaiDate, yearOf } from '../../../shared/dates.js'
import type { NotificationService } from '../../notifications/index.js'
import { allDepartments, BUREAU_CODE } from '../../org/index.js'
import type { SupervisionDeps } from '../deps.js'
import { annualDueDate } from '../rules.js'
import * as reportsRepo from './repo.js'

export const ANNUAL_REPORT_DUE_KIND = 'report.annual_due'

export function createAnnualReportReminder(deps: SupervisionDeps & { notifications: NotificationService }) {
  const { db, clock, audit, notifications } = deps

  /** Sends the reminders due today; returns how many users got one now. */
  async function remindAnnualReports(): Promise<number> {
    const today = shanghaiDate(clock.now())
    const year = yearOf(today) - 1
    const departmentDue = annualDueDate(year, 'department')
    const cityDue = annualDueDate(year, 'city')
    if (today > cityDue) {
      return 0
    }
    const submitted = new Set(
      (await reportsRepo.listReports(db, year))
        .filter((row) => row.status === 'submitted')
        .map((row) => row.department_id ?? 'city'),
    )
    const departments =
      today > departmentDue
        ? []
        : (await allDepartments(db)).filter((d) => d.code !== BUREAU_CODE && !submitted.has(d.id))
    return inTransaction(db, async (trx) => {
      let sent = 0
      for (const department of departments) {
        sent += await notifications.notifyRole(
          trx,
          'dept_admin',
          {
            kind: ANNUAL_REPORT_DUE_KIND,
            titleZh: `请于 ${departmentDue} 前报送 ${year} 年度数据共享工作报告`,
            titleEn: `Submit the ${year} annual sharing report by ${departmentDue}`,
            bodyZh: `${department.name}：在“年度报告”中生成报告、补充说明并提交（《办法》第三十九条）。`,
            bodyEn: `${department.name}: generate the report under Annual reports, add your words and submit it (Art. 39).`,
            objectType: 'annual_report',
            objectId: `${year}:${department.id}`,
            dedupeKey: `${ANNUAL_REPORT_DUE_KIND}:${year}:${department.id}`,
          },
          { departmentId: department.id },
        )
      }
      if (!submitted.has('city')) {
        sent += await notifications.notifyRole(trx, 'bureau_reviewer', {
          kind: ANNUAL_REPORT_DUE_KIND,
          titleZh: `请于 ${cityDue} 前向省级报送 ${year} 年度全市数据共享工作报告`,
          titleEn: `Submit the city's ${year} annual sharing report to the province by ${cityDue}`,
          bodyZh: '在“年度报告”中生成全市报告并提交（《办法》第三十九条）。',
          bodyEn: "Generate the city's report under Annual reports and submit it (Art. 39).",
          objectType: 'annual_report',
          objectId: `${year}:city`,
          dedupeKey: `${ANNUAL_REPORT_DUE_KIND}:${year}:city`,
        })
      }
      if (sent > 0) {
        await audit.append(trx, SYSTEM_ACTOR, {
          action: 'notification.send',
          objectType: 'annual_report',
          objectId: String(year),
          details: { kind: ANNUAL_REPORT_DUE_KIND, recipients: sent },
        })
      }
      return sent
    })
  }

  return { remindAnnualReports }
}
