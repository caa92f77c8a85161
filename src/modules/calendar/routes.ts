import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { actorOf } from '../../http/auth.js'
import { bearer, errorResponses } from '../../shared/schema.js'
import {
  AddWorkingDaysQuery,
  AddWorkingDaysReply,
  DateParams,
  ImportReply,
  OverrideBody,
  OverrideList,
  OverrideQuery,
  OverrideView,
  ScheduleBody,
  ScheduleFileBody,
  WorkingDayQuery,
  WorkingDayReply,
  YearDaysReply,
  YearParams,
  YearsReply,
} from './schema.js'
import type { CalendarService } from './service.js'

export const calendarRoutes: FastifyPluginAsyncTypebox<{ calendar: CalendarService }> = async (
  app,
  { calendar },
) => {
  app.get(
    '/calendar/add-working-days',
    {
      config: { public: true },
      schema: {
        tags: ['calendar'],
        summary: 'The Nth working day after a date (official calendar, make-up working days included)',
        querystring: AddWorkingDaysQuery,
        response: { 200: AddWorkingDaysReply, ...errorResponses(400) },
      },
    },
    async (req) => calendar.addWorkingDays(req.query.from, req.query.days),
  )

  app.get(
    '/calendar/working-day',
    {
      config: { public: true },
      schema: {
        tags: ['calendar'],
        summary: 'Whether a date is a working day, and why not',
        querystring: WorkingDayQuery,
        response: { 200: WorkingDayReply, ...errorResponses(400) },
      },
    },
    async (req) => calendar.workingDay(req.query.date),
  )

  app.get(
    '/calendar/overrides',
    {
      schema: {
        tags: ['calendar'],
        summary: "The bureau's holiday and make-up working day entries",
        security: bearer,
        querystring: OverrideQuery,
        response: { 200: OverrideList, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => ({ items: await calendar.listOverrides(actorOf(req), req.query) }),
  )

  app.put(
    '/calendar/overrides/:date',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Declare a date a holiday or a make-up working day (platform_admin)',
        security: bearer,
        params: DateParams,
        body: OverrideBody,
        response: { 200: OverrideView, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => calendar.setOverride(actorOf(req), req.params.date, req.body),
  )

  app.delete(
    '/calendar/overrides/:date',
    {
      schema: {
        tags: ['calendar'],
        summary: "Remove the bureau's entry for a date (platform_admin)",
        security: bearer,
        params: DateParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await calendar.deleteOverride(actorOf(req), req.params.date)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/calendar/years/:year/schedule',
    {
      schema: {
        tags: ['calendar'],
        summary: "Load a year's official schedule: replaces that year's entries (platform_admin)",
        security: bearer,
        params: YearParams,
        body: ScheduleBody,
        response: { 200: ImportReply, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => calendar.importSchedule(actorOf(req), req.params.year, req.body.entries),
  )

  app.post(
    '/calendar/years/:year/schedule-file',
    {
      schema: {
        tags: ['calendar'],
        summary:
          "Load a year's schedule file (the CLI's JSON or CSV): replaces that year's entries (platform_admin)",
        security: bearer,
        params: YearParams,
        body: ScheduleFileBody,
        response: { 200: ImportReply, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) =>
      calendar.importScheduleFile(actorOf(req), req.params.year, req.body.fileName, req.body.content),
  )

  app.get(
    '/calendar/years/:year/days',
    {
      schema: {
        tags: ['calendar'],
        summary: "The year's holidays and make-up working days, official and the bureau's",
        security: bearer,
        params: YearParams,
        response: { 200: YearDaysReply, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => calendar.yearDays(actorOf(req), req.params.year),
  )

  app.get(
    '/calendar/years',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Which years have an official schedule',
        security: bearer,
        response: { 200: YearsReply, ...errorResponses(401, 403) },
      },
    },
    async (req) => calendar.yearsStatus(actorOf(req)),
  )
}
