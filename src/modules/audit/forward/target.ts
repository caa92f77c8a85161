/**
 * Where committed audit entries are forwarded (issue 12 item 6, GOVSHARE_AUDIT_FORWARD): a file
 * that gets one JSON line per entry, or a syslog receiver that gets one RFC 5424 message per
 * entry over UDP (node:dgram; docs/decisions.md 33 says why no library).
 */
import dgram from 'node:dgram'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { ChainEntry } from '../rules.js'

export type ForwardSpec = { kind: 'file'; path: string } | { kind: 'syslog'; host: string; port: number }

export interface ForwardTarget {
  /** Sends entries in seq order; resolves once the target took them all. */
  send(entries: readonly ChainEntry[]): Promise<void>
  /** The seq of the last entry the target already holds, when it can tell (a file can). */
  lastSeq(): Promise<number | undefined>
  close(): Promise<void>
}

/** The cursor's key: one per target, so a new target starts from the first entry. */
export function forwardKey(spec: ForwardSpec): string {
  return spec.kind === 'file' ? `file:${spec.path}` : `syslog://${spec.host}:${spec.port}`
}

export function openForwardTarget(spec: ForwardSpec): ForwardTarget {
  return spec.kind === 'file' ? fileTarget(spec.path) : syslogTarget(spec.host, spec.port)
}

function fileTarget(file: string): ForwardTarget {
  return {
    async send(entries) {
      await fs.promises.mkdir(path.dirname(file), { recursive: true })
      await fs.promises.appendFile(file, entries.map((entry) => `${entryLine(entry)}\n`).join(''), {
        mode: 0o600,
      })
    },
    async lastSeq() {
      return lastSeqInFile(file)
    },
    async close() {},
  }
}

/** After a crash between writing lines and moving the cursor, the file says where it got to. */
async function lastSeqInFile(file: string): Promise<number | undefined> {
  let handle: fs.promises.FileHandle
  try {
    handle = await fs.promises.open(file, 'r')
  } catch {
    return undefined
  }
  try {
    const { size } = await handle.stat()
    const length = Math.min(size, 256 * 1024)
    const buffer = Buffer.alloc(length)
    await handle.read(buffer, 0, length, size - length)
    const lines = buffer
      .toString('utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
    const last = lines[lines.length - 1]
    if (last === undefined) {
      return undefined
    }
    const parsed: unknown = JSON.parse(last)
    return typeof parsed === 'object' && parsed !== null && 'seq' in parsed && typeof parsed.seq === 'number'
      ? parsed.seq
      : undefined
  } catch {
    return undefined
  } finally {
    await handle.close()
  }
}

/** facility 13 (log audit) × 8 + severity 6 (informational). */
const PRI = 13 * 8 + 6

/** One entry as stored, hash fields included: a receiver can recompute and link every hash. */
export function entryLine(entry: ChainEntry): string {
  return JSON.stringify({
    seq: entry.seq,
    at: entry.at,
    actorType: entry.actorType,
    actorId: entry.actorId,
    actorName: entry.actorName,
    departmentId: entry.departmentId,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId,
    details: entry.details,
    prevHash: entry.prevHash,
    hash: entry.hash,
    alg: entry.alg,
  })
}

/** RFC 5424: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD MSG`, the entry's JSON line as MSG. */
export function syslogMessage(entry: ChainEntry, hostname: string, pid: number): string {
  const host = hostname.replace(/[^\x21-\x7e]/g, '').slice(0, 255) || '-'
  return `<${PRI}>1 ${entry.at} ${host} govshare ${pid} audit - ${entryLine(entry)}`
}

function syslogTarget(host: string, port: number): ForwardTarget {
  const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4')
  // The socket must never keep a finished process alive.
  socket.unref()
  const hostname = os.hostname()
  return {
    async send(entries) {
      await Promise.all(
        entries.map(
          (entry) =>
            new Promise<void>((resolve, reject) => {
              socket.send(syslogMessage(entry, hostname, process.pid), port, host, (error) =>
                error ? reject(error) : resolve(),
              )
            }),
        ),
      )
    },
    async lastSeq() {
      return undefined
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  }
}
