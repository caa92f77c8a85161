/**
 * Issue 15 item 6: the API reference a department's developer can use alone. The document the app
 * serves passes `redocly lint` (recommended ruleset) with no error, every operation and parameter
 * is described in Chinese and English, and the docs tables name only operations that exist.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../test/support/dialects.js'
import { startTestPlatform, type TestPlatform } from '../../test/support/platform.js'
import { API_DOCS } from '../app.js'
import {
  applyApiDocs,
  missingDocs,
  type OpenApiDocument,
  operationIdOf,
  operationsOf,
} from './openapi-docs.js'

const REDOCLY = path.resolve('node_modules/@redocly/cli/bin/cli.js')

interface LintProblem {
  ruleId: string
  severity: 'error' | 'warn'
  message: string
  location: Array<{ pointer: string }>
}

/** Runs `redocly lint` on the document; its problems (the recommended ruleset, or redocly.yaml). */
async function lint(document: OpenApiDocument): Promise<LintProblem[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-openapi-'))
  const file = path.join(dir, 'openapi.json')
  fs.writeFileSync(file, JSON.stringify(document))
  try {
    const run = await promisify(execFile)(process.execPath, [REDOCLY, 'lint', file, '--format=json'], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }))
    return (JSON.parse(run.stdout) as { problems: LintProblem[] }).problems
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

const describeProblem = (p: LintProblem) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`

for (const dialect of DIALECTS) {
  describe(`${dialect}: the API reference (/openapi.json)`, () => {
    let t: TestPlatform
    let document: OpenApiDocument
    beforeAll(async () => {
      t = await startTestPlatform(dialect)
      document = (await t.api.get('/openapi.json')).body
    })
    afterAll(async () => {
      await t?.close()
    })

    it('passes redocly lint (recommended ruleset) with no error', async () => {
      const problems = await lint(document)
      expect(problems.filter((p) => p.severity === 'error').map(describeProblem)).toEqual([])
      // The three health and key routes answer no 4xx at all; any other warning is new.
      expect(problems.filter((p) => p.severity !== 'error').map(describeProblem)).toEqual([
        expect.stringMatching(/^operation-4xx-response at #\/paths\/~1healthz\/get/),
        expect.stringMatching(/^operation-4xx-response at #\/paths\/~1readyz\/get/),
        expect.stringMatching(
          /^operation-4xx-response at #\/paths\/~1\.well-known~1govshare-audit-keys\.json/,
        ),
      ])
    }, 60_000)

    it('describes every operation and parameter in Chinese and English', () => {
      // Each line names an operation: add its words to the module's api-docs.ts (decisions §48).
      expect(missingDocs(document)).toEqual([])
    })

    it('documents no operation the app does not serve', () => {
      const served = new Set(operationsOf(document).map(({ key }) => key))
      const documented = API_DOCS.flatMap((table) => Object.keys(table.operations))
      expect(documented.filter((key) => !served.has(key))).toEqual([])
    })

    it('asks a token of every /api/ operation but the public ones, and says which are public', () => {
      const publicOps = operationsOf(document)
        .filter(({ op }) => op.security?.length === 0)
        .map(({ key }) => key)
      expect(publicOps.sort()).toEqual(
        [
          'GET /.well-known/govshare-audit-keys.json',
          'GET /healthz',
          'GET /readyz',
          'POST /api/v1/auth/login',
          'POST /api/v1/auth/token',
          'GET /api/v1/calendar/add-working-days',
          'GET /api/v1/calendar/working-day',
          // Issue 16 item 4 (Art. 23): the open part of the catalog, for harvesters and CKAN clients.
          'GET /api/v1/catalog/open/dcat',
          // Issue 16 item 1 (Art. 21): peer platforms authenticate by their SM2 signature, not a token.
          'POST /api/v1/federation/messages',
          ...['package_list', 'package_show', 'package_search', 'organization_list'].flatMap((action) => [
            `GET /api/3/action/${action}`,
            `POST /api/3/action/${action}`,
          ]),
        ].sort(),
      )
      for (const { key, op } of operationsOf(document)) {
        expect(op.security, key).toBeDefined()
      }
    })

    it('serves the public ones without a token and refuses the others without one', async () => {
      expect((await t.api.get('/api/v1/calendar/working-day?date=2026-10-01')).status).toBe(200)
      const refused = await t.api.get('/api/v1/catalog/lookup?code=1/000001')
      expect({ status: refused.status, code: refused.body.error.code }).toEqual({
        status: 401,
        code: 'AUTH_REQUIRED',
      })
    })

    it('gives the quick start, servers, a licence, examples for the contract operations', () => {
      const info = document.info as { description: string; license: { name: string } }
      for (const step of ['/api/v1/auth/token', '/api/v1/catalog/lookup', 'grantId=', 'caseRef=']) {
        expect(info.description).toContain(step)
      }
      expect(info.license.name).toMatch(/\S/)
      expect(document.servers).toEqual([{ url: '/', description: expect.any(String) }])
      const paths = document.paths ?? {}
      const read = paths['/api/v1/exchange/resources/{id}/records/{key}']?.get
      expect(read?.responses?.['200']?.content?.['application/json']?.example).toMatchObject({
        record: { 公民身份号码: '530103********2610' },
      })
      expect(paths['/api/v1/auth/token']?.post?.requestBody?.content?.['application/json']?.example).toEqual({
        clientId: expect.any(String),
        clientSecret: expect.any(String),
      })
    })
  })
}

describe('the lint harness', () => {
  it('reports errors (a document without servers), so a clean run means something', async () => {
    const problems = await lint({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {} })
    expect(problems.filter((p) => p.severity === 'error').map((p) => p.ruleId)).toContain('no-empty-servers')
  }, 60_000)
})

describe('the docs tables', () => {
  it('refuse an operation documented twice', () => {
    const table = { operations: { 'GET /healthz': { zh: '存活' } } }
    expect(() => applyApiDocs({ paths: {} }, [table, table])).toThrow(/GET \/healthz is documented twice/)
  })

  it('name operations by method and path, parameters as By…', () => {
    expect(operationIdOf('GET /api/v1/exchange/resources/{id}/records/{key}')).toBe(
      'getExchangeResourcesByIdRecordsByKey',
    )
    expect(operationIdOf('GET /.well-known/govshare-audit-keys.json')).toBe(
      'getWellKnownGovshareAuditKeysJson',
    )
  })

  it('list a summary without Chinese and a parameter without a description', () => {
    const gaps = missingDocs({
      paths: {
        '/x/{id}': {
          get: {
            summary: 'English only',
            parameters: [{ name: 'id', in: 'path', description: '编号 / Id' }],
          },
          post: { summary: '新增 / Add', parameters: [{ name: 'q', in: 'query' }] },
        },
      },
    })
    expect(gaps).toEqual([
      'GET /x/{id}: summary is not "中文 / English" ("English only")',
      'POST /x/{id}: query parameter "q" has no description in both languages',
    ])
  })
})
