/**
 * The open catalog as DCAT-AP 3 in JSON-LD (Art. 23; decisions §50). Pure. Every term is a prefix
 * of the inline `@context` (the DCAT-AP 3 namespaces), so the document expands without fetching.
 */

import type { Theme, UpdateCycle } from '../vocabulary.js'
import { datasetUrl, type OpenDataset, type OpenLinks, recordsUrl } from './dataset.js'

export const DCAT_CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  adms: 'http://www.w3.org/ns/adms#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const

const EU = 'http://publications.europa.eu/resource/authority'

/** The update cycle in the EU frequency vocabulary (DCAT-AP's for dct:accrualPeriodicity). */
export const FREQUENCY: Record<UpdateCycle, string> = {
  realtime: `${EU}/frequency/UPDATE_CONT`,
  daily: `${EU}/frequency/DAILY`,
  weekly: `${EU}/frequency/WEEKLY`,
  monthly: `${EU}/frequency/MONTHLY`,
  quarterly: `${EU}/frequency/QUARTERLY`,
  semiannual: `${EU}/frequency/BIANNUAL`,
  yearly: `${EU}/frequency/ANNUAL`,
  other: `${EU}/frequency/OTHER`,
}

/** Art. 11 topics in the EU data-theme vocabulary; department resources are GOVE. */
export const DATA_THEME: Record<Theme | 'none', string> = {
  population: `${EU}/data-theme/SOCI`,
  legal_entity: `${EU}/data-theme/ECON`,
  natural_resources: `${EU}/data-theme/ENVI`,
  social_credit: `${EU}/data-theme/ECON`,
  e_licence: `${EU}/data-theme/GOVE`,
  health: `${EU}/data-theme/HEAL`,
  social_security: `${EU}/data-theme/SOCI`,
  food_drug: `${EU}/data-theme/HEAL`,
  work_safety: `${EU}/data-theme/ECON`,
  prices: `${EU}/data-theme/ECON`,
  energy: `${EU}/data-theme/ENER`,
  urban_construction: `${EU}/data-theme/REGI`,
  community: `${EU}/data-theme/SOCI`,
  ecology: `${EU}/data-theme/ENVI`,
  emergency: `${EU}/data-theme/JUST`,
  none: `${EU}/data-theme/GOVE`,
}

export interface CatalogFacts {
  publisher: { name: string; code: string }
  /** The newest publication among the datasets (or now, when there are none). */
  modified: string
}

const zh = (value: string) => ({ '@value': value, '@language': 'zh-CN' })
const en = (value: string) => ({ '@value': value, '@language': 'en' })
const dateTime = (iso: string) => ({ '@value': iso, '@type': 'xsd:dateTime' })
const ref = (iri: string) => ({ '@id': iri })

export function toDcatCatalog(datasets: readonly OpenDataset[], facts: CatalogFacts, links: OpenLinks) {
  return {
    '@context': DCAT_CONTEXT,
    '@id': `${links.base}/api/v1/catalog/open/dcat`,
    '@type': 'dcat:Catalog' as const,
    'dct:title': [zh(`${facts.publisher.name}政务数据开放目录`), en('Open government data catalog')],
    'dct:description': [
      zh(
        '共享平台目录中无条件开放和有条件开放的政务信息资源（《昆明市政务信息资源共享管理办法》第二十三条）',
      ),
      en('The open and conditionally open resources of the government data-sharing catalog (Art. 23)'),
    ],
    'dct:publisher': agent(facts.publisher),
    'foaf:homepage': ref(`${links.base}/`),
    'dct:language': ref(`${EU}/language/ZHO`),
    'dct:modified': dateTime(facts.modified),
    'dcat:dataset': datasets.map((dataset) => toDcatDataset(dataset, links)),
  }
}

function agent(who: { name: string; code: string }) {
  return {
    '@type': 'foaf:Agent',
    'foaf:name': zh(who.name),
    'dct:identifier': who.code,
    'dct:type': ref('http://purl.org/adms/publishertype/LocalAuthority'),
  }
}

export function toDcatDataset(dataset: OpenDataset, links: OpenLinks) {
  const restricted = dataset.openType === 'conditional'
  return {
    '@id': datasetUrl(links, dataset),
    '@type': 'dcat:Dataset' as const,
    'dct:identifier': dataset.code,
    'dct:title': zh(dataset.title),
    'dct:description': zh(dataset.summary),
    'dct:publisher': agent(dataset.provider),
    'dcat:keyword': dataset.keywords.map(zh),
    'dcat:theme': ref(DATA_THEME[dataset.theme ?? 'none']),
    'dct:issued': dateTime(dataset.issued),
    'dct:modified': dateTime(dataset.modified),
    'dct:accrualPeriodicity': ref(FREQUENCY[dataset.updateCycle]),
    'dct:accessRights': ref(`${EU}/access-right/${restricted ? 'RESTRICTED' : 'PUBLIC'}`),
    'dct:language': ref(`${EU}/language/ZHO`),
    'dcat:version': String(dataset.version),
    'dcat:contactPoint': contactPoint(dataset),
    'dcat:distribution': [
      {
        '@id': `${recordsUrl(links, dataset)}#distribution`,
        '@type': 'dcat:Distribution',
        'dct:title': [zh('数据接口'), en('Data API')],
        'dct:description': zh(
          restricted
            ? `有条件开放，开放条件：${dataset.openCondition ?? ''}`
            : '通过共享平台的数据接口读取，须持有效授权',
        ),
        'dcat:accessURL': ref(recordsUrl(links, dataset)),
        'dct:format': ref(`${EU}/file-type/JSON`),
        'dcat:mediaType': ref('https://www.iana.org/assignments/media-types/application/json'),
        'dct:conformsTo': ref(`${links.base}/openapi.json`),
        'dct:modified': dateTime(dataset.modified),
        ...(restricted && dataset.openCondition
          ? { 'dct:rights': { '@type': 'dct:RightsStatement', 'dct:description': zh(dataset.openCondition) } }
          : {}),
      },
    ],
  }
}

/** The resource's contact when it names one; the providing department otherwise. */
function contactPoint(dataset: OpenDataset) {
  const { name, email, phone } = dataset.contact
  return {
    '@type': name ? 'vcard:Individual' : 'vcard:Organization',
    'vcard:fn': name ?? dataset.provider.name,
    'vcard:organization-name': dataset.provider.name,
    ...(email ? { 'vcard:hasEmail': ref(`mailto:${email}`) } : {}),
    ...(phone ? { 'vcard:hasTelephone': ref(`tel:${phone.replace(/[^\d+]/g, '')}`) } : {}),
  }
}
