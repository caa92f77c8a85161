/** The open catalog's words in the API reference (decisions §48, §50; English: routes.ts). */
import type { ApiDocs, OperationDocs } from '../../../shared/api-docs.js'

const CKAN = '（CKAN 2.10 动作接口，应答为 CKAN 原样格式，无需登录）'

const both = (action: string, docs: OperationDocs): Record<string, OperationDocs> => ({
  [`GET /api/3/action/${action}`]: docs,
  [`POST /api/3/action/${action}`]: { ...docs, zh: `${docs.zh}（JSON 请求体）` },
})

export const openCatalogApiDocs: ApiDocs = {
  params: {
    limit: { zh: '最多返回条数（省略：全部）', en: 'At most this many (default: all)' },
    offset: { zh: '跳过前若干条', en: 'Skip this many first' },
    id: {
      zh: '资源 ID，或 CKAN 名称（资源代码中的 / 换为 -，如 202-000001）',
      en: 'Resource id, or the CKAN name (the code with / as -, e.g. 202-000001)',
    },
    q: {
      zh: '检索词：与共享目录检索相同，匹配名称、摘要或信息项名称的任意子串（含检索词典的同义词）；不支持 Solr 语法，*:* 表示全部',
      en: 'Search words, matched as the sharing catalog matches them (any substring of the name, summary or an item name, dictionary synonyms included); no Solr syntax; *:* means all',
    },
    fq: {
      zh: '过滤：organization:<组织名称>（可多个），metadata_modified:[起 TO 止]（* 表示不限），dataset_type:dataset',
      en: 'Filters: organization:<name> (several: any), metadata_modified:[from TO to] (* for open), dataset_type:dataset',
    },
    rows: { zh: '每页条数，0 至 1000，默认 10', en: 'Results per page, 0 to 1000, default 10' },
    start: { zh: '跳过前若干条结果', en: 'Skip this many results' },
    sort: {
      zh: '排序：metadata_modified desc（默认）或 asc，name asc 或 desc；organization_list 为 name 或 title 加 asc/desc',
      en: 'Order: metadata_modified desc (default) or asc, name asc or desc; organization_list: name or title with asc/desc',
    },
    all_fields: {
      zh: 'true：返回组织的完整信息而非名称',
      en: 'true: whole organization dicts instead of names',
    },
  },
  operations: {
    'GET /api/v1/catalog/open/dcat': {
      zh: '开放目录的 DCAT-AP 3（JSON-LD）导出：无条件开放与有条件开放的已发布资源（无需登录，第二十三条）',
    },
    ...both('package_list', { zh: `开放数据集名称列表${CKAN}` }),
    ...both('package_show', { zh: `按 ID 或名称查看一个开放数据集${CKAN}` }),
    ...both('package_search', { zh: `检索开放数据集${CKAN}` }),
    ...both('organization_list', { zh: `提供开放数据集的部门${CKAN}` }),
  },
}
