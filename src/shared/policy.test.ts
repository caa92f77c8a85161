import { describe, expect, it } from 'vitest'
import { type Actor, ROLES, type Role } from './actor.js'
import { type Action, can } from './policy.js'

// A county (/c/) with a township under it (/c/t/), a sibling county (/s/) and a city department (/m/).
function actor(roles: Role[], path = '/c/', level = 'county'): Actor {
  return {
    kind: 'user',
    id: 'u',
    name: 'u',
    departmentId: 'x',
    departmentPath: path,
    departmentLevel: level,
    roles,
  }
}

describe('policy: role × action × department scope (Art. 4, 28-29)', () => {
  it('lets a county dept_admin manage its subtree and nothing outside it', () => {
    const countyAdmin = actor(['dept_admin'])
    expect(can(countyAdmin, 'user.create', '/c/')).toBe(true)
    expect(can(countyAdmin, 'user.create', '/c/t/')).toBe(true)
    expect(can(countyAdmin, 'user.create', '/s/')).toBe(false)
    expect(can(countyAdmin, 'user.create', '/m/')).toBe(false)
    expect(can(countyAdmin, 'department.create')).toBe(false)
  })

  it('keeps a city dept_admin to its own department', () => {
    const cityAdmin = actor(['dept_admin'], '/m/', 'city')
    expect(can(cityAdmin, 'user.create', '/m/')).toBe(true)
    expect(can(cityAdmin, 'user.create', '/m/sub/')).toBe(false)
  })

  it('refuses a cataloger user management even in its own department', () => {
    expect(can(actor(['cataloger'], '/m/', 'city'), 'user.create', '/m/')).toBe(false)
  })

  it('lets platform_admin manage every department, and only auditors read the log (issue 13)', () => {
    const admin = actor(['platform_admin'], '/b/', 'city')
    for (const action of [
      'department.create',
      'user.create',
      'client.create',
      'calendar.manage',
    ] as Action[]) {
      expect(can(admin, action, '/anything/')).toBe(true)
    }
    for (const role of ROLES) {
      expect(can(actor([role]), 'audit.read')).toBe(role === 'auditor')
    }
  })

  it('gives an actor without a department no scope at all', () => {
    const homeless: Actor = { ...actor(['dept_admin']), departmentPath: null }
    expect(can(homeless, 'user.create', '/c/')).toBe(false)
  })
})
