export { ALIASES, type CountyExport } from './format.js'
export { ACTIONS, type Counts, ENTITIES, type Refusal } from './plan.js'
export { readCountyExport } from './read.js'
export {
  type CountyDeps,
  type CountyMigration,
  createCountyMigration,
  type MigrationReport,
  type RunOptions,
} from './service.js'
