import { describe, expect, it } from 'vitest'
import { maskValue } from './masking.js'

describe('masking (API contract)', () => {
  it('keeps exactly the characters the contract names', () => {
    expect(maskValue('530102199001011234', 'id_number')).toBe('530102********1234')
    expect(maskValue('13812345678', 'phone')).toBe('138****5678')
    expect(maskValue('6222021234567890123', 'bank_card')).toBe('622202*********0123')
    expect(maskValue('欧阳明月', 'name')).toBe('欧***')
    expect(maskValue('zhang.san@example.gov.cn', 'email')).toBe('z********@example.gov.cn')
    expect(maskValue('云南省昆明市五华区华山街道12号', 'address')).toBe('云南省昆明市**********')
    expect(maskValue('A型血', 'other_personal')).toBe('***')
    expect(maskValue('男', 'none')).toBe('男')
  })

  it('masks a value too short to hide anything whole', () => {
    expect(maskValue('张', 'name')).toBe('*')
    expect(maskValue('1234567', 'phone')).toBe('*******')
    expect(maskValue('noat', 'email')).toBe('****')
  })
})
