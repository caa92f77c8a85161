/** The calendar module's words in the API reference (decisions §48; English: routes.ts). */
import type { ApiDocs } from '../../shared/api-docs.js'

export const calendarApiDocs: ApiDocs = {
  params: {
    from: {
      zh: '起算日期 YYYY-MM-DD（Asia/Shanghai），不计入',
      en: 'The date to count from, YYYY-MM-DD (Asia/Shanghai), not counted',
    },
    days: { zh: '工作日数 N', en: 'Number of working days N' },
    year: { zh: '年份，如 2027', en: 'Year, e.g. 2027' },
  },
  operations: {
    'GET /api/v1/calendar/add-working-days': {
      zh: '某日之后第 N 个工作日（官方日历，含调休上班日）',
      responses: { 200: { date: '2026-10-16', provisional: false } },
    },
    'GET /api/v1/calendar/working-day': { zh: '某日是否为工作日及原因' },
    'GET /api/v1/calendar/overrides': { zh: '大数据局维护的节假日和调休上班日' },
    'PUT /api/v1/calendar/overrides/{date}': { zh: '将某日设为节假日或调休上班日（平台管理员）' },
    'DELETE /api/v1/calendar/overrides/{date}': { zh: '删除大数据局对某日的设置（平台管理员）' },
    'POST /api/v1/calendar/years/{year}/schedule': { zh: '载入某年官方安排：替换该年全部设置（平台管理员）' },
    'POST /api/v1/calendar/years/{year}/schedule-file': {
      zh: '载入某年安排文件（命令行工具的 JSON 或 CSV）：替换该年全部设置（平台管理员）',
    },
    'GET /api/v1/calendar/years/{year}/days': { zh: '该年的节假日和调休上班日（官方及大数据局设置）' },
    'GET /api/v1/calendar/years': { zh: '哪些年份有官方安排' },
  },
}
