/**
 * IT projects (Art. 36-37): a project pre-compiles its resource catalog before approval and
 * registers it on the platform before acceptance; without that, no approval and no acceptance.
 */
import type { Executor } from '../../../db/database.js'
import { inTransaction } from '../../../db/transaction.js'
import type { Actor } from '../../../shared/actor.js'
import { AppError } from '../../../shared/errors.js'
import { newId } from '../../../shared/ids.js'
import { authorize } from '../../../shared/policy.js'
import { departmentInfo, departmentsInScope } from '../../org/index.js'
import type { CatalogDeps } from '../deps.js'
import * as repo from '../repo.js'
import * as projectRepo from './repo.js'

export interface ProjectView {
  id: string
  name: string
  departmentId: string
  status: string
  approvedAt: string | null
  acceptedAt: string | null
  createdAt: string
  resources: Array<{ id: string; code: string; name: string; status: string; published: boolean }>
}

export function createItProjects(deps: CatalogDeps) {
  const { db, clock, audit } = deps

  async function projectOrThrow(executor: Executor, id: string) {
    const project = await projectRepo.findProject(executor, id)
    if (!project) {
      throw new AppError('CATALOG_PROJECT_NOT_FOUND', { id })
    }
    return project
  }

  async function toView(
    executor: Executor,
    project: NonNullable<Awaited<ReturnType<typeof projectRepo.findProject>>>,
  ) {
    const resources = await projectRepo.projectResources(executor, project.id)
    return {
      id: project.id,
      name: project.name,
      departmentId: project.department_id,
      status: project.status,
      approvedAt: project.approved_at,
      acceptedAt: project.accepted_at,
      createdAt: project.created_at,
      resources: resources.map((r) => ({
        id: r.id,
        code: r.code,
        name: r.name,
        status: r.status,
        published: r.published_version !== null && r.status !== 'withdrawn',
      })),
    }
  }

  /** Resources must be the department's own: a project catalogs what its department will provide. */
  async function assertOwnResources(
    executor: Executor,
    departmentId: string,
    resourceIds: readonly string[],
  ) {
    for (const [index, id] of resourceIds.entries()) {
      const resource = await repo.findResource(executor, id)
      if (!resource || resource.provider_id !== departmentId) {
        throw new AppError('CATALOG_RESOURCE_NOT_FOUND', { field: `resourceIds.${index}`, id })
      }
    }
  }

  /** Registers an IT project of the actor's department with its planned resources (Art. 36). */
  async function createProject(
    actor: Actor,
    body: { name: string; resourceIds: string[] },
  ): Promise<ProjectView> {
    const department = actor.departmentId ? await departmentInfo(db, actor.departmentId) : undefined
    authorize(actor, 'catalog.edit', department?.path)
    const departmentId = department?.id ?? ''
    const resourceIds = [...new Set(body.resourceIds)]
    await assertOwnResources(db, departmentId, resourceIds)
    const row = {
      id: newId(),
      name: body.name.trim(),
      department_id: departmentId,
      status: 'planning',
      approved_at: null,
      accepted_at: null,
      created_at: clock.now().toISOString(),
    }
    return inTransaction(db, async (trx) => {
      await projectRepo.insertProject(trx, row, resourceIds)
      await audit.append(trx, actor, {
        action: 'it_project.create',
        objectType: 'it_project',
        objectId: row.id,
        details: { name: row.name, resourceIds },
      })
      return toView(trx, row)
    })
  }

  /** Replaces the project's planned resources while it is being planned. */
  async function setResources(actor: Actor, id: string, resourceIds: string[]): Promise<ProjectView> {
    const project = await projectOrThrow(db, id)
    authorize(actor, 'catalog.edit', (await departmentInfo(db, project.department_id))?.path)
    if (project.status !== 'planning') {
      throw new AppError('CATALOG_INVALID_STATE', { status: project.status, expected: ['planning'] })
    }
    const unique = [...new Set(resourceIds)]
    await assertOwnResources(db, project.department_id, unique)
    return inTransaction(db, async (trx) => {
      await projectRepo.replaceProjectResources(trx, id, unique)
      await audit.append(trx, actor, {
        action: 'it_project.resources',
        objectType: 'it_project',
        objectId: id,
        details: { resourceIds: unique },
      })
      return toView(trx, project)
    })
  }

  /** Art. 36: approval only with a pre-compiled catalog. Throws CATALOG_PROJECT_NO_CATALOG. */
  async function approveProject(actor: Actor, id: string): Promise<ProjectView> {
    authorize(actor, 'catalog.review')
    return inTransaction(db, async (trx) => {
      const project = await projectOrThrow(trx, id)
      if (project.status !== 'planning') {
        throw new AppError('CATALOG_INVALID_STATE', { status: project.status, expected: ['planning'] })
      }
      if ((await projectRepo.projectResources(trx, id)).length === 0) {
        throw new AppError('CATALOG_PROJECT_NO_CATALOG', { id })
      }
      const now = clock.now().toISOString()
      await projectRepo.updateProject(trx, id, { status: 'approved', approved_at: now })
      await audit.append(trx, actor, { action: 'it_project.approve', objectType: 'it_project', objectId: id })
      return toView(trx, { ...project, status: 'approved', approved_at: now })
    })
  }

  /** Art. 36-37: acceptance only when every planned resource is published. Throws CATALOG_PROJECT_NOT_READY. */
  async function acceptProject(actor: Actor, id: string): Promise<ProjectView> {
    authorize(actor, 'catalog.review')
    return inTransaction(db, async (trx) => {
      const project = await projectOrThrow(trx, id)
      if (project.status !== 'approved') {
        throw new AppError('CATALOG_INVALID_STATE', { status: project.status, expected: ['approved'] })
      }
      const view = await toView(trx, project)
      const unpublished = view.resources.filter((r) => !r.published).map((r) => r.code)
      if (unpublished.length > 0) {
        throw new AppError('CATALOG_PROJECT_NOT_READY', { unpublished })
      }
      const now = clock.now().toISOString()
      await projectRepo.updateProject(trx, id, { status: 'accepted', accepted_at: now })
      await audit.append(trx, actor, { action: 'it_project.accept', objectType: 'it_project', objectId: id })
      return { ...view, status: 'accepted', acceptedAt: now }
    })
  }

  async function listProjects(actor: Actor): Promise<ProjectView[]> {
    const scope = await departmentsInScope(db, actor, 'catalog.read_private')
    const projects = await projectRepo.listProjects(db, scope)
    return Promise.all(projects.map((p) => toView(db, p)))
  }

  async function getProject(actor: Actor, id: string): Promise<ProjectView> {
    const project = await projectOrThrow(db, id)
    const scope = await departmentsInScope(db, actor, 'catalog.read_private')
    if (scope !== undefined && !scope.includes(project.department_id)) {
      throw new AppError('CATALOG_PROJECT_NOT_FOUND', { id })
    }
    return toView(db, project)
  }

  return { createProject, setResources, approveProject, acceptProject, listProjects, getProject }
}

export type ItProjects = ReturnType<typeof createItProjects>
