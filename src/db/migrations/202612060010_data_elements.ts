/**
 * Issue 15 item 2 (Art. 16, one data, one source): the bureau's dictionary of standard data
 * elements, each with the other names departments give it, so that an item is matched to its
 * element whatever it is called. `data_element_names` holds every name and synonym in its matching
 * form (catalog/elements/names.ts: NFKC, lower case, simplified, letters and digits only) with a
 * primary key, so one name can never mean two elements. Items and authoritative items record their
 * element. The seed is written out here, already in matching form, so it means the same forever.
 */
import { type Kysely, sql } from 'kysely'

type Seed = readonly [
  code: string,
  name: string,
  dataType: string,
  definition: string,
  synonyms: readonly string[],
]

export const SEED_ELEMENTS: readonly Seed[] = [
  [
    'DE0001',
    '公民身份号码',
    'string',
    '公安机关依法为公民编制的18位唯一、终身不变的身份代码',
    ['身份证号', '身份证号码', '居民身份证号码', '居民身份证号', '公民身份证号码', '公民身份证号'],
  ],
  [
    'DE0002',
    '统一社会信用代码',
    'string',
    '依照国家标准为法人和其他组织赋予的18位唯一身份代码',
    ['信用代码', '社会信用代码', '统一信用代码', '社会统一信用代码', '统一代码'],
  ],
  ['DE0003', '姓名', 'string', '自然人在户籍登记中使用的正式名称', ['人员姓名', '真实姓名']],
  ['DE0004', '性别', 'string', '自然人的生理性别（GB/T 2261.1）', ['性别代码']],
  ['DE0005', '出生日期', 'date', '自然人出生的公历日期', ['生日', '出生年月日']],
  ['DE0006', '民族', 'string', '自然人所属的民族（GB/T 3304）', ['民族代码']],
  [
    'DE0007',
    '户籍地址',
    'string',
    '自然人户口登记的详细地址',
    ['户籍所在地', '户籍住址', '户口所在地', '户口地址'],
  ],
  [
    'DE0008',
    '住址',
    'string',
    '自然人经常居住地的详细地址',
    ['现住址', '居住地址', '家庭住址', '现居住地址', '常住地址'],
  ],
  ['DE0009', '联系电话', 'string', '用于联系的固定电话或移动电话号码', ['电话', '电话号码']],
  ['DE0010', '手机号码', 'string', '移动电话号码', ['手机号', '移动电话', '手机', '移动电话号码']],
  [
    'DE0011',
    '法定代表人',
    'string',
    '依照法律或法人章程代表法人行使职权的负责人姓名',
    ['法人代表', '法定代表人姓名', '法人姓名'],
  ],
  [
    'DE0012',
    '单位名称',
    'string',
    '法人和其他组织经登记的名称',
    ['企业名称', '市场主体名称', '法人单位名称'],
  ],
  [
    'DE0013',
    '注册地址',
    'string',
    '法人和其他组织登记的住所',
    ['企业住所', '登记住所', '注册住所', '注册地'],
  ],
  ['DE0014', '登记机关', 'string', '核准市场主体或组织登记的机关', ['登记机构', '发照机关']],
  ['DE0015', '成立日期', 'date', '法人和其他组织依法成立的日期', ['成立时间']],
  ['DE0016', '注册资本', 'decimal', '登记的注册资本（万元）', ['注册资金']],
  ['DE0017', '经营范围', 'string', '市场主体登记的经营范围', ['业务范围']],
  ['DE0018', '企业类型', 'string', '市场主体的类型', ['市场主体类型', '企业类别']],
  ['DE0019', '登记状态', 'string', '市场主体的存续、吊销、注销等登记状态', ['经营状态', '企业状态']],
  [
    'DE0020',
    '不动产单元号',
    'string',
    '不动产单元的28位唯一编码（GB/T 37346）',
    ['不动产单元代码', '不动产单元编号', '不动产单元编码'],
  ],
  ['DE0021', '不动产权证书号', 'string', '不动产权证书的编号', ['不动产权证号', '不动产证号', '房产证号']],
  ['DE0022', '宗地代码', 'string', '宗地的唯一代码', ['宗地号', '宗地编码', '地籍号']],
  [
    'DE0023',
    '机动车号牌号码',
    'string',
    '公安机关交通管理部门核发的机动车号牌号码',
    ['车牌号', '车牌号码', '号牌号码', '机动车号牌', '车辆号牌'],
  ],
  [
    'DE0024',
    '驾驶证号',
    'string',
    '机动车驾驶证的证号',
    ['机动车驾驶证号', '驾驶证号码', '驾驶证编号', '驾照号'],
  ],
  [
    'DE0025',
    '社会保障号码',
    'string',
    '社会保障体系中标识参保人员的号码',
    ['社保号码', '社会保障号', '社保号', '个人社保编号'],
  ],
  ['DE0026', '社会保障卡号', 'string', '社会保障卡的卡面号码', ['社保卡号', '社保卡号码', '社会保障卡号码']],
  ['DE0027', '护照号码', 'string', '中华人民共和国护照的证件号码', ['护照号', '护照编号']],
  ['DE0028', '电子邮箱', 'string', '电子邮件地址', ['电子邮件', '邮箱', '电子邮件地址', '邮箱地址']],
  ['DE0029', '邮政编码', 'string', '六位邮政编码', ['邮编']],
  ['DE0030', '行政区划代码', 'string', '县级以上行政区划代码（GB/T 2260）', ['区划代码', '行政区划编码']],
  ['DE0031', '婚姻状况', 'string', '自然人的婚姻状况（GB/T 2261.2）', ['婚姻状态']],
  ['DE0032', '学历', 'string', '自然人的最高学历', ['文化程度', '受教育程度']],
  ['DE0033', '国籍', 'string', '自然人的国籍（GB/T 2659）', ['国籍代码']],
  ['DE0034', '死亡日期', 'date', '自然人死亡的公历日期', ['死亡时间']],
  ['DE0035', '银行账号', 'string', '银行结算账户或银行卡的号码', ['银行卡号', '银行账户', '银行帐号']],
  ['DE0036', '组织机构代码', 'string', '原9位全国组织机构代码', ['机构代码']],
  [
    'DE0037',
    '工商注册号',
    'string',
    '统一社会信用代码启用前的市场主体注册号',
    ['注册号', '营业执照注册号', '工商登记号'],
  ],
  ['DE0038', '出生地', 'string', '自然人出生时所在的行政区划', ['出生地点', '出生地址']],
]

