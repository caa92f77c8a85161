/**
 * The demo city's catalog: 33 resources across the demo departments, the kind a real city
 * catalogs first (population, legal entities, social security, health, civil affairs, land).
 * Keys refer to DEMO_DEPARTMENTS in demo-city.ts; 'bureau' is the big-data bureau.
 */
import type { LeadBody, ResourceInput } from '../modules/catalog/index.js'

type Item = ResourceInput['items'][number]

export interface DemoResource {
  department: string
  input: ResourceInput
  /** Where the demo leaves it: most are published, a few wait for review or are still drafts. */
  stage?: 'draft' | 'submitted'
}

const ID: Item = { name: '公民身份号码', dataType: 'string', key: true, sensitivity: 'id_number', length: 18 }
const NAME: Item = { name: '姓名', dataType: 'string', sensitivity: 'name', length: 50 }
const USCC: Item = { name: '统一社会信用代码', dataType: 'string', key: true, length: 18 }
const PHONE: Item = { name: '联系电话', dataType: 'string', sensitivity: 'phone', length: 20 }
const ADDRESS: Item = { name: '住址', dataType: 'string', sensitivity: 'address', length: 200 }

const str = (name: string, extra: Partial<Item> = {}): Item => ({ name, dataType: 'string', ...extra })
const date = (name: string): Item => ({ name, dataType: 'date' })
const money = (name: string): Item => ({ name, dataType: 'decimal' })

function resource(
  department: string,
  fields: Pick<ResourceInput, 'name' | 'summary' | 'items'> & Partial<ResourceInput>,
  stage?: DemoResource['stage'],
): DemoResource {
  return {
    department,
    stage,
    input: {
      category: 'department',
      format: 'database',
      shareType: 'unconditional',
      shareMethod: 'api',
      updateCycle: 'daily',
      openType: 'not_open',
      ...fields,
    },
  }
}

const conditional = (legalBasis: string, shareCondition: string) => ({
  shareType: 'conditional' as const,
  legalBasis,
  shareCondition,
})

/** Standard names the bureau marks authoritative, with the resource that provides them (Art. 16). */
export const AUTHORITATIVE = [
  { standardName: '公民身份号码', resourceName: '人口基础信息' },
  { standardName: '统一社会信用代码', resourceName: '法人单位基础信息' },
]

/** Art. 11 lead departments of the demo: base resources and themes. */
export const DEMO_LEADS: Array<Omit<LeadBody, 'departmentId'> & { department: string }> = [
  { category: 'base', theme: 'population', department: 'psb' },
  { category: 'base', theme: 'legal_entity', department: 'amr' },
  { category: 'base', theme: 'social_credit', department: 'amr' },
  { category: 'base', theme: 'natural_resources', department: 'nr' },
  { category: 'base', theme: 'e_licence', department: 'bureau' },
  { category: 'theme', theme: 'health', department: 'health' },
  { category: 'theme', theme: 'social_security', department: 'hrss' },
  { category: 'theme', theme: 'food_drug', department: 'amr' },
  { category: 'theme', theme: 'community', department: 'civil' },
]

