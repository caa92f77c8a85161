/**
 * Wire schemas of the open catalog (decisions §50): CKAN 2.10's action API envelope and
 * dictionaries, field for field as CKAN's API documentation shows them, and the DCAT-AP export.
 */
import { type TSchema, Type } from 'typebox'
import { Nullable } from '../../../shared/schema.js'

const Text = Type.String()
const Flexible = Type.Union([Type.String(), Type.Integer(), Type.Boolean()])

/** Parameters CKAN takes as query strings (GET) or JSON (POST); others are ignored, as CKAN does. */
export const PackageListInput = Type.Object(
  { limit: Type.Optional(Flexible), offset: Type.Optional(Flexible) },
  { additionalProperties: true },
)
export const PackageShowInput = Type.Object({ id: Type.Optional(Flexible) }, { additionalProperties: true })
export const PackageSearchInput = Type.Object(
  {
    q: Type.Optional(Flexible),
    fq: Type.Optional(Flexible),
    rows: Type.Optional(Flexible),
    start: Type.Optional(Flexible),
    sort: Type.Optional(Flexible),
  },
  { additionalProperties: true },
)
export const OrganizationListInput = Type.Object(
  {
    all_fields: Type.Optional(Flexible),
    limit: Type.Optional(Flexible),
    offset: Type.Optional(Flexible),
    sort: Type.Optional(Flexible),
  },
  { additionalProperties: true },
)

export const CkanOrganization = Type.Object({
  id: Text,
  name: Text,
  title: Text,
  type: Type.Literal('organization'),
  description: Text,
  image_url: Text,
  created: Text,
  is_organization: Type.Boolean(),
  approval_status: Text,
  state: Text,
})

export const CkanOrganizationSummary = Type.Object({
  ...CkanOrganization.properties,
  display_name: Text,
  image_display_url: Text,
  package_count: Type.Integer(),
  num_followers: Type.Integer(),
})

export const CkanResource = Type.Object({
  cache_last_updated: Type.Null(),
  cache_url: Type.Null(),
  created: Text,
  datastore_active: Type.Boolean(),
  description: Text,
  format: Text,
  hash: Text,
  id: Text,
  last_modified: Text,
  metadata_modified: Text,
  mimetype: Text,
  mimetype_inner: Type.Null(),
  name: Text,
  package_id: Text,
  position: Type.Integer(),
  resource_type: Text,
  size: Type.Null(),
  state: Text,
  url: Text,
  url_type: Type.Null(),
})

export const CkanTag = Type.Object({
  display_name: Text,
  id: Text,
  name: Text,
  state: Text,
  vocabulary_id: Type.Null(),
})

export const CkanPackage = Type.Object({
  author: Nullable(Text),
  author_email: Nullable(Text),
  creator_user_id: Nullable(Text),
  id: Text,
  isopen: Type.Boolean(),
  license_id: Text,
  license_title: Text,
  maintainer: Nullable(Text),
  maintainer_email: Nullable(Text),
  metadata_created: Text,
  metadata_modified: Text,
  name: Text,
  notes: Text,
  num_resources: Type.Integer(),
  num_tags: Type.Integer(),
  organization: CkanOrganization,
  owner_org: Text,
  private: Type.Boolean(),
  state: Text,
  title: Text,
  type: Type.Literal('dataset'),
  url: Text,
  version: Text,
  extras: Type.Array(Type.Object({ key: Text, value: Text })),
  groups: Type.Array(Type.Unknown()),
  relationships_as_object: Type.Array(Type.Unknown()),
  relationships_as_subject: Type.Array(Type.Unknown()),
  resources: Type.Array(CkanResource),
  tags: Type.Array(CkanTag),
})

export const CkanSearchResult = Type.Object({
  count: Type.Integer(),
  facets: Type.Object({}, { additionalProperties: true }),
  results: Type.Array(CkanPackage),
  search_facets: Type.Object({}, { additionalProperties: true }),
  sort: Text,
})

/** CKAN's reply envelope: `help` (where the action is documented), `success`, `result`. */
export const ckanReply = <T extends TSchema>(result: T) =>
  Type.Object({ help: Text, success: Type.Literal(true), result })

/** CKAN's failure envelope: `__type` names the kind; Validation Error adds `{field: [reason]}`. */
export const CkanFailure = Type.Object({
  help: Text,
  success: Type.Literal(false),
  error: Type.Object(
    { __type: Type.Enum(['Not Found Error', 'Validation Error']), message: Text },
    { additionalProperties: Type.Array(Text) },
  ),
})

/** The DCAT-AP 3 catalog; its datasets are described in decisions §50 and dcat-mapper.ts. */
export const DcatCatalog = Type.Object(
  {
    '@context': Type.Record(Type.String(), Type.String()),
    '@id': Text,
    '@type': Type.Literal('dcat:Catalog'),
    'dcat:dataset': Type.Array(
      Type.Object({ '@id': Text, '@type': Type.Literal('dcat:Dataset') }, { additionalProperties: true }),
    ),
  },
  { additionalProperties: true },
)