const SEEDED_AT = '2026-12-06T00:10:00.000Z'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('data_elements')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('data_type', 'text', (c) => c.notNull())
    // A JSON array of the synonyms as the bureau wrote them: read whole, matched through data_element_names.
    .addColumn('synonyms', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('data_element_names')
    .addColumn('name_key', 'text', (c) => c.primaryKey())
    .addColumn('element_code', 'text', (c) => c.notNull().references('data_elements.code'))
    .execute()
  await db.schema
    .createIndex('data_element_names_element')
    .on('data_element_names')
    .column('element_code')
    .execute()
  await db.schema.alterTable('items').addColumn('element_code', 'text').execute()
  await db.schema.alterTable('authoritative_items').addColumn('element_code', 'text').execute()
  await db.schema
    .createIndex('authoritative_items_element')
    .on('authoritative_items')
    .column('element_code')
    .execute()

  const seeded = db.withTables<{
    data_elements: {
      code: string
      name: string
      definition: string
      data_type: string
      synonyms: string
      created_at: string
      updated_at: string
      updated_by: string
    }
    data_element_names: { name_key: string; element_code: string }
  }>()
  await seeded
    .insertInto('data_elements')
    .values(
      SEED_ELEMENTS.map(([code, name, dataType, definition, synonyms]) => ({
        code,
        name,
        definition,
        data_type: dataType,
        synonyms: JSON.stringify(synonyms),
        created_at: SEEDED_AT,
        updated_at: SEEDED_AT,
        updated_by: 'system',
      })),
    )
    .execute()
  await seeded
    .insertInto('data_element_names')
    .values(
      SEED_ELEMENTS.flatMap(([code, name, , , synonyms]) =>
        [name, ...synonyms].map((key) => ({ name_key: key, element_code: code })),
      ),
    )
    .execute()
  // Existing items and authoritative items named exactly like an element or synonym get it now.
  for (const [table, column] of [
    ['items', 'name'],
    ['authoritative_items', 'standard_name'],
  ] as const) {
    await sql`update ${sql.table(table)} set element_code = (
        select n.element_code from data_element_names n where n.name_key = ${sql.ref(`${table}.${column}`)}
      ) where element_code is null`.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('authoritative_items_element').execute()
  await db.schema.alterTable('authoritative_items').dropColumn('element_code').execute()
  await db.schema.alterTable('items').dropColumn('element_code').execute()
  await db.schema.dropTable('data_element_names').execute()
  await db.schema.dropTable('data_elements').execute()
}
