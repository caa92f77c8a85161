/**
 * `govshare zone export|import|check` as operators run them (in-process, test/support/cli.ts):
 * an internal and an external instance, each its own SQLite data folder. What the bundles carry
 * is tested on both databases in test/scenario/zones.test.ts; this is the command line around it.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { govshare } from '../../test/support/cli.js'
import { createSigner } from '../modules/audit/index.js'

const KEY = 'abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789'
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-zone-'))
const bundle = path.join(root, 'bundle.json')

function instance(zone: 'internal' | 'external', extra: Record<string, string> = {}) {
  const env = {
    ...process.env,
    DATA_DIR: path.join(root, zone),
    DATABASE_URL: '',
    GOVSHARE_ZONE: zone,
    GOVSHARE_AUDIT_SIGNING_KEY: KEY,
    ...extra,
  }
  return (...args: string[]) => govshare(args, env)
}

describe('govshare zone', () => {
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }))
  const peerKey = createSigner(KEY).publicKey
  const internal = instance('internal')
  const external = instance('external', { GOVSHARE_ZONE_PEER_KEY: peerKey })

  it('exports on the internal instance only', async () => {
    const run = await internal('zone', 'export', '--out', bundle)
    expect(run).toMatchObject({ code: 0, stderr: '' })
    expect(run.stdout).toMatch(/^zone export .*bundle\.json: 0 entries, cursor -, sm3 [0-9a-f]{64}\n$/)
    const refused = await external('zone', 'export', '--out', path.join(root, 'other.json'))
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('ZONE_BUNDLE_WRONG_INSTANCE')
  })

  it('imports on the external instance with the peer key, twice alike, and refuses a changed file', async () => {
    expect((await external('zone', 'import', '--in', bundle)).stdout).toContain(
      '0 created, 0 updated, 0 unchanged, 0 withdrawn',
    )
    expect((await external('zone', 'import', '--in', bundle)).code).toBe(0)
    const altered = path.join(root, 'altered.json')
    fs.writeFileSync(altered, fs.readFileSync(bundle, 'utf8').replace('"since":null', '"since":"0"'))
    const refused = await external('zone', 'import', '--in', altered)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('ZONE_BUNDLE_INVALID')
    const keyless = await instance('external')('zone', 'import', '--in', bundle)
    expect(keyless.stderr).toContain('ZONE_PEER_KEY_REQUIRED')
    const onInternal = await internal('zone', 'import', '--in', bundle, '--peer-key', peerKey)
    expect(onInternal.stderr).toContain('ZONE_BUNDLE_WRONG_INSTANCE')
  })

  it('checks an external instance for internal rows', async () => {
    expect(await external('zone', 'check')).toMatchObject({
      code: 0,
      stdout: 'zone check: 0 internal row(s)\n',
    })
  })
})
