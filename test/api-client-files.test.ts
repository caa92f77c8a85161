/**
 * Issue 15 item 6: the generated client types and docs/api-quickstart.md are what
 * `npm run api:client` would write now. A failure means a route or an api-docs.ts changed since:
 * run `npm run api:client` and commit what it writes.
 */
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CLIENT_TYPES_FILE,
  QUICK_START_FILE,
  renderClientTypes,
  renderQuickStart,
} from '../scripts/api-client.js'
import { DIALECTS } from './support/dialects.js'
import { startTestPlatform, type TestPlatform } from './support/platform.js'

const STALE = 'stale: run `npm run api:client` and commit what it writes'

/** The first line where two texts differ (a whole diff of 16 000 lines would bury it), or undefined. */
function firstDifference(committed: string, generated: string): string | undefined {
  const a = committed.split('\n')
  const b = generated.split('\n')
  const at = a.findIndex((line, i) => line !== b[i])
  const line = at === -1 && a.length !== b.length ? Math.min(a.length, b.length) : at
  return line === -1
    ? undefined
    : `line ${line + 1}: committed ${JSON.stringify(a[line])}, now ${JSON.stringify(b[line])}`
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: files generated from /openapi.json`, () => {
    let t: TestPlatform
    beforeAll(async () => {
      t = await startTestPlatform(dialect)
    })
    afterAll(async () => {
      await t?.close()
    })

    it(`${CLIENT_TYPES_FILE} matches the document the app serves`, async () => {
      const document = (await t.api.get('/openapi.json')).body
      const committed = fs.readFileSync(CLIENT_TYPES_FILE, 'utf8')
      expect(firstDifference(committed, await renderClientTypes(document)), STALE).toBeUndefined()
    })
  })
}

describe('the quick start', () => {
  it(`${QUICK_START_FILE} holds the document's quick start`, () => {
    expect(
      firstDifference(fs.readFileSync(QUICK_START_FILE, 'utf8'), renderQuickStart()),
      STALE,
    ).toBeUndefined()
  })
})
