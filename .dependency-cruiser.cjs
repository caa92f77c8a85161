/**
 * Module boundaries (issue 14 item 3, docs/decisions.md §37). A module is a top folder under
 * src/modules; its sub-folders and the tests beside its code belong to it. Run by `npm run lint`.
 */
const MODULE_INDEX = '^src/modules/[^/]+/index\\.ts$'
// The one place that may see every module's table types: the Database type composed from them.
const SCHEMA_COMPOSITION = '^src/db/database\\.ts$'
const TABLE_TYPES = '^src/modules/.+tables\\.ts$'

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'module-through-index',
      comment: "A module uses another only through that module's index.ts (STYLE.md rule 1).",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/([^/]+)/', pathNot: ['^src/modules/$1/', MODULE_INDEX] },
    },
    {
      name: 'outside-through-index',
      comment:
        "app, container, cli, http, seed, test and bench use a module only through its index.ts; scenario tests included, they test what the platform promises.",
      severity: 'error',
      // The portal has its own rule below: it takes schema and vocabulary files, never an index.
      from: { pathNot: ['^src/modules/', SCHEMA_COMPOSITION, '^web/src/'] },
      to: { path: '^src/modules/', pathNot: MODULE_INDEX },
    },
    {
      name: 'table-types-only-to-schema',
      comment: 'src/db/database.ts composes the Database type from the tables.ts types, and nothing else.',
      severity: 'error',
      from: { path: SCHEMA_COMPOSITION },
      to: { path: '^src/modules/', pathNot: TABLE_TYPES },
    },
    {
      name: 'schema-composition-types-only',
      comment: "The Database type's imports of table types must stay type-only: no module code runs from src/db.",
      severity: 'error',
      from: { path: SCHEMA_COMPOSITION },
      to: { path: TABLE_TYPES, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'shared-and-db-below-modules',
      comment: 'src/shared and src/db are used by modules and never use one (but for the Database type above).',
      severity: 'error',
      from: { path: '^src/(shared|db)/', pathNot: SCHEMA_COMPOSITION },
      to: { path: '^src/modules/' },
    },
    {
      name: 'portal-imports-wire-schemas-only',
      comment: 'The portal takes from the server only wire schemas and vocabularies (issue 14 item 1).',
      severity: 'error',
      from: { path: '^web/src/' },
      to: { path: '^src/', pathNot: '(^|/)(schema|vocabulary)\\.ts$' },
    },
    {
      name: 'no-cycle-between-modules',
      comment: 'A cycle that passes through another module couples the two both ways.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { circular: true, via: { path: '^src/modules/(?!$1/)[^/]+/' } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^web/dist/', '\\.tmp\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.d.ts'],
    },
  },
}
