import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { actorOf } from '../../http/auth.js'
import { FileReply, sendFile } from '../../http/files.js'
import { languageOf } from '../../shared/errors.js'
import { bearer, errorResponses, IdParams } from '../../shared/schema.js'
import type { SupervisionModule } from './index.js'
import {
  AnnualListQuery,
  AnnualReportListItem,
  AnnualReportView,
  EvaluationView,
  GenerateBody,
  PeriodQuery,
  ReportQuery,
  ReportReturnBody,
  ReportTextBody,
  StatisticsExportQuery,
  StatisticsQuery,
  StatisticsView,
  SummaryView,
  Weights,
  WeightsBody,
  YearParams,
} from './schema.js'

/** Statistics (Art. 27), evaluation (Art. 34-35) and annual reports (Art. 39). */
export const supervisionRoutes: FastifyPluginAsyncTypebox<{ supervision: SupervisionModule }> = async (
  app,
  { supervision },
) => {
  const { statistics, evaluation, annualReports } = supervision

  app.get(
    '/statistics',
    {
      schema: {
        tags: ['statistics'],
        summary:
          'Sharing frequency, volume and entries by department, resource or month (any signed-in user)',
        security: bearer,
        querystring: StatisticsQuery,
        response: { 200: StatisticsView, ...errorResponses(400, 401, 404) },
      },
    },
    async (req) => statistics.statistics(actorOf(req), req.query),
  )

  app.get(
    '/statistics/summary',
    {
      schema: {
        tags: ['statistics'],
        summary: "The portal dashboard's totals now",
        security: bearer,
        response: { 200: SummaryView, ...errorResponses(401) },
      },
    },
    async (req) => statistics.summary(actorOf(req)),
  )

  app.get(
    '/statistics/export',
    {
      schema: {
        tags: ['statistics'],
        summary: 'The statistics as CSV (UTF-8 with BOM) or .xlsx',
        security: bearer,
        querystring: StatisticsExportQuery,
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: FileReply, ...errorResponses(400, 401, 404) },
      },
    },
    async (req, reply) =>
      sendFile(
        reply,
        await statistics.exportStatistics(
          actorOf(req),
          req.query,
          languageOf(req.headers['accept-language']),
        ),
      ),
  )

  app.get(
    '/evaluation',
    {
      schema: {
        tags: ['evaluation'],
        summary: 'Indicators, score, rank and advice per department (bureau, auditors; dept_admin: its own)',
        security: bearer,
        querystring: PeriodQuery,
        response: { 200: EvaluationView, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => evaluation.evaluate(actorOf(req), req.query),
  )

  app.get(
    '/evaluation/weights',
    {
      schema: {
        tags: ['evaluation'],
        summary: 'The weights of the indicators in force',
        security: bearer,
        response: { 200: Weights, ...errorResponses(401, 403) },
      },
    },
    async (req) => evaluation.getWeights(actorOf(req)),
  )

  app.put(
    '/evaluation/weights',
    {
      schema: {
        tags: ['evaluation'],
        summary: 'Set some or all weights of the indicators (bureau_reviewer)',
        security: bearer,
        body: WeightsBody,
        response: { 200: Weights, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => evaluation.setWeights(actorOf(req), req.body),
  )

  app.get(
    '/evaluation/report',
    {
      schema: {
        tags: ['evaluation'],
        summary: 'The evaluation report with advice, as HTML (print it to PDF) or .xlsx',
        security: bearer,
        querystring: ReportQuery,
        produces: ['text/html', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: FileReply, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const lang = req.query.lang ?? languageOf(req.headers['accept-language'])
      const file = await evaluation.report(actorOf(req), req.query, lang)
      // The page is static: no script may run in it, nothing is fetched for it.
      reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      const isPage = file.contentType.startsWith('text/html') && req.query.download !== '1'
      return sendFile(reply, file, isPage ? 'inline' : 'attachment')
    },
  )

  app.post(
    '/reports/annual/:year/generate',
    {
      schema: {
        tags: ['reports'],
        summary: "Generate a year's report from the data: a department's (dept_admin) or the city's (bureau)",
        security: bearer,
        params: YearParams,
        body: GenerateBody,
        response: { 200: AnnualReportView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => annualReports.generate(actorOf(req), req.params.year, req.body),
  )

  app.get(
    '/reports/annual',
    {
      schema: {
        tags: ['reports'],
        summary: "A year's annual reports with late flags (bureau: all departments and the city)",
        security: bearer,
        querystring: AnnualListQuery,
        response: {
          200: Type.Object({ items: Type.Array(AnnualReportListItem) }),
          ...errorResponses(401, 403),
        },
      },
    },
    async (req) => ({ items: await annualReports.listReports(actorOf(req), req.query) }),
  )

  app.get(
    '/reports/annual/:id',
    {
      schema: {
        tags: ['reports'],
        summary: 'One annual report with its figures and text',
        security: bearer,
        params: IdParams,
        response: { 200: AnnualReportView, ...errorResponses(401, 404) },
      },
    },
    async (req) => annualReports.getReport(actorOf(req), req.params.id),
  )

  app.put(
    '/reports/annual/:id',
    {
      schema: {
        tags: ['reports'],
        summary: "Add the department's own text to a draft report",
        security: bearer,
        params: IdParams,
        body: ReportTextBody,
        response: { 200: AnnualReportView, ...errorResponses(400, 401, 404, 409) },
      },
    },
    async (req) => annualReports.updateText(actorOf(req), req.params.id, req.body.text),
  )

  app.post(
    '/reports/annual/:id/submit',
    {
      schema: {
        tags: ['reports'],
        summary: 'Submit a report (after the due date it is accepted and flagged late)',
        security: bearer,
        params: IdParams,
        response: { 200: AnnualReportView, ...errorResponses(401, 404, 409) },
      },
    },
    async (req) => annualReports.submit(actorOf(req), req.params.id),
  )

  app.post(
    '/reports/annual/:id/return',
    {
      schema: {
        tags: ['reports'],
        summary: 'The bureau returns a submitted department report with its comment (issue 13)',
        security: bearer,
        params: IdParams,
        body: ReportReturnBody,
        response: { 200: AnnualReportView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => annualReports.returnReport(actorOf(req), req.params.id, req.body.comment),
  )
}
