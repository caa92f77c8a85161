/** The CSV reader of bulk data files: UTF-8 text, RFC 4180 records, memory flat whatever the size. */
import { AppError, isAppError } from '../../../shared/errors.js'
import { type SheetRow, unreadable } from './file-rows.js'

const COMMA = 44
const QUOTE = 34
const CR = 13
const LF = 10

/**
 * RFC 4180 records from text chunks: quoted fields may hold commas, doubled quotes and line
 * breaks; CRLF, LF or CR end a record; a leading BOM is dropped. A quote inside an unquoted field
 * is kept as text (as Excel does). Row numbers are the physical line each record starts on.
 */
export async function* parseCsv(chunks: AsyncIterable<string>): AsyncGenerator<SheetRow, void> {
  const splitter = csvSplitter()
  for await (const chunk of chunks) {
    yield* splitter.push(chunk)
  }
  yield* splitter.end()
}

type CsvState = 'start' | 'plain' | 'quoted' | 'quote' | 'junk'

/** The RFC 4180 state machine: text in by chunks (split anywhere), whole records out. */
function csvSplitter() {
  // start: at a field's start; plain: unquoted field; quoted: inside quotes; quote: a quote seen
  // inside quotes (closing, or the first of a pair); junk: skipping the rest of a broken record.
  let state: CsvState = 'start'
  let fields: string[] = []
  let field = ''
  let line = 1
  let recordLine = 1
  let problem: string | undefined
  let skipLf = false
  let atFileStart = true

  const record = (): SheetRow =>
    problem === undefined ? { row: recordLine, cells: fields } : { row: recordLine, cells: fields, problem }

  function push(chunk: string): SheetRow[] {
    const text = atFileStart && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk
    atFileStart = atFileStart && text.length === 0
    const done: SheetRow[] = []
    let from = 0
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (skipLf) {
        skipLf = false
        if (c === LF) {
          continue
        }
      }
      if (state === 'quoted') {
        if (c === QUOTE) {
          field += text.slice(from, i)
          state = 'quote'
        } else if (c === LF) {
          line += 1
        }
      } else if (c === CR || c === LF) {
        if (state !== 'junk') {
          fields.push(state === 'plain' ? field + text.slice(from, i) : field)
        }
        done.push(record())
        line += 1
        skipLf = c === CR
        recordLine = line
        fields = []
        field = ''
        problem = undefined
        state = 'start'
      } else if (state === 'quote') {
        if (c === QUOTE) {
          field += '"'
          from = i + 1
          state = 'quoted'
        } else if (c === COMMA) {
          fields.push(field)
          field = ''
          state = 'start'
        } else {
          problem = 'text after the closing quote of a field'
          state = 'junk'
        }
      } else if (state === 'junk') {
        // The rest of a broken record up to its line end is dropped; the record is reported.
      } else if (c === COMMA) {
        fields.push(state === 'plain' ? field + text.slice(from, i) : field)
        field = ''
        state = 'start'
      } else if (state === 'start') {
        from = c === QUOTE ? i + 1 : i
        state = c === QUOTE ? 'quoted' : 'plain'
      }
    }
    if (state === 'plain' || state === 'quoted') {
      field += text.slice(from)
    }
    return done
  }

  function end(): SheetRow[] {
    if (state === 'quoted') {
      problem = 'a quoted field is not closed (a " is missing)'
    }
    if (state === 'start' && fields.length === 0) {
      return []
    }
    if (state !== 'junk') {
      fields.push(field)
    }
    return [record()]
  }

  return { push, end }
}

/** UTF-8 text from bytes; anything else (a GB18030 export, say) is EXCHANGE_FILE_UNREADABLE. */
export async function* decodeUtf8(input: AsyncIterable<Buffer>): AsyncGenerator<string, void> {
  // fatal: a wrong encoding stops the import instead of storing U+FFFD in every name.
  const decoder = new TextDecoder('utf-8', { fatal: true })
  const decode = (chunk?: Buffer): string => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode()
    } catch {
      throw new AppError('EXCHANGE_FILE_UNREADABLE', {
        reason: 'not UTF-8 text: save the file as "CSV UTF-8" and try again',
      })
    }
  }
  try {
    for await (const chunk of input) {
      yield decode(chunk)
    }
    yield decode()
  } catch (error) {
    throw isAppError(error) ? error : unreadable(error)
  }
}
