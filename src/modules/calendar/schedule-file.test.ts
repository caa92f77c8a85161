import { describe, expect, it } from 'vitest'
import { parseScheduleFile } from './schedule-file.js'

describe('parseScheduleFile', () => {
  it('reads the JSON form', () => {
    const text = JSON.stringify({
      year: 2027,
      entries: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-06', kind: 'workday' },
      ],
    })
    expect(parseScheduleFile(text)).toEqual({
      year: 2027,
      entries: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-06', kind: 'workday', name: null },
      ],
    })
  })

  it('reads CSV with a BOM, a header, comments and a quoted name with a comma', () => {
    const text =
      '\uFEFFdate,kind,name\n# 2027 年安排\n\n2027-01-01,holiday,元旦\r\n2027-10-09,workday,"国庆节, 中秋节"\n'
    expect(parseScheduleFile(text)).toEqual({
      year: 2027,
      entries: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-10-09', kind: 'workday', name: '国庆节, 中秋节' },
      ],
    })
  })

  it('names the line or entry that is wrong', () => {
    const problem = (text: string) => {
      try {
        parseScheduleFile(text)
      } catch (error) {
        return error
      }
      return undefined
    }
    expect(problem('2027-01-01,holiday,元旦\n2027-01-32,holiday,x')).toMatchObject({
      code: 'CALENDAR_INVALID_FILE',
      details: { where: 'line 2' },
    })
    expect(problem('2027-01-01,holiday,元旦\n2028-01-01,holiday,元旦')).toMatchObject({
      details: { where: 'line 2', problem: expect.stringContaining('not in 2027') },
    })
    expect(problem('2027-01-01,off,元旦')).toMatchObject({ details: { where: 'line 1' } })
    expect(problem('{"year":2027,"entries":[{"date":"2027-01-01"}]}')).toMatchObject({
      details: { where: 'entries[0]' },
    })
    expect(problem('{"year":2027')).toMatchObject({
      code: 'CALENDAR_INVALID_FILE',
      details: { where: 'file' },
    })
    expect(problem('# nothing\n')).toMatchObject({ details: { problem: 'no entries' } })
  })
})
