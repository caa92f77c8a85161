/**
 * Art. 30-31 security incidents and access anomalies on the services, every dialect (moved from
 * test/scenario/rectification.test.ts): who may report, where reports are routed, closing, and
 * the read-burst detection against a department's 14-day baseline.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../../test/support/dialects.js'
import { inbox, logged } from '../../../../test/support/service-kit.js'
import { type Person, type ServiceTest, setup } from '../../../../test/support/services.js'
import { inTransaction } from '../../../db/transaction.js'
import type { Actor } from '../../../shared/actor.js'
import type { AuditEvent } from '../../audit/index.js'

/** Reads stand in as bare entries: the anomaly job counts them and reads nothing else. */
const bareRead = { action: 'exchange.read', details: { records: 1 } } as unknown as AuditEvent

const INCIDENT = {
  title: '接口令牌泄露',
  description: '某部门接口令牌出现在公开代码库中',
  occurredAt: '2026-05-19T10:00:00+08:00',
  dataAffected: '婚姻登记信息（姓名、身份证号）',
  severity: 'high' as const,
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: security incidents and anomalies`, () => {
    let t: ServiceTest
    let department: string
    let security: Person
    let reviewer: Person
    let consumer: Person
    afterEach(async () => {
      await t?.cleanup()
    })
    const start = async (at: string) => {
      t = await setup(dialect, { start: at })
      department = await t.department()
      security = await t.person(t.bureauId, ['security_officer'])
      reviewer = await t.person(t.bureauId, ['bureau_reviewer'])
      consumer = await t.person(department, ['consumer'])
    }

    it('records an incident and routes it to the bureau and the police (security officers)', async () => {
      await start('2026-05-20T02:00:00Z')
      const { incidents } = t.services.rectification
      await expect(incidents.reportIncident(reviewer, INCIDENT)).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(
        incidents.reportIncident(security, { ...INCIDENT, departmentId: 'no-such-department' }),
      ).rejects.toMatchObject({ code: 'OVERSIGHT_UNKNOWN_DEPARTMENT' })
      const incident = await incidents.reportIncident(security, {
        ...INCIDENT,
        departmentId: department,
        routedTo: ['bureau', 'police'],
      })
      expect(incident).toMatchObject({
        status: 'open',
        occurredAt: '2026-05-19T02:00:00.000Z',
        routedTo: ['bureau', 'police'],
        departmentId: department,
        overdue: false,
      })
      for (const who of [reviewer, t.admin, security]) {
        expect(await inbox(t, who)).toContainEqual({ kind: 'oversight.incident', objectId: incident.id })
      }
      expect((await inbox(t, consumer)).map((n) => n.kind)).not.toContain('oversight.incident')
      expect((await logged(t, 'oversight.incident.report'))[0]).toMatchObject({
        objectId: incident.id,
        actor: security.name,
        details: { severity: 'high', routedTo: ['bureau', 'police'], departmentId: department },
      })
      const auditor = await t.person(t.bureauId, ['auditor'])
      expect((await incidents.listIncidents(auditor, { status: 'open' })).items.map((i) => i.id)).toEqual([
        incident.id,
      ])
      await expect(incidents.listIncidents(consumer, {})).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(incidents.closeIncident(auditor, incident.id)).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(incidents.closeIncident(security, 'no-such-incident')).rejects.toMatchObject({
        code: 'OVERSIGHT_INCIDENT_NOT_FOUND',
      })
      expect((await incidents.closeIncident(security, incident.id)).status).toBe('closed')
      await expect(incidents.closeIncident(security, incident.id)).rejects.toMatchObject({
        code: 'OVERSIGHT_INCIDENT_CLOSED',
      })
      expect((await logged(t, 'oversight.incident.close')).map((e) => e.objectId)).toEqual([incident.id])
      expect((await incidents.listIncidents(auditor, { status: 'open' })).items).toEqual([])
    })

    it("lets a department's security contact report for its own scope only, always to the bureau", async () => {
      await start('2026-05-20T02:00:00Z')
      const { incidents } = t.services.rectification
      const contact = await t.person(department, ['security_contact'])
      const other = await t.department()
      await expect(
        incidents.reportIncident(contact, { ...INCIDENT, departmentId: other }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' })
      const own = await incidents.reportIncident(contact, {
        ...INCIDENT,
        severity: 'low',
        routedTo: ['police'],
      })
      expect(own).toMatchObject({ departmentId: department, routedTo: ['bureau', 'police'] })
      // The reporting clock runs from when it was recorded; past it, an open incident is overdue.
      expect(own.reportDueAt).toEqual(expect.any(String))
      t.clock.set(new Date(Date.parse(own.reportDueAt ?? '') + 1000))
      const [listed] = (await incidents.listIncidents(reviewer, {})).items
      expect(listed).toMatchObject({ id: own.id, overdue: true })
    })

    it('flags a department whose reads burst far above its 14-day baseline, once a day', async () => {
      await start('2026-06-01T02:00:00Z')
      const other = await t.department()
      const appendReads = async (departmentId: string, instant: string, count: number) => {
        t.clock.set(instant)
        const reader: Actor = { ...consumer, departmentId }
        await inTransaction(t.db, (trx) =>
          t.services.audit.appendMany(
            trx,
            Array.from({ length: count }, () => ({
              actor: reader,
              event: { ...bareRead, objectType: 'resource', objectId: 'r' },
            })),
          ),
        )
      }
      // Baseline: 5 reads a day for 14 days in both departments (mean 5, threshold 105).
      for (let day = 1; day <= 14; day++) {
        const instant = `2026-06-${String(day).padStart(2, '0')}T03:00:00Z`
        await appendReads(department, instant, 5)
        await appendReads(other, instant, 5)
      }
      await appendReads(department, '2026-06-15T08:00:00Z', 110)
      await appendReads(other, '2026-06-15T08:00:00Z', 100)
      t.clock.set('2026-06-15T10:00:00Z')
      const { incidents, jobs } = t.services.rectification
      expect(await jobs.detectAnomalies()).toBe(1)
      expect(await jobs.detectAnomalies()).toBe(0)
      const { items } = await incidents.listAnomalies(security)
      expect(items).toEqual([
        expect.objectContaining({ departmentId: department, observed: 110, baselineMean: 5, threshold: 105 }),
      ])
      for (const who of [security, reviewer]) {
        expect(await inbox(t, who)).toContainEqual({
          kind: 'oversight.anomaly',
          objectId: items[0]?.id ?? '',
        })
      }
      expect(await logged(t, 'oversight.anomaly')).toEqual([
        expect.objectContaining({
          actorType: 'system',
          departmentId: department,
          details: { observed: 110, mean: 5, threshold: 105, day: '2026-06-15' },
        }),
      ])
      await expect(incidents.listAnomalies(consumer)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    })

    it('flags a key enumeration once a day, telling security, the bureau and the provider', async () => {
      await start('2026-06-15T02:00:00Z')
      const provider = await t.department()
      const providerAdmin = await t.person(provider, ['dept_admin'])
      const providerApprover = await t.person(provider, ['approver'])
      const event = {
        departmentId: department,
        providerId: provider,
        resourceId: 'resource-1',
        grantId: 'grant-1',
        asked: 60,
        misses: 55,
        threshold: 50,
      }
      const { incidents } = t.services.rectification
      await incidents.raiseEnumeration(event)
      await incidents.raiseEnumeration({ ...event, asked: 70, misses: 65 })
      const { items } = await incidents.listAnomalies(reviewer)
      expect(items).toEqual([
        expect.objectContaining({
          departmentId: department,
          kind: 'exchange.read.enumeration',
          observed: 55,
          day: '2026-06-15',
          details: { resourceId: 'resource-1', grantId: 'grant-1' },
        }),
      ])
      for (const who of [security, reviewer, providerAdmin, providerApprover]) {
        expect(await inbox(t, who)).toContainEqual({
          kind: 'oversight.anomaly',
          objectId: items[0]?.id ?? '',
        })
      }
      expect((await inbox(t, consumer)).map((n) => n.kind)).not.toContain('oversight.anomaly')
      expect((await logged(t, 'oversight.anomaly')).map((e) => e.details.kind)).toEqual([
        'exchange.read.enumeration',
      ])
      // Another day is another flag.
      t.clock.set('2026-06-16T02:00:00Z')
      await incidents.raiseEnumeration(event)
      expect((await incidents.listAnomalies(reviewer)).items).toHaveLength(2)
    })
  })
}
