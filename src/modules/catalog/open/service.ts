/**
 * The open catalog (Art. 23: the bureau sets exchange standards): the open part of the catalog
 * read by anyone, as CKAN's action API answers and as DCAT-AP 3 (decisions §50). Read-only, so it
 * writes no audit entry; it never reaches past `openPart` in repo.ts.
 */
import type { Db, Executor } from '../../../db/database.js'
import type { Clock } from '../../../shared/clock.js'
import { AppError } from '../../../shared/errors.js'
import { BUREAU_CODE, BUREAU_NAME, departmentCards } from '../../org/index.js'
import { matchingAmong } from '../search/index-writer.js'
import { synonymsFor } from '../search/synonym-repo.js'
import { alternativesOf, expandedMatch } from '../search/synonyms.js'
import { queryTerms, runLength, textRuns } from '../search/text.js'
import { type CkanPackage, toCkanOrganizationSummary, toCkanPackage } from './ckan-mapper.js'
import { type CkanInput, organizationListOf, packageIdOf, pagingOf, searchParamsOf } from './ckan-params.js'
import {
  codeOfSlug,
  type OpenDataset,
  type OpenLinks,
  type OpenProvider,
  organizationNameOf,
  slugOf,
  toOpenDataset,
} from './dataset.js'
import { toDcatCatalog } from './dcat-mapper.js'
import * as repo from './repo.js'

/** Rows read per query when the whole open part is listed (DCAT export, package_list). */
const BATCH = 1000

export type OpenCatalog = ReturnType<typeof createOpenCatalog>

