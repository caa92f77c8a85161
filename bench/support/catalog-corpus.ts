/**
 * The catalog search benchmark's corpus: resources named, summarised and itemised from the words a
 * city's departments catalogue, and the queries a user would type, all from fixed seeds so both
 * databases get the same text and the same queries.
 */
import type { Db } from '../../src/db/database.js'
import {
  type ItemRow,
  insertSearchDocuments,
  type ResourceRow,
  runLength,
  textRuns,
} from '../../src/modules/catalog/index.js'
import { newId } from '../../src/shared/ids.js'

function words(text: string): string[] {
  return text.trim().split(/\s+/)
}

// What a city's departments catalogue: names, summaries, items.
const DEPARTMENTS = words(`
  公安局 民政局 人社局 卫健委 市场监管局 税务局 自然资源局 住建局 交通运输局 教育局 财政局
  生态环境局 农业农村局 商务局 文旅局 应急管理局 医保局 统计局 司法局 水务局 城管局 退役军人局
  残联 公积金中心 不动产登记中心 行政审批局 大数据局 发改委 工信局 科技局
`)
const DISTRICTS = words('市 五华区 盘龙区 官渡区 西山区')
const SUBJECTS = words(`
  人口 户籍 常住人口 流动人口 出生 死亡 婚姻 收养 殡葬 低保 特困人员 养老服务 社会保险 社保
  养老保险 医疗保险 失业保险 工伤保险 生育保险 就业 职业技能 劳动合同 医疗 医疗机构 医师 护士
  疫苗接种 传染病 出生医学证明 健康档案 企业 个体工商户 市场主体 营业执照 食品经营 药品 特种设备
  纳税 发票 税收 土地 不动产 房屋 建设工程 施工许可 道路运输 车辆 驾驶员 学校 学生 教师 学籍
  财政预算 政府采购 排污许可 环境监测 耕地 农产品 外商投资 旅游 文物 安全生产 危险化学品 医保结算
  药品目录 统计调查 律师 公证 法律援助 供水 排水 城市管理 退役军人 残疾人 住房公积金 公积金贷款
  行政许可 行政处罚 信用 公共信用 项目审批 工业企业 高新技术企业 专利 人才
`)
const SUFFIXES = words(`
  信息 数据 基本信息 登记信息 台账 名录 统计数据 变更记录 办理结果 目录 明细 证照信息 年度报告
  查询结果
`)
const ITEMS = words(`
  姓名 性别 民族 出生日期 公民身份号码 身份证件类型 证件号码 户籍地址 现住址 联系电话 手机号码
  电子邮箱 婚姻状况 文化程度 职业 工作单位 统一社会信用代码 企业名称 法定代表人 注册资本 成立日期
  经营范围 住所 登记机关 登记状态 核准日期 行政区划代码 所属区县 所属乡镇 社区名称 记录编号
  业务编号 办理日期 办理结果 审批部门 审批日期 许可证编号 有效期起 有效期止 发证机关 发证日期
  证照类型 证照编号 参保类型 参保状态 缴费基数 缴费月数 个人账户余额 医疗机构名称 医疗机构代码
  科室 诊断结果 就诊日期 医保类别 结算金额 药品名称 药品编码 批准文号 生产企业 纳税人识别号
  纳税人名称 税种 税款所属期 应纳税额 实缴税额 不动产单元号 坐落 房屋面积 用途 权利人 权利类型
  抵押状态 车牌号码 车辆类型 驾驶证号 准驾车型 学校名称 学籍号 年级 班级 入学日期 毕业日期
  项目名称 项目代码 建设单位 施工单位 总投资 开工日期 竣工日期 处罚决定书文号 违法事实 处罚依据
  处罚结果 处罚日期 信用等级 评价日期 数据来源 更新时间 备注
`)
const ASPECTS = words(`
  基本情况 办理过程 变动情况 年度汇总 审批结果 登记事项 监督检查 服务记录 资格认定 补贴发放
`)
const PURPOSES = words(`
  政务服务一网通办 跨部门业务协同 社会治理 宏观决策分析 信用监管 精准帮扶 应急处置 便民服务
`)
const CATEGORIES = words('base theme department')
const FORMATS = words('file spreadsheet database image stream self_describing other')
const CYCLES = words('realtime daily weekly monthly quarterly semiannual yearly other')
const THEMES = words('population legal_entity health social_security food_drug energy')

/** A seeded generator, so both databases get the same text and the same queries. */
function random(seed: number) {
  let state = seed
  const next = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff
    return state / 0x80000000
  }
  return {
    next,
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    /** Skewed to the front of the list: a few subjects and items are everywhere, most are rare. */
    skewed: <T>(list: readonly T[]): T => list[Math.floor(list.length * next() ** 2)]!,
  }
}

