import { createCatalogAdmin } from './admin.js'
import { createClassTree } from './classes/service.js'
import { createCountyCatalog } from './county/migration.js'
import { createCatalogDeadlines } from './deadlines.js'
import type { CatalogDeps } from './deps.js'
import { createDataElements } from './elements/service.js'
import { createOpenCatalog } from './open/service.js'
import { createItProjects } from './projects/service.js'
import { createCatalogSearch } from './search/service.js'
import { createSearchSynonyms } from './search/synonym-service.js'
import { createCatalogService } from './service.js'
import { createCatalogWorkflow } from './workflow.js'
import { createZoneExport } from './zones/export.js'
import { createZoneImport } from './zones/import.js'

export { catalogApiDocs } from './api-docs.js'
export { catalogClassRoutes } from './classes/routes.js'
export { type CountyCatalog, type CountyResourcePlan, itemsOfInput } from './county/migration.js'
export { type MissedConfirmation, missedAnnualConfirmations } from './deadlines.js'
export type { CatalogListeners, WorkingDays } from './deps.js'
export { catalogElementRoutes } from './elements/routes.js'
export type { DataElements } from './elements/service.js'
export { catalogExcelRoutes } from './excel/routes.js'
export {
  exportCatalogWorkbook,
  type ImportProgress,
  type ImportSummary,
  ITEM_SHEET,
  importCatalogWorkbook,
  type Problem,
  RESOURCE_SHEET,
  readCatalogWorkbook,
  VOCAB,
  writeCatalogRows,
  XLSX_TYPE,
} from './excel/service.js'
export {
  catalogFeedSince,
  type FeedEntry,
  type FeedResource,
  type FeedWithdrawal,
} from './federation-feed.js'
export {
  cachedPublishedResource,
  itemCountsByVersion,
  type OverdueDeadline,
  overdueDeadlines,
  type PublishedItem,
  type PublishedResource,
  publishedResource,
  publishedTotals,
  type ResourceFacts,
  resourceBasics,
  resourceFacts,
  resourceIdsOfProviders,
  resourceNames,
  resourcesMatching,
  type ServingResource,
  servingResources,
} from './lookup.js'
export { openCatalogApiDocs } from './open/api-docs.js'
export { ckanRoutes, openCatalogRoutes } from './open/routes.js'
export type { OpenCatalog } from './open/service.js'
export { itProjectRoutes } from './projects/routes.js'
export type { ItemRow, ResourceRow } from './repo.js'
export { catalogRoutes } from './routes.js'
export type { LeadBody, ResourceInput, ResourceView } from './schema.js'
export { countBareMatches, insertSearchDocuments } from './search/index-writer.js'
export { catalogSearchRoutes } from './search/routes.js'
export { type CatalogSearch, createCatalogSearch, MATCH_CAP } from './search/service.js'
export { listSynonyms as readSearchDictionary } from './search/synonym-repo.js'
export { catalogSynonymRoutes } from './search/synonym-routes.js'
export type { SearchSynonyms } from './search/synonym-service.js'
export { phraseOf } from './search/synonyms.js'
export { type MatchExpr, queryTerms, runLength, textRuns } from './search/text.js'
export { noteResourceUse } from './search/use.js'
export { matchWindow } from './search/window.js'
export { CATALOG_ACCESS_TABLES } from './tables.js'
export { internalCatalogRows } from './zones/check.js'
export type { ExportResult as ZoneExportResult } from './zones/export.js'
export type { ImportCounts as ZoneImportCounts } from './zones/import.js'

/** The catalog module's services, built from one set of dependencies. */
export function createCatalogModule(deps: CatalogDeps) {
  const catalog = createCatalogService(deps)
  return {
    catalog,
    workflow: createCatalogWorkflow(deps, catalog),
    deadlines: createCatalogDeadlines(deps),
    admin: createCatalogAdmin(deps),
    tree: createClassTree(deps),
    projects: createItProjects(deps),
    search: createCatalogSearch({ db: deps.db }),
    synonyms: createSearchSynonyms(deps),
    elements: createDataElements(deps),
    open: createOpenCatalog({ db: deps.db, clock: deps.clock }),
    zoneBundles: { ...createZoneExport(deps), ...createZoneImport(deps) },
    county: createCountyCatalog(deps),
  }
}

export type CatalogModule = ReturnType<typeof createCatalogModule>
