/** The portal's pages, who sees each in the menu, and their lazily loaded components. */
import { type ComponentType, lazy } from 'react'
import type { Role } from '../../../src/shared/schema'
import type { MessageKey } from '../i18n'
import { PasswordPage } from '../pages/PasswordPage'

export interface PageDef {
  path: string
  title: MessageKey
  /** Menu group; pages without one sit at the top level. */
  group?: MessageKey
  /** Who sees it in the menu (and may open it); undefined: everyone signed in. */
  roles?: Role[]
  /** Reached from another page, not listed in the menu. */
  hidden?: boolean
  component: ComponentType<{ params: Record<string, string> }>
}

const page = <K extends string>(
  load: () => Promise<Record<K, ComponentType<{ params: Record<string, string> }>>>,
  name: K,
) => lazy(async () => ({ default: (await load())[name] }))

const BUREAU: Role[] = ['bureau_reviewer', 'platform_admin']

export const PAGES: PageDef[] = [
  { path: '/', title: 'menu.home', component: page(() => import('../pages/HomePage'), 'HomePage') },
  {
    path: '/catalog',
    title: 'menu.sharedCatalog',
    component: page(() => import('../pages/SharedCatalogPage'), 'SharedCatalogPage'),
  },
  {
    path: '/my-catalog',
    title: 'menu.myCatalog',
    roles: ['cataloger'],
    component: page(() => import('../pages/MyCatalogPage'), 'MyCatalogPage'),
  },
  {
    path: '/my-catalog/new',
    title: 'catalog.new',
    roles: ['cataloger'],
    hidden: true,
    component: page(() => import('../pages/ResourceEditPage'), 'ResourceEditPage'),
  },
  {
    path: '/my-catalog/:id/edit',
    title: 'catalog.edit',
    roles: ['cataloger'],
    hidden: true,
    component: page(() => import('../pages/ResourceEditPage'), 'ResourceEditPage'),
  },
  {
    path: '/requests',
    title: 'menu.requests',
    roles: ['consumer', 'approver', 'dept_admin'],
    component: page(() => import('../pages/RequestsPage'), 'RequestsPage'),
  },
  {
    path: '/data',
    title: 'menu.data',
    roles: ['consumer'],
    component: page(() => import('../pages/DataPage'), 'DataPage'),
  },
  {
    path: '/provider-data',
    title: 'menu.providerData',
    roles: ['cataloger'],
    component: page(() => import('../pages/ProviderDataPage'), 'ProviderDataPage'),
  },
  {
    path: '/province',
    title: 'menu.provinceCatalog',
    roles: ['consumer'],
    component: page(() => import('../pages/ProvincePage'), 'ProvincePage'),
  },
  {
    path: '/objections',
    title: 'menu.objections',
    roles: ['consumer', 'approver', 'cataloger'],
    component: page(() => import('../pages/ObjectionsPage'), 'ObjectionsPage'),
  },
  {
    path: '/review',
    title: 'menu.review',
    group: 'menu.bureau',
    roles: ['bureau_reviewer'],
    component: page(() => import('../pages/ReviewQueuePage'), 'ReviewQueuePage'),
  },
  {
    path: '/disputes',
    title: 'menu.disputes',
    group: 'menu.bureau',
    roles: ['bureau_reviewer'],
    component: page(() => import('../pages/DisputesPage'), 'DisputesPage'),
  },
  {
    path: '/deadlines',
    title: 'menu.deadlines',
    roles: [...BUREAU, 'auditor', 'dept_admin', 'cataloger'],
    component: page(() => import('../pages/DeadlinesPage'), 'DeadlinesPage'),
  },
  {
    path: '/admin/classes',
    title: 'menu.classes',
    group: 'menu.bureau',
    roles: BUREAU,
    component: page(() => import('../pages/ClassTreePage'), 'ClassTreePage'),
  },
  {
    path: '/admin/org',
    title: 'menu.org',
    group: 'menu.bureau',
    roles: ['platform_admin', 'dept_admin'],
    component: page(() => import('../pages/OrgAdminPage'), 'OrgAdminPage'),
  },
  {
    path: '/admin/federation',
    title: 'menu.federation',
    group: 'menu.bureau',
    // federation.administer (docs/roles.md): the system administrator alone.
    roles: ['platform_admin'],
    component: page(() => import('../pages/FederationPage'), 'FederationPage'),
  },
  {
    path: '/admin/calendar',
    title: 'menu.calendar',
    group: 'menu.bureau',
    roles: ['platform_admin'],
    component: page(() => import('../pages/CalendarPage'), 'CalendarPage'),
  },
  {
    path: '/admin/county-migration',
    title: 'menu.countyMigration',
    group: 'menu.bureau',
    roles: ['platform_admin'],
    component: page(() => import('../pages/CountyMigrationPage'), 'CountyMigrationPage'),
  },
  {
    path: '/admin/synonyms',
    title: 'menu.synonyms',
    group: 'menu.bureau',
    roles: BUREAU,
    component: page(() => import('../pages/SynonymsPage'), 'SynonymsPage'),
  },
  {
    path: '/stats',
    title: 'menu.stats',
    component: page(() => import('../pages/StatsPage'), 'StatsPage'),
  },
  {
    path: '/evaluation',
    title: 'menu.evaluation',
    roles: [...BUREAU, 'auditor', 'dept_admin'],
    component: page(() => import('../pages/EvaluationPage'), 'EvaluationPage'),
  },
  {
    path: '/oversight/notices',
    title: 'menu.notices',
    roles: [...BUREAU, 'auditor', 'dept_admin'],
    component: page(() => import('../pages/NoticesPage'), 'NoticesPage'),
  },
  {
    path: '/reports/annual',
    title: 'menu.annualReports',
    roles: ['bureau_reviewer', 'dept_admin'],
    component: page(() => import('../pages/AnnualReportsPage'), 'AnnualReportsPage'),
  },
  {
    path: '/oversight/incidents',
    title: 'menu.incidents',
    roles: [...BUREAU, 'auditor', 'security_officer'],
    component: page(() => import('../pages/IncidentsPage'), 'IncidentsPage'),
  },
  {
    path: '/account/password',
    title: 'account.changePassword',
    hidden: true,
    // Already in the first bundle: the forced first-sign-in change uses it before the shell.
    component: PasswordPage,
  },
  {
    path: '/audit',
    title: 'menu.audit',
    roles: ['auditor'],
    component: page(() => import('../pages/AuditPage'), 'AuditPage'),
  },
]

export function visiblePages(hasRole: (...roles: Role[]) => boolean): PageDef[] {
  return PAGES.filter((p) => p.roles === undefined || hasRole(...p.roles))
}
