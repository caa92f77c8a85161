/**
 * `govshare zone export|import|check` (Art. 20, 33): the one-way passage from the internal
 * instance to the external one, and the list of internal rows an external instance still holds.
 */
import fs from 'node:fs'
import type { Command } from 'commander'
import { loadConfig } from '../config.js'
import type { Services } from '../container.js'
import { openBundle, type ZoneBundle } from '../modules/zones/index.js'
import { type Actor, SYSTEM_ACTOR } from '../shared/actor.js'
import { AppError, isAppError } from '../shared/errors.js'
import { type FieldKeys, fieldKeys } from '../shared/field-crypto.js'
import { zoneCheck } from '../zone-check.js'
import { withServices } from './context.js'
import type { CliIo } from './io.js'

export { zoneCheck }

const CLI_ACTOR: Actor = { ...SYSTEM_ACTOR, name: 'cli' }

export function registerZoneCommands(program: Command, io: CliIo): void {
  const zone = program.command('zone').description('network zones (Art. 20, 33): one-way bundles, checks')
  zone
    .command('export')
    .description('internal instance: write the non-classified catalog as a signed bundle (SM3 + SM2)')
    .requiredOption('--out <file>', 'the bundle file to write')
    .option('--since <cursor>', 'only what changed after this cursor (printed by the previous export)')
    .action(async (options: { out: string; since?: string }) => {
      try {
        const transferKey = loadConfig(io.env).zoneTransferKey
        const result = await withServices(io.env, (services) =>
          exportZone(services, options.since ?? null, transferKey),
        )
        fs.writeFileSync(options.out, result.text)
        io.stdout.write(
          `zone export ${options.out}: ${result.entries} entries, cursor ${result.cursor ?? '-'}, sm3 ${result.bundleDigest}\n`,
        )
      } catch (error) {
        fail(io, 'export', error)
      }
    })
  zone
    .command('import')
    .description('external instance: verify a bundle (signature, digests, zones) and apply it')
    .requiredOption('--in <file>', 'the bundle file carried by the gateway')
    .option('--peer-key <hex>', "the internal instance's SM2 public key (default GOVSHARE_ZONE_PEER_KEY)")
    .action(async (options: { in: string; peerKey?: string }) => {
      try {
        const config = loadConfig(io.env)
        const peerKey = options.peerKey ?? config.zonePeerKey
        const text = fs.readFileSync(options.in, 'utf8')
        const counts = await withServices(io.env, (services) =>
          importZone(services, text, peerKey, config.zoneTransferKey),
        )
        io.stdout.write(
          `zone import ${options.in}: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.withdrawn} withdrawn; records ${counts.records.inserted} inserted, ${counts.records.updated} updated, ${counts.records.unchanged} unchanged, ${counts.records.deleted} deleted\n`,
        )
      } catch (error) {
        fail(io, 'import', error)
      }
    })
  zone
    .command('check')
    .description('external instance: list internal-zone rows left from before (exit 1 when any)')
    .action(async () => {
      try {
        const lines = await withServices(io.env, (services) => zoneCheck(services))
        for (const line of lines) {
          io.stdout.write(`${line}\n`)
        }
        io.stdout.write(`zone check: ${lines.length} internal row(s)\n`)
        io.exitCode = lines.length > 0 ? 1 : 0
      } catch (error) {
        fail(io, 'check', error)
      }
    })
}

/**
 * The bundle of what changed after `since`, signed with the instance's audit signing key; with a
 * transfer key, the records of the resources that cross too (sealed under it).
 */
export function exportZone(services: Services, since: string | null, transferKey?: string) {
  if (!services.signer) {
    throw new Error('no SM2 signing key: set GOVSHARE_AUDIT_SIGNING_KEY')
  }
  const transfer = transferKey ? fieldKeys([transferKey]) : undefined
  return services.catalog.zoneBundles.exportBundle(
    CLI_ACTOR,
    services.signer,
    since,
    transfer && ((ids) => services.exchange.zoneRecords.recordEntries(ids, since, transfer)),
  )
}

/** Verifies and applies a bundle: its catalog in one transaction, then its records through the ingest. */
export async function importZone(
  services: Services,
  text: string,
  peerKey: string | undefined,
  transferKey?: string,
) {
  if (!peerKey) {
    throw new AppError('ZONE_PEER_KEY_REQUIRED')
  }
  // Refused before anything is written: a bundle with records is applied whole or not at all.
  if (!transferKey && carriesRecords(text)) {
    throw new AppError('ZONE_TRANSFER_KEY_REQUIRED')
  }
  if (transferKey) {
    await checkRecordSeals(services, text, peerKey, fieldKeys([transferKey]))
  }
  const { verified, ...counts } = await services.catalog.zoneBundles.importBundle(CLI_ACTOR, text, peerKey)
  const recordEntries = verified.entries.filter((entry) => entry.kind === 'records')
  if (recordEntries.length === 0) {
    return { ...counts, records: { inserted: 0, updated: 0, unchanged: 0, deleted: 0 } }
  }
  if (!transferKey) {
    throw new AppError('ZONE_TRANSFER_KEY_REQUIRED')
  }
  const records = await services.exchange.zoneRecords.applyRecordEntries(
    recordEntries,
    fieldKeys([transferKey]),
  )
  return { ...counts, records }
}

/** Records that will not unseal refuse the bundle (logged) before its catalog is written. */
async function checkRecordSeals(services: Services, text: string, peerKey: string, transfer: FieldKeys) {
  let bundle: ZoneBundle
  try {
    bundle = openBundle(text, peerKey)
  } catch {
    return // the import itself refuses it, and logs why
  }
  try {
    services.exchange.zoneRecords.checkSeals(bundle.entries, transfer)
  } catch (error) {
    if (isAppError(error)) {
      await services.audit.record(CLI_ACTOR, {
        action: 'zone.refused',
        objectType: 'zone_bundle',
        details: {
          code: error.code,
          zone: 'unknown',
          instance: services.zones.instance,
          reason: (error.details as { reason?: string } | undefined)?.reason, // set by checkSeals
        },
      })
    }
    throw error
  }
}

/** A first look only; the verification inside the import decides whether the bundle holds. */
function carriesRecords(text: string): boolean {
  try {
    const parsed: { entries?: Array<{ kind?: unknown }> } = JSON.parse(text)
    return parsed.entries?.some((entry) => entry.kind === 'records') ?? false
  } catch {
    return false
  }
}

function fail(io: CliIo, command: string, error: unknown): void {
  const reason = isAppError(error)
    ? `${error.messageIn('zh-CN')} (${error.code})`
    : error instanceof Error
      ? error.message
      : String(error)
  io.stderr.write(`govshare: zone ${command}: ${reason}\n`)
  io.exitCode = 2
}