export const DEMO_RESOURCES: DemoResource[] = [
  // 公安局: population is a base resource, shared unconditionally (Art. 13).
  resource('psb', {
    name: '人口基础信息',
    summary: '全市户籍人口和常住人口的公民身份号码、姓名、性别、民族、出生日期、户籍地址等基础信息',
    category: 'base',
    theme: 'population',
    items: [
      ID,
      NAME,
      str('性别'),
      str('民族'),
      date('出生日期'),
      str('户籍地址', { sensitivity: 'address' }),
      PHONE,
    ],
  }),
  resource('psb', {
    name: '户籍迁移信息',
    summary: '户口迁入、迁出登记记录，含迁移原因和迁移日期',
    ...conditional('《中华人民共和国户口登记条例》第十条', '仅限办理户籍、社保转移等业务使用'),
    items: [ID, NAME, str('迁出地'), str('迁入地'), date('迁移日期'), str('迁移原因')],
  }),
  resource('psb', {
    name: '居住证信息',
    summary: '流动人口居住证办理、签注信息',
    items: [ID, NAME, str('居住证号码', { key: true }), ADDRESS, date('有效期至')],
  }),
  resource('psb', {
    name: '机动车驾驶证信息',
    summary: '机动车驾驶人准驾车型、初次领证日期、证件状态',
    items: [ID, NAME, str('准驾车型'), date('初次领证日期'), str('证件状态')],
    updateCycle: 'realtime',
  }),
  resource('psb', {
    name: '出入境证件信息',
    summary: '因私出入境证件签发记录',
    shareType: 'none',
    legalBasis: '《中华人民共和国出境入境管理法》第八十五条',
    shareCondition: '涉及出入境管理秘密，不予共享',
    items: [ID, NAME, str('证件号码'), date('签发日期')],
  }),
  // 市场监督管理局
  resource('amr', {
    name: '法人单位基础信息',
    summary: '企业、个体工商户等市场主体的统一社会信用代码、名称、法定代表人、注册资本、成立日期、住所',
    category: 'base',
    theme: 'legal_entity',
    items: [
      USCC,
      str('企业名称'),
      str('法定代表人', { sensitivity: 'name' }),
      money('注册资本'),
      date('成立日期'),
      str('住所'),
    ],
  }),
  resource('amr', {
    name: '个体工商户登记信息',
    summary: '个体工商户设立、变更、注销登记',
    items: [USCC, str('字号名称'), str('经营者', { sensitivity: 'name' }), str('经营范围'), str('登记状态')],
  }),
  resource('amr', {
    name: '食品经营许可信息',
    summary: '食品经营许可证核发、延续、注销信息',
    category: 'theme',
    theme: 'food_drug',
    items: [str('许可证编号', { key: true }), { ...USCC, key: false }, str('经营项目'), date('有效期至')],
  }),
  resource('amr', {
    name: '市场监管行政处罚信息',
    summary: '市场监管领域作出的行政处罚决定公示信息',
    items: [
      str('处罚决定书文号', { key: true }),
      { ...USCC, key: false },
      str('违法行为类型'),
      money('罚没金额'),
      date('处罚日期'),
    ],
    updateCycle: 'weekly',
  }),
  resource('amr', {
    name: '特种设备使用登记信息',
    summary: '电梯、锅炉、压力容器等特种设备使用登记',
    items: [str('设备注册代码', { key: true }), str('设备类别'), str('使用单位'), date('下次检验日期')],
    updateCycle: 'monthly',
  }),
  // 人力资源和社会保障局
  resource('hrss', {
    name: '社会保险参保信息',
    summary: '职工基本养老保险、基本医疗保险、失业保险、工伤保险参保登记和缴费状态，社保参保证明',
    category: 'theme',
    theme: 'social_security',
    items: [ID, NAME, str('参保险种'), str('参保状态'), date('参保日期'), str('参保单位')],
  }),
  resource('hrss', {
    name: '就业登记信息',
    summary: '劳动者就业、失业登记记录',
    items: [ID, NAME, str('就业状态'), str('用人单位'), date('登记日期')],
  }),
  resource('hrss', {
    name: '失业保险金发放信息',
    summary: '失业保险金申领、核定和发放记录',
    ...conditional('《失业保险条例》第十六条', '仅用于社会救助、就业服务审核'),
    items: [
      ID,
      NAME,
      money('月发放金额'),
      str('发放月份'),
      { name: '银行卡号', dataType: 'string', sensitivity: 'bank_card' },
    ],
    updateCycle: 'monthly',
  }),
  resource('hrss', {
    name: '职业资格证书信息',
    summary: '职业资格和职业技能等级证书核发信息',
    items: [str('证书编号', { key: true }), { ...ID, key: false }, NAME, str('职业名称'), str('等级')],
    updateCycle: 'weekly',
  }),
  resource(
    'hrss',
    {
      name: '劳动用工备案信息',
      summary: '用人单位劳动合同用工备案',
      items: [{ ...ID, key: true }, { ...USCC, key: false }, date('用工起始日期')],
    },
    'submitted',
  ),
  // 卫生健康委员会
  resource('health', {
    name: '医疗机构执业信息',
    summary: '医疗机构执业许可证登记、校验、变更信息',
    category: 'theme',
    theme: 'health',
    items: [
      str('登记号', { key: true }),
      str('机构名称'),
      str('机构类别'),
      str('诊疗科目'),
      date('有效期至'),
    ],
  }),
  resource('health', {
    name: '医师执业注册信息',
    summary: '医师执业注册、变更、注销信息',
    items: [ID, NAME, str('执业类别'), str('执业范围'), str('执业机构')],
  }),
  resource('health', {
    name: '出生医学证明信息',
    summary: '新生儿出生医学证明签发信息',
    ...conditional('《中华人民共和国母婴保健法》第二十三条', '仅用于户籍登记、社保参保办理'),
    items: [
      str('出生医学证明编号', { key: true }),
      str('新生儿姓名', { sensitivity: 'name' }),
      date('出生日期'),
      str('母亲公民身份号码', { sensitivity: 'id_number' }),
    ],
  }),
  resource('health', {
    name: '预防接种信息',
    summary: '儿童预防接种记录',
    ...conditional('《中华人民共和国疫苗管理法》第四十七条', '仅用于入托入学查验'),
    items: [
      str('接种证号', { key: true }),
      str('受种者姓名', { sensitivity: 'name' }),
      str('疫苗名称'),
      date('接种日期'),
    ],
  }),
  resource(
    'health',
    {
      name: '死亡医学证明信息',
      summary: '居民死亡医学证明（推断）书签发信息',
      ...conditional('《人口死亡信息登记管理规范》', '用于户籍注销、社保待遇停发'),
      items: [ID, NAME, date('死亡日期'), str('死亡原因')],
    },
    'draft',
  ),
  // 民政局
  resource('civil', {
    name: '婚姻登记信息',
    summary: '结婚、离婚登记信息',
    ...conditional('《婚姻登记条例》第十七条', '仅限婚姻状况核验业务'),
    items: [
      str('登记证字号', { key: true }),
      str('男方公民身份号码', { sensitivity: 'id_number' }),
      str('女方公民身份号码', { sensitivity: 'id_number' }),
      date('登记日期'),
      str('登记类别'),
    ],
  }),
  resource('civil', {
    name: '最低生活保障对象信息',
    summary: '城乡低保对象认定和保障金发放信息',
    category: 'theme',
    theme: 'community',
    ...conditional('《社会救助暂行办法》第十二条', '仅用于救助审核，不得公开'),
    items: [ID, NAME, money('保障金额'), str('保障类别'), ADDRESS],
    updateCycle: 'monthly',
  }),
  resource('civil', {
    name: '社会组织登记信息',
    summary: '社会团体、民办非企业单位、基金会登记信息',
    items: [USCC, str('组织名称'), str('业务主管单位'), date('成立登记日期')],
  }),
  resource('civil', {
    name: '养老机构备案信息',
    summary: '养老机构备案和床位信息',
    items: [
      str('备案编号', { key: true }),
      str('机构名称'),
      { name: '床位数', dataType: 'integer' },
      str('机构地址'),
    ],
    updateCycle: 'quarterly',
  }),
  resource(
    'civil',
    {
      name: '殡葬服务信息',
      summary: '遗体火化、骨灰安放服务记录',
      items: [ID, NAME, date('火化日期')],
    },
    'submitted',
  ),
  // 自然资源和规划局
  resource('nr', {
    name: '土地宗地信息',
    summary: '宗地代码、坐落、面积、用途、权属性质等地籍信息',
    category: 'base',
    theme: 'natural_resources',
    format: 'image',
    items: [str('宗地代码', { key: true }), str('坐落'), money('宗地面积'), str('土地用途'), str('权属性质')],
    updateCycle: 'monthly',
  }),
  resource('nr', {
    name: '不动产登记信息',
    summary: '不动产权利登记、抵押、查封信息',
    ...conditional('《不动产登记暂行条例》第二十七条', '仅限依法查询不动产登记资料的部门'),
    items: [
      str('不动产单元号', { key: true }),
      str('权利人', { sensitivity: 'name' }),
      str('权利人证件号', { sensitivity: 'id_number' }),
      str('坐落'),
      money('面积'),
    ],
  }),
  resource('nr', {
    name: '国土空间规划信息',
    summary: '国土空间总体规划和详细规划成果目录',
    format: 'file',
    shareMethod: 'file',
    items: [str('规划编号', { key: true }), str('规划名称'), date('批复日期')],
    updateCycle: 'yearly',
  }),
  resource('nr', {
    name: '地质灾害隐患点信息',
    summary: '地质灾害隐患点位置、类型、威胁对象',
    items: [
      str('隐患点编号', { key: true }),
      str('灾害类型'),
      str('位置'),
      { name: '威胁人数', dataType: 'integer' },
    ],
    updateCycle: 'quarterly',
  }),
  resource('nr', {
    name: '测绘成果目录',
    summary: '基础测绘成果目录和分发记录',
    format: 'self_describing',
    shareMethod: 'media',
    items: [str('成果编号', { key: true }), str('成果名称'), str('比例尺')],
    updateCycle: 'yearly',
  }),
  // 五华区 (county): its changes are filed with the bureau within 10 working days (Art. 14).
  resource('wuhua', {
    name: '五华区网格化管理信息',
    summary: '社区网格划分、网格员和网格内事件信息',
    items: [str('网格编码', { key: true }), str('所属社区'), str('网格员', { sensitivity: 'name' }), PHONE],
  }),
  resource('wuhua', {
    name: '五华区老旧小区改造信息',
    summary: '老旧小区改造项目清单和进度',
    items: [str('项目编号', { key: true }), str('小区名称'), str('改造内容'), date('竣工日期')],
    updateCycle: 'monthly',
  }),
  // The bureau: the e-licence catalog is a base resource it leads.
  resource('bureau', {
    name: '电子证照目录信息',
    summary: '全市电子证照类型、签发部门和证照数量',
    category: 'base',
    theme: 'e_licence',
    items: [
      str('证照类型代码', { key: true }),
      str('证照名称'),
      str('签发部门'),
      { name: '证照数量', dataType: 'integer' },
    ],
  }),
]
