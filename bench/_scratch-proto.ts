import SqliteDatabase from 'better-sqlite3'
import pg from 'pg'
import { runTokens, textRuns } from '../src/modules/catalog/text.js'
import * as W from './_scratch-words.js'

const N = Number(process.argv[2] ?? 100000)
let seed = 42
const rnd = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff }
const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!
const zipf = <T>(a: readonly T[]) => a[Math.floor(a.length * rnd() ** 2)]!

function field(parts: string[]): string {
  const out: string[] = []
  for (const part of parts) for (const run of textRuns(part)) { if (out.length) out.push('·'); out.push(...runTokens(run)) }
  return out.join(' ')
}
interface Doc { id: number; name: string; summary: string; items: string[]; provider: number; share: number; cat: number; fmt: number; cyc: number; zone: number; pub: string }
const docs: Doc[] = []
let t = performance.now()
for (let i = 0; i < N; i++) {
  const dept = pick(W.DEPARTMENTS); const subj = zipf(W.SUBJECTS)
  const items = new Set<string>(); while (items.size < 10) items.add(zipf(W.ITEMS))
  const it = [...items]
  docs.push({ id: i + 1, name: `市${dept}${subj}${pick(W.SUFFIXES)}`, summary: `记录全市${subj}${pick(W.ASPECTS)}，包括${it[0]}、${it[1]}、${it[2]}等，用于${pick(W.PURPOSES)}。`, items: it,
    provider: Math.floor(rnd() * 60), share: rnd() < 0.6 ? 0 : rnd() < 0.75 ? 1 : 2, cat: Math.floor(rnd() * 3), fmt: Math.floor(rnd() * 7), cyc: Math.floor(rnd() * 8), zone: rnd() < 0.8 ? 0 : 1,
    pub: new Date(1.7e12 + i * 60000).toISOString() })
}
console.log('gen', performance.now() - t)
const qs = (len: number, n: number) => { const out: string[] = []; while (out.length < n) { const d = pick(docs); const f = pick([d.name, d.summary, pick(d.items)]); const runs = textRuns(f).filter(r => r.length >= len); if (!runs.length) continue; const r = pick(runs); const s = Math.floor(rnd() * (r.length - len + 1)); out.push(r.slice(s, s + len)) } return out }
const Q = { 2: qs(2, 200), 3: qs(3, 200), 4: qs(4, 200) }
const stats = (a: number[]) => { a.sort((x, y) => x - y); return `p50 ${a[Math.floor(a.length * 0.5)]!.toFixed(2)} p99 ${a[Math.floor(a.length * 0.99)]!.toFixed(2)} max ${a.at(-1)!.toFixed(2)}` }
const phrase = (q: string) => `"${runTokens(q).join(' ')}"`

