/**
 * Art. 20, 33: the external instance refuses anything of the internal network, and every refusal
 * is logged (outside the refused change's transaction, which rolls back).
 */
import type { Actor } from '../../shared/actor.js'
import { AppError } from '../../shared/errors.js'
import type { AuditService } from '../audit/index.js'
import { isAllowedOn, type Zone } from './rules.js'

export interface ZoneSubject {
  objectType: string
  /** Unknown before creation: the refused object never got an id. */
  objectId: string | null
  zone: string
}

export type ZoneGuard = ReturnType<typeof createZoneGuard>

export function createZoneGuard(deps: { audit: Pick<AuditService, 'record'>; zone: Zone }) {
  const { audit, zone: instance } = deps

  /** Logs the refusal as `zone.refused`, then throws ZONE_NOT_ALLOWED. */
  async function refuse(actor: Actor, subject: ZoneSubject, reason?: string): Promise<never> {
    await audit.record(actor, {
      action: 'zone.refused',
      objectType: subject.objectType,
      objectId: subject.objectId ?? undefined,
      details: { code: 'ZONE_NOT_ALLOWED', zone: subject.zone, instance, reason },
    })
    throw new AppError('ZONE_NOT_ALLOWED', { objectType: subject.objectType, zone: subject.zone })
  }

  /** Throws (logged) ZONE_NOT_ALLOWED when this instance may not hold the subject's zone. */
  async function assertAllowed(actor: Actor, subject: ZoneSubject): Promise<void> {
    if (!isAllowedOn(instance, subject.zone)) {
      await refuse(actor, subject)
    }
  }

  return { instance, refuse, assertAllowed }
}
