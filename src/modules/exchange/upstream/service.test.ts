import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { syntheticIdNumber } from '../../../seed/identity.js'
import { fixedClock } from '../../../shared/clock.js'
import type { PublishedItem } from '../../catalog/index.js'
import { createBreaker } from './breaker.js'
import { callUpstream, MAX_REPLY_BYTES, recordFromUpstream } from './client.js'
import { isAllowedHost } from './hosts.js'

describe('allowed upstream hosts', () => {
  it('takes exact hosts and *.domain for subdomains only, case aside; nothing when the list is empty', () => {
    const allowed = ['10.8.0.12', '*.km.gov.cn']
    expect(isAllowedHost('10.8.0.12', allowed)).toBe(true)
    expect(isAllowedHost('api.GA.km.gov.cn', allowed)).toBe(true)
    expect(isAllowedHost('km.gov.cn', allowed)).toBe(false)
    expect(isAllowedHost('evil-km.gov.cn', allowed)).toBe(false)
    expect(isAllowedHost('10.8.0.13', allowed)).toBe(false)
    expect(isAllowedHost('127.0.0.1', [])).toBe(false)
  })
})

describe('circuit breaker', () => {
  it('opens after 5 consecutive failures, refuses for 30 s, then lets exactly one trial through', () => {
    const clock = fixedClock('2026-11-25T09:00:00+08:00')
    const breaker = createBreaker(clock)
    for (let i = 0; i < 4; i++) {
      expect(breaker.admit('r1')).toBe(true)
      breaker.failed('r1')
    }
    expect(breaker.stateOf('r1')).toBe('closed')
    expect(breaker.admit('r1')).toBe(true)
    breaker.failed('r1')
    expect(breaker.stateOf('r1')).toBe('open')
    expect(breaker.admit('r1')).toBe(false)
    clock.advance(29_999)
    expect(breaker.admit('r1')).toBe(false)
    clock.advance(1)
    expect(breaker.stateOf('r1')).toBe('half_open')
    expect(breaker.admit('r1')).toBe(true)
    expect(breaker.admit('r1')).toBe(false)
    breaker.succeeded('r1')
    expect(breaker.stateOf('r1')).toBe('closed')
    expect(breaker.admit('r1')).toBe(true)
  })

  it('re-opens for another 30 s when the trial fails', () => {
    const clock = fixedClock('2026-11-25T09:00:00+08:00')
    const breaker = createBreaker(clock)
    for (let i = 0; i < 5; i++) {
      breaker.failed('r1')
    }
    clock.advance(30_000)
    expect(breaker.admit('r1')).toBe(true)
    breaker.failed('r1')
    expect(breaker.stateOf('r1')).toBe('open')
    clock.advance(29_000)
    expect(breaker.admit('r1')).toBe(false)
    clock.advance(1_000)
    expect(breaker.admit('r1')).toBe(true)
  })

  it('counts only consecutive failures, per resource', () => {
    const breaker = createBreaker(fixedClock('2026-11-25T09:00:00+08:00'))
    for (let i = 0; i < 4; i++) {
      breaker.failed('r1')
      breaker.failed('r2')
    }
    breaker.succeeded('r1')
    breaker.failed('r1')
    breaker.failed('r2')
    expect(breaker.stateOf('r1')).toBe('closed')
    expect(breaker.stateOf('r2')).toBe('open')
    expect(breaker.stateOf('r3')).toBe('closed')
  })
})

const ITEMS: PublishedItem[] = [
  { code: 'a', name: '公民身份号码', dataType: 'string', key: true, sensitivity: 'id_number' },
  { code: 'b', name: '姓名', dataType: 'string', key: false, sensitivity: 'name' },
  { code: 'c', name: '出生日期', dataType: 'date', key: false, sensitivity: 'none' },
]

describe('an upstream record', () => {
  const id = syntheticIdNumber('530102', '1990-01-01', 1)

  it('loses fields that are not items and is typed like an ingested record', () => {
    expect(recordFromUpstream(ITEMS, id, { 公民身份号码: id, 姓名: '测试', 内部备注: 'x' })).toEqual({
      公民身份号码: id,
      姓名: '测试',
      出生日期: null,
    })
  })

  it('is refused with a wrong type or under another key', () => {
    expect(() => recordFromUpstream(ITEMS, id, { 公民身份号码: id, 出生日期: '1990-02-30' })).toThrow(
      expect.objectContaining({ code: 'EXCHANGE_UPSTREAM_FAILED' }),
    )
    const other = syntheticIdNumber('530102', '1990-01-01', 2)
    expect(() => recordFromUpstream(ITEMS, id, { 公民身份号码: other })).toThrow(
      expect.objectContaining({ code: 'EXCHANGE_UPSTREAM_FAILED' }),
    )
  })
})

describe('the upstream HTTP client', () => {
  let server: http.Server
  let base: string
  const seen: http.IncomingHttpHeaders[] = []

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(req.headers)
      const path = req.url ?? ''
      if (path.startsWith('/redirect')) {
        res.writeHead(302, { location: `${base}/ok/x` }).end()
      } else if (path.startsWith('/big')) {
        res.writeHead(200, { 'content-type': 'application/json' })
        // No content-length: the cap must hold while streaming.
        res.write('{"record":{"x":"')
        res.write('a'.repeat(MAX_REPLY_BYTES))
        res.end('"}}')
      } else if (path.startsWith('/html')) {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>')
      } else if (path.startsWith('/slow')) {
        setTimeout(() => res.writeHead(200).end('{"record":{}}'), 500)
      } else if (path.startsWith('/missing')) {
        res.writeHead(404).end()
      } else {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"record":{"a":1}}')
      }
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}` // listen() on a TCP port
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  it('returns the record, or undefined on 404, sending the headers it is given', async () => {
    expect(await callUpstream(`${base}/ok/1`, 1000, { accept: 'application/json', 'x-test': 'y' })).toEqual({
      a: 1,
    })
    expect(seen.at(-1)).toMatchObject({ accept: 'application/json', 'x-test': 'y' })
    expect(await callUpstream(`${base}/missing/1`, 1000, {})).toBeUndefined()
  })

  it('follows no redirect, reads no more than the cap, and wants JSON', async () => {
    const before = seen.length
    await expect(callUpstream(`${base}/redirect/1`, 1000, {})).rejects.toMatchObject({
      code: 'EXCHANGE_UPSTREAM_FAILED',
    })
    expect(seen.length).toBe(before + 1)
    await expect(callUpstream(`${base}/big/1`, 5000, {})).rejects.toMatchObject({
      code: 'EXCHANGE_UPSTREAM_FAILED',
      details: { reason: 'reply too large' },
    })
    await expect(callUpstream(`${base}/html/1`, 1000, {})).rejects.toMatchObject({
      code: 'EXCHANGE_UPSTREAM_FAILED',
    })
  })

  it('gives up after the timeout, and names an unreachable host as a failure', async () => {
    await expect(callUpstream(`${base}/slow/1`, 100, {})).rejects.toMatchObject({
      code: 'EXCHANGE_UPSTREAM_TIMEOUT',
    })
    await expect(callUpstream('http://127.0.0.1:1/x', 1000, {})).rejects.toMatchObject({
      code: 'EXCHANGE_UPSTREAM_FAILED',
    })
  })
})