export interface GeneratedResource {
  name: string
  summary: string
  items: string[]
}

/**
 * Loads `count` published resources of `itemsPerResource` items each, with their search documents,
 * straight into the tables (no services: a million resources must load in minutes).
 */
export async function loadCorpus(
  db: Db,
  departments: string[],
  count: number,
  itemsPerResource: number,
): Promise<GeneratedResource[]> {
  const rnd = random(20261125)
  const now = '2026-11-25T00:00:00.000Z'
  const texts: GeneratedResource[] = []
  const BATCH = 500
  for (let start = 0; start < count; start += BATCH) {
    const resources: ResourceRow[] = []
    const items: ItemRow[] = []
    const docs: Array<Parameters<typeof insertSearchDocuments>[1][number]> = []
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      const id = newId()
      const departmentIndex = Math.floor(rnd.next() * departments.length)
      const subject = rnd.skewed(SUBJECTS)
      const itemNames = new Set<string>()
      while (itemNames.size < itemsPerResource) {
        itemNames.add(rnd.skewed(ITEMS))
      }
      const list = [...itemNames]
      const text = {
        name: `${DISTRICTS[departmentIndex % DISTRICTS.length]}${DEPARTMENTS[departmentIndex % DEPARTMENTS.length]}${subject}${rnd.pick(SUFFIXES)}`,
        summary: `记录${subject}${rnd.pick(ASPECTS)}，包括${list[0]}、${list[1]}、${list[2]}等，用于${rnd.pick(PURPOSES)}。`,
        items: list,
      }
      texts.push(text)
      const draw = rnd.next()
      const shareType = draw < 0.6 ? 'unconditional' : draw < 0.9 ? 'conditional' : 'none'
      const category = rnd.pick(CATEGORIES)
      const fields = {
        provider_id: departments[departmentIndex]!,
        share_type: shareType,
        category,
        theme: category === 'department' ? null : rnd.pick(THEMES),
        format: rnd.pick(FORMATS),
        update_cycle: rnd.pick(CYCLES),
        zone: rnd.next() < 0.8 ? ('external' as const) : ('internal' as const),
        published_at: new Date(Date.parse('2020-01-01T00:00:00Z') + i * 60_000).toISOString(),
      }
      resources.push({
        id,
        code: `3/${String(i + 1).padStart(7, '0')}`,
        status: 'published',
        latest_version: 1,
        published_version: 1,
        name: text.name,
        summary: text.summary,
        class_code: '3',
        open_type: 'not_open',
        confirmed_at: fields.published_at,
        withdrawn_reason: null,
        created_at: now,
        updated_at: now,
        ...fields,
      })
      list.forEach((name, position) => {
        items.push({
          id: newId(),
          resource_id: id,
          version: 1,
          position,
          code: `3/${String(i + 1).padStart(7, '0')}-${position + 1}`,
          name,
          data_type: 'string' as const,
          length: null,
          is_key: position === 0 ? 1 : 0,
          sensitivity: 'none' as const,
          description: null,
          authoritative_item_code: null,
          element_code: null,
        })
      })
      // One in five resources is used by a few departments: search ranks by it (use.ts).
      const consumers = rnd.next() < 0.2 ? 1 + Math.floor(rnd.next() * 6) : 0
      docs.push({ fields: { resource_id: id, ...fields }, text: { ...text, itemNames: list }, consumers })
    }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('resources').values(resources).execute()
      for (let k = 0; k < items.length; k += 2000) {
        await trx
          .insertInto('items')
          .values(items.slice(k, k + 2000))
          .execute()
      }
      await insertSearchDocuments(trx, docs)
    })
    if ((start / BATCH) % 40 === 0) {
      process.stdout.write(`  ${start + BATCH} resources\r`)
    }
  }
  return texts
}

/** Queries a user would type: substrings of `length` characters of real names, summaries, items. */
export function sampleQueries(texts: GeneratedResource[], length: number, count: number): string[] {
  const rnd = random(length * 7919)
  const queries: string[] = []
  while (queries.length < count) {
    const text = rnd.pick(texts)
    const field = rnd.pick([text.name, text.summary, rnd.pick(text.items)])
    const runs = textRuns(field).filter((run) => runLength(run) >= length)
    if (runs.length === 0) {
      continue
    }
    const chars = Array.from(rnd.pick(runs))
    const at = Math.floor(rnd.next() * (chars.length - length + 1))
    queries.push(chars.slice(at, at + length).join(''))
  }
  return queries
}
