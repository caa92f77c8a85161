export { countyApiDocs } from './api-docs.js'
export { ALIASES, type CountyExport } from './format.js'
export { type CountyImports, createCountyImports } from './imports.js'
export { ACTIONS, type Counts, ENTITIES, type Refusal } from './plan.js'
export { readCountyExport, readCountyUpload } from './read.js'
export { countyRoutes } from './routes.js'
export {
  type CountyDeps,
  type CountyMigration,
  createCountyMigration,
  type MigrationReport,
  type RunOptions,
} from './service.js'