export function createOpenCatalog(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps

  async function datasetsOf(
    executor: Executor,
    rows: readonly repo.OpenResourceRow[],
  ): Promise<OpenDataset[]> {
    const ids = rows.map((row) => row.id)
    const [cards, issued, items] = await Promise.all([
      departmentCards(
        executor,
        rows.map((row) => row.provider_id),
      ),
      repo.firstPublished(executor, ids),
      repo.publishedItemNames(executor, ids),
    ])
    const providers = new Map(cards.map((card) => [card.id, card]))
    return rows.map((row) =>
      toOpenDataset(row, {
        provider: providers.get(row.provider_id) ?? {
          id: row.provider_id,
          code: '',
          name: '',
          createdAt: row.created_at,
        },
        issued: issued.get(row.id),
        itemNames: items.get(row.id) ?? [],
      }),
    )
  }

  /** Every open resource, in pages of BATCH, oldest code first. */
  async function allOpen(order: repo.OpenOrder): Promise<repo.OpenResourceRow[]> {
    const rows: repo.OpenResourceRow[] = []
    for (let offset = 0; ; offset += BATCH) {
      const page = await repo.openResources(db, {}, { order, limit: BATCH, offset })
      rows.push(...page)
      if (page.length < BATCH) {
        return rows
      }
    }
  }

  /** The departments that provide open resources, with their counts. */
  async function providers(): Promise<Array<{ provider: OpenProvider; count: number }>> {
    const counts = await repo.openProviders(db)
    const cards = new Map(
      (
        await departmentCards(
          db,
          counts.map((c) => c.providerId),
        )
      ).map((card) => [card.id, card]),
    )
    return counts.flatMap(({ providerId, count }) => {
      const provider = cards.get(providerId)
      return provider ? [{ provider, count }] : []
    })
  }

  /** The resources the text matches, as the sharing catalog's search matches it; undefined: no text. */
  async function matching(q: string | undefined): Promise<string[] | undefined> {
    const terms = queryTerms(q)
    if (terms.phrases.length === 0 && terms.singles.length === 0) {
      return undefined
    }
    const longRuns = textRuns(q ?? '').filter((run) => runLength(run) >= 2)
    const docs = await repo.openDocuments(db, terms.singles)
    if (terms.phrases.length === 0) {
      return docs.map((doc) => doc.resourceId)
    }
    const runs = alternativesOf(longRuns, await synonymsFor(db, longRuns))
    const matched = new Set(
      await matchingAmong(
        db,
        expandedMatch(runs, false),
        docs.map((doc) => doc.docId),
      ),
    )
    return docs.filter((doc) => matched.has(doc.docId)).map((doc) => doc.resourceId)
  }

  /** CKAN package_list: the names of the open datasets, by name. */
  async function packageList(input: CkanInput): Promise<string[]> {
    const { limit, offset } = pagingOf(input)
    const rows =
      limit === undefined
        ? (await allOpen('name_asc')).slice(offset)
        : await repo.openResources(db, {}, { order: 'name_asc', limit, offset })
    return rows.map((row) => slugOf(row.code))
  }

  /** CKAN package_show by id or name. Throws CATALOG_RESOURCE_NOT_FOUND for anything not open. */
  async function packageShow(input: CkanInput, links: OpenLinks): Promise<CkanPackage> {
    const id = packageIdOf(input)
    const page = { order: 'name_asc' as const, limit: 1, offset: 0 }
    let rows = await repo.openResources(db, { idOrCode: id }, page)
    if (rows.length === 0) {
      rows = await repo.openResources(db, { idOrCode: codeOfSlug(id) }, page)
    }
    const [dataset] = await datasetsOf(db, rows)
    if (!dataset) {
      throw new AppError('CATALOG_RESOURCE_NOT_FOUND', { id })
    }
    return toCkanPackage(dataset, links)
  }

  /** CKAN package_search over the open part: q, fq (organization, metadata_modified), rows, start, sort. */
  async function packageSearch(input: CkanInput, links: OpenLinks) {
    const params = searchParamsOf(input)
    const filter: repo.OpenFilter = {
      resourceIds: await matching(params.q),
      modifiedFrom: params.modifiedFrom,
      modifiedTo: params.modifiedTo,
    }
    if (params.organizations.length > 0) {
      const wanted = new Set(params.organizations)
      filter.providerIds = (await providers())
        .filter(({ provider }) => wanted.has(organizationNameOf(provider)) || wanted.has(provider.id))
        .map(({ provider }) => provider.id)
    }
    const [count, rows] = await Promise.all([
      repo.countOpen(db, filter),
      params.rows === 0
        ? Promise.resolve([])
        : repo.openResources(db, filter, { order: params.order, limit: params.rows, offset: params.start }),
    ])
    const datasets = await datasetsOf(db, rows)
    return {
      count,
      facets: {},
      results: datasets.map((dataset) => toCkanPackage(dataset, links)),
      search_facets: {},
      sort: params.sort,
    }
  }

  /** CKAN organization_list: the departments providing open resources, names or dicts. */
  async function organizationList(input: CkanInput) {
    const params = organizationListOf(input)
    const [key, direction] = params.sort.split(' ')
    const sorted = (await providers()).sort((a, b) => {
      const [x, y] =
        key === 'title'
          ? [a.provider.name, b.provider.name]
          : [organizationNameOf(a.provider), organizationNameOf(b.provider)]
      return (x < y ? -1 : x > y ? 1 : 0) * (direction === 'desc' ? -1 : 1)
    })
    const page = sorted.slice(
      params.offset,
      params.limit === undefined ? undefined : params.offset + params.limit,
    )
    return params.allFields
      ? page.map(({ provider, count }) => toCkanOrganizationSummary(provider, count))
      : page.map(({ provider }) => organizationNameOf(provider))
  }

  /** The open part as one DCAT-AP 3 catalog in JSON-LD. */
  async function dcatCatalog(links: OpenLinks) {
    const rows = await allOpen('modified_desc')
    const datasets = []
    for (let at = 0; at < rows.length; at += BATCH) {
      datasets.push(...(await datasetsOf(db, rows.slice(at, at + BATCH))))
    }
    return toDcatCatalog(
      datasets,
      {
        publisher: { name: BUREAU_NAME, code: BUREAU_CODE },
        modified: datasets[0]?.modified ?? clock.now().toISOString(),
      },
      links,
    )
  }

  return { packageList, packageShow, packageSearch, organizationList, dcatCatalog }
}
