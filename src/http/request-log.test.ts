import { describe, expect, it } from 'vitest'
import { requestId, requestLogSerializers } from './request-log.js'

describe('request ids and request log lines', () => {
  it('keeps a well-formed incoming id and replaces anything else', () => {
    expect(requestId('proxy-7f3a9c21')).toBe('proxy-7f3a9c21')
    for (const bad of [
      undefined,
      'short',
      'a'.repeat(129),
      'id with spaces',
      'id\n{"forged":1}',
      ['a1b2c3d4e5'],
    ]) {
      const id = requestId(bad)
      expect(id).not.toBe(bad)
      expect(id).toMatch(/^[A-Za-z0-9._:-]{8,128}$/)
    }
  })

  it('logs the route pattern, never the URL with its keys and query', () => {
    const line = requestLogSerializers.req({
      method: 'GET',
      ip: '10.0.0.1',
      routeOptions: { url: '/api/v1/exchange/resources/:id/records/:key' },
    })
    expect(line).toEqual({
      method: 'GET',
      route: '/api/v1/exchange/resources/:id/records/:key',
      remoteAddress: '10.0.0.1',
    })
    expect(requestLogSerializers.req({ method: 'GET', ip: '10.0.0.1' }).route).toBe('(no route)')
  })
})