if (process.argv[3] !== 'pg') {
  const db = new SqliteDatabase('/tmp/proto/s.db'); db.pragma('journal_mode = WAL')
  db.exec(`drop table if exists docs; drop table if exists fts;
  create table docs (doc_id integer primary key, provider integer, share integer, cat integer, fmt integer, cyc integer, zone integer, pub text);
  create virtual table fts using fts5(name, summary, items, tokenize='ascii', content='', contentless_delete=1)`)
  t = performance.now()
  const i1 = db.prepare('insert into docs values (?,?,?,?,?,?,?,?)'); const i2 = db.prepare('insert into fts(rowid,name,summary,items) values (?,?,?,?)')
  db.transaction(() => { for (const d of docs) { i1.run(d.id, d.provider, d.share, d.cat, d.fmt, d.cyc, d.zone, d.pub); i2.run(d.id, field([d.name]), field([d.summary]), field(d.items)) } })()
  db.exec(`insert into fts(fts) values('optimize')`)
  console.log('sqlite insert', performance.now() - t)
  const bare = db.prepare('select count(*) n from fts where fts match ?')
  const join = db.prepare('select count(*) n from fts join docs d on d.doc_id = fts.rowid where fts match ? and (d.share != 2 or d.provider in (1,2))')
  const grp = db.prepare('select provider, share, cat, fmt, cyc, zone, count(*) n from fts join docs d on d.doc_id = fts.rowid where fts match ? and (d.share != 2 or d.provider in (1,2)) group by 1,2,3,4,5,6')
  const page = db.prepare(`select d.doc_id from fts join docs d on d.doc_id = fts.rowid where fts match ? and (d.share != 2 or d.provider in (1,2)) order by d.pub desc limit 20`)
  for (const len of [2, 3, 4] as const) {
    const tb: number[] = [], tj: number[] = [], tg: number[] = [], tp: number[] = []; let maxn = 0, sumn = 0
    for (const q of Q[len]) {
      let s = performance.now(); const n = (bare.get(phrase(q)) as any).n; tb.push(performance.now() - s); maxn = Math.max(maxn, n); sumn += n
      s = performance.now(); join.get(phrase(q)); tj.push(performance.now() - s)
      s = performance.now(); grp.all(phrase(q)); tg.push(performance.now() - s)
      s = performance.now(); page.all(phrase(q)); tp.push(performance.now() - s)
    }
    console.log(`sqlite len ${len} matches avg ${(sumn / 200).toFixed(0)} max ${maxn}\n bare ${stats(tb)}\n join ${stats(tj)}\n group ${stats(tg)}\n page ${stats(tp)}`)
  }
} else {
  const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/test', options: '-c search_path=proto' })
  await pool.query('create schema if not exists proto')
  const lit = (fields: string[][]) => { // tsvector literal with positions, gaps between runs, name weight A
    const pos = new Map<string, string[]>(); let p = 0
    fields.forEach((parts, fi) => { for (const part of parts) for (const run of textRuns(part)) { p++; for (const tok of runTokens(run)) { p++; const l = pos.get(tok) ?? []; l.push(`${Math.min(p, 16383)}${fi === 0 ? 'A' : ''}`); pos.set(tok, l) } } })
    return [...pos].map(([k, v]) => `'${k}':${v.slice(0, 256).join(',')}`).join(' ')
  }
  await pool.query(`drop table if exists docs; create table docs (doc_id bigint primary key, provider int, share int, cat int, fmt int, cyc int, zone int, pub text, vec tsvector)`)
  t = performance.now()
  for (let i = 0; i < docs.length; i += 1000) {
    const chunk = docs.slice(i, i + 1000)
    const vals: unknown[] = []; const rows: string[] = []
    chunk.forEach((d, j) => { const b = j * 9; rows.push(`($${b + 1},$${b + 2},$${b + 3},$${b + 4},$${b + 5},$${b + 6},$${b + 7},$${b + 8},$${b + 9}::tsvector)`); vals.push(d.id, d.provider, d.share, d.cat, d.fmt, d.cyc, d.zone, d.pub, lit([[d.name], [d.summary], d.items])) })
    await pool.query(`insert into docs values ${rows.join(',')}`, vals)
  }
  console.log('pg insert', performance.now() - t); t = performance.now()
  await pool.query('create index docs_vec on docs using gin (vec)'); await pool.query('vacuum analyze docs')
  console.log('pg index', performance.now() - t)
  const tsq = (q: string) => runTokens(q).map(x => `'${x}'`).join(' <-> ')
  for (const len of [2, 3, 4] as const) {
    const tb: number[] = [], tg: number[] = [], tp: number[] = []; let sumn = 0, maxn = 0
    for (const q of Q[len]) {
      let s = performance.now(); const r = await pool.query('select count(*)::int n from docs where vec @@ $1::tsquery', [tsq(q)]); tb.push(performance.now() - s); sumn += r.rows[0].n; maxn = Math.max(maxn, r.rows[0].n)
      s = performance.now(); await pool.query('select provider, share, cat, fmt, cyc, zone, count(*) from docs where vec @@ $1::tsquery and (share != 2 or provider in (1,2)) group by 1,2,3,4,5,6', [tsq(q)]); tg.push(performance.now() - s)
      s = performance.now(); await pool.query('select doc_id from docs where vec @@ $1::tsquery and (share != 2 or provider in (1,2)) order by pub desc limit 20', [tsq(q)]); tp.push(performance.now() - s)
    }
    console.log(`pg len ${len} matches avg ${(sumn / 200).toFixed(0)} max ${maxn}\n bare ${stats(tb)}\n group ${stats(tg)}\n page ${stats(tp)}`)
  }
  await pool.end()
}
