/**
 * `govshare zone export|import|check` (Art. 20, 33): the one-way passage from the internal
 * instance to the external one, and the list of internal rows an external instance still holds.
 */
import fs from 'node:fs'
import type { Command } from 'commander'
import { loadConfig } from '../config.js'
import type { Services } from '../container.js'
import { type Actor, SYSTEM_ACTOR } from '../shared/actor.js'
import { AppError, isAppError } from '../shared/errors.js'
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
        const result = await withServices(io.env, (services) => exportZone(services, options.since ?? null))
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
        const peerKey = options.peerKey ?? loadConfig(io.env).zonePeerKey
        const text = fs.readFileSync(options.in, 'utf8')
        const counts = await withServices(io.env, (services) => importZone(services, text, peerKey))
        io.stdout.write(
          `zone import ${options.in}: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.withdrawn} withdrawn\n`,
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

/** The bundle of what changed after `since`, signed with the instance's audit signing key. */
export function exportZone(services: Services, since: string | null) {
  if (!services.signer) {
    throw new Error('no SM2 signing key: set GOVSHARE_AUDIT_SIGNING_KEY')
  }
  return services.catalog.zoneBundles.exportBundle(CLI_ACTOR, services.signer, since)
}

export function importZone(services: Services, text: string, peerKey: string | undefined) {
  if (!peerKey) {
    throw new AppError('ZONE_PEER_KEY_REQUIRED')
  }
  return services.catalog.zoneBundles.importBundle(CLI_ACTOR, text, peerKey)
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
