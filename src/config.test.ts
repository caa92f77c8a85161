import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.js'

describe('config', () => {
  it('uses the contract defaults', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      seed: 'demo',
      databaseUrl: undefined,
      zone: 'external',
      upstreamHosts: [],
    })
    expect(config.dataDir).toMatch(/data$/)
    // Only test platforms lower the password hashing cost; no variable of the environment can.
    expect(config.passwordHashCost).toBeUndefined()
  })

  it('commits the read log on the main thread unless GOVSHARE_READ_LOG_THREAD says worker', () => {
    expect(loadConfig({}).audit?.readLogThread).toBe('main')
    expect(loadConfig({ GOVSHARE_READ_LOG_THREAD: 'worker' }).audit?.readLogThread).toBe('worker')
    expect(() => loadConfig({ GOVSHARE_READ_LOG_THREAD: 'both' })).toThrow(/GOVSHARE_READ_LOG_THREAD/)
  })

  it('reads GOVSHARE_ZONE_PEER_KEY, an SM2 public key, and names a malformed one', () => {
    const key = `04${'ab'.repeat(64)}`
    expect(loadConfig({ GOVSHARE_ZONE_PEER_KEY: ` ${key.toUpperCase()} ` }).zonePeerKey).toBe(key)
    expect(loadConfig({}).zonePeerKey).toBeUndefined()
    expect(() => loadConfig({ GOVSHARE_ZONE_PEER_KEY: 'abcd' })).toThrow(/GOVSHARE_ZONE_PEER_KEY/)
    expect(loadConfig({ GOVSHARE_ZONE_TRANSFER_KEY: 'AB'.repeat(16) }).zoneTransferKey).toBe('ab'.repeat(16))
    expect(() => loadConfig({ GOVSHARE_ZONE_TRANSFER_KEY: 'xyz' })).toThrow(/GOVSHARE_ZONE_TRANSFER_KEY/)
  })

  it('reads the upstream hosts list, and names a malformed entry', () => {
    expect(loadConfig({ GOVSHARE_UPSTREAM_HOSTS: ' 10.8.0.12, *.KM.gov.cn ,' }).upstreamHosts).toEqual([
      '10.8.0.12',
      '*.km.gov.cn',
    ])
    expect(() => loadConfig({ GOVSHARE_UPSTREAM_HOSTS: 'http://10.8.0.12/' })).toThrow(
      /GOVSHARE_UPSTREAM_HOSTS=/,
    )
  })

  it('reads GOVSHARE_AUDIT_FORWARD: a file or a syslog receiver, and names a malformed one', () => {
    expect(loadConfig({}).auditForward).toBeUndefined()
    expect(loadConfig({ GOVSHARE_AUDIT_FORWARD: 'file:/var/log/govshare/audit.jsonl' }).auditForward).toEqual(
      {
        kind: 'file',
        path: '/var/log/govshare/audit.jsonl',
      },
    )
    expect(loadConfig({ GOVSHARE_AUDIT_FORWARD: 'file:///var/log/a.jsonl' }).auditForward).toEqual({
      kind: 'file',
      path: '/var/log/a.jsonl',
    })
    expect(loadConfig({ GOVSHARE_AUDIT_FORWARD: 'syslog://siem.km.gov.cn:1514' }).auditForward).toEqual({
      kind: 'syslog',
      host: 'siem.km.gov.cn',
      port: 1514,
    })
    expect(loadConfig({ GOVSHARE_AUDIT_FORWARD: 'syslog://[::1]' }).auditForward).toEqual({
      kind: 'syslog',
      host: '::1',
      port: 514,
    })
    for (const bad of [
      'file:audit.jsonl',
      'file:/var/log/',
      'syslog://',
      'syslog://h:99999',
      'tcp://h:514',
      'syslog://h:514/x',
    ]) {
      expect(() => loadConfig({ GOVSHARE_AUDIT_FORWARD: bad }), bad).toThrow(/^GOVSHARE_AUDIT_FORWARD=/)
    }
  })

  it('reports each bad setting on its own line, naming the variable', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        GOVSHARE_SEED: 'lots',
        DATABASE_URL: 'mysql://x',
        GOVSHARE_ADMIN_PASSWORD: 'short',
      })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError)
      const problems = (error as ConfigError).problems
      expect(problems).toHaveLength(4)
      expect(problems.map((p) => p.split(/[=:]/)[0])).toEqual(
        expect.arrayContaining(['PORT', 'GOVSHARE_SEED', 'DATABASE_URL', 'GOVSHARE_ADMIN_PASSWORD']),
      )
    }
  })
})
