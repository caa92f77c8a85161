/** Art. 39-40 and 30-31 in the portal: rectification notices, annual reports, security incidents. */

import type {
  DetectResult,
  IncidentList,
  IncidentQuery,
  IncidentView,
  IssueBody,
  NoticeList,
  NoticeQuery,
  NoticeView,
} from '../../../src/modules/supervision/rectification/schema'
import type {
  AnnualReportListItem,
  AnnualReportView,
  GenerateBody,
} from '../../../src/modules/supervision/schema'
import { get, post, put } from './client'

const enc = encodeURIComponent

export const notices = {
  list: (query: NoticeQuery = {}) => get<NoticeList>('/oversight/notices', { ...query }),
  issue: (id: string, body: IssueBody) => post<NoticeView>(`/oversight/notices/${enc(id)}/issue`, body),
  respond: (id: string, response: string) =>
    post<NoticeView>(`/oversight/notices/${enc(id)}/respond`, { response }),
  close: (id: string) => post<NoticeView>(`/oversight/notices/${enc(id)}/close`),
  detect: () => post<DetectResult>('/oversight/detect'),
}

export const incidents = {
  list: (query: IncidentQuery = {}) => get<IncidentList>('/oversight/incidents', { ...query }),
  close: (id: string) => post<IncidentView>(`/oversight/incidents/${enc(id)}/close`),
}

export const annualReports = {
  list: (year?: number) => get<{ items: AnnualReportListItem[] }>('/reports/annual', { year }),
  get: (id: string) => get<AnnualReportView>(`/reports/annual/${enc(id)}`),
  generate: (year: number, body: GenerateBody) =>
    post<AnnualReportView>(`/reports/annual/${year}/generate`, body),
  saveText: (id: string, text: string) => put<AnnualReportView>(`/reports/annual/${enc(id)}`, { text }),
  submit: (id: string) => post<AnnualReportView>(`/reports/annual/${enc(id)}/submit`),
  returnReport: (id: string, comment: string) =>
    post<AnnualReportView>(`/reports/annual/${enc(id)}/return`, { comment }),
}
