/**
 * The values of demo records, item by item: shaped like the real ones (valid check digits,
 * real-looking registration numbers), drawn from the pools' random stream, never real.
 */
import type { PublishedItem } from '../modules/catalog/index.js'
import { addDays, toDayNumber } from '../shared/dates.js'
import { type Company, PEOPLE, type Person, type Pools, WORDS } from './demo-pools.js'
import { syntheticPhone } from './identity.js'
import { syntheticName } from './names.js'

export type Value = string | number | null

const COMMUNITIES = '华山社区 翠湖社区 大观社区 龙翔社区 丰宁社区 莲华社区 红云社区 普吉社区'.split(' ')
// Also drawn by demo-activity.ts for the records providers re-send.
export const SUPERVISING_UNITS = ['昆明市民政局', '昆明市文化和旅游局', '昆明市卫生健康委员会']
export const LAND_USES = ['城镇住宅用地', '商业服务业用地', '工业用地', '公共管理与公共服务用地']
export const TENURES = ['国有', '国有', '集体']

export interface Subject {
  i: number
  person: Person
  company: Company
}

function dateBetween(pools: Pools, from: string, to: string): string {
  return addDays(from, pools.int(toDayNumber(to) - toDayNumber(from) + 1))
}

/** A bank card number with a correct Luhn digit, in a demo-only 6222 0000 range. */
function bankCard(sequence: number): string {
  const body = `62220000${String(sequence).padStart(10, '0')}`
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body.charAt(body.length - 1 - i))
    if (i % 2 === 0) {
      digit *= 2
      digit -= digit > 9 ? 9 : 0
    }
    sum += digit
  }
  return `${body}${(10 - (sum % 10)) % 10}`
}

/** Values of items that are not keys, by item name; unknown names fall back on their data type. */
export function itemValue(pools: Pools, item: PublishedItem, s: Subject): Value {
  const pick = <T>(values: readonly T[]): T => values[pools.int(values.length)] as T // never empty
  const other = pools.people[(s.i * 13 + 7) % PEOPLE] ?? s.person
  switch (item.name) {
    case '公民身份号码':
      return s.person.id
    case '统一社会信用代码':
      return s.company.code
    case '姓名':
    case '经营者':
    case '权利人':
      return s.person.name
    case '性别':
      return s.person.male ? '男' : '女'
    case '民族':
      return pick(['汉族', '汉族', '汉族', '汉族', '彝族', '白族', '哈尼族', '傣族', '回族'])
    case '出生日期':
      return s.person.birth
    case '户籍地址':
    case '住址':
      return s.person.address
    case '联系电话':
      return syntheticPhone(s.i)
    case '迁出地':
    case '迁入地':
      return pick(['昆明市五华区', '昆明市盘龙区', '曲靖市麒麟区', '大理市', '玉溪市红塔区', '四川省成都市'])
    case '迁移原因':
      return pick(['工作调动', '投靠亲属', '购房迁入', '升学', '婚姻迁入'])
    case '准驾车型':
      return pick(['C1', 'C1', 'C2', 'B2', 'A2'])
    case '证件状态':
    case '登记状态':
    case '参保状态':
      return pick(['正常', '正常', '正常', '暂停', '注销'])
    case '证件号码':
      return `E${String(60000000 + s.i * 37).padStart(8, '0')}`
    case '企业名称':
    case '使用单位':
    case '参保单位':
    case '用人单位':
    case '执业机构':
      return s.company.name
    case '法定代表人':
      return s.company.legal
    case '住所':
      return s.company.address
    case '字号名称':
      return `${s.person.name.charAt(0)}记${pick(['小吃店', '便利店', '五金店', '理发店', '米线馆'])}`
    case '经营范围':
    case '经营项目':
      return pick(['预包装食品销售', '热食类食品制售', '日用百货零售', '五金交电销售', '美容美发服务'])
    case '违法行为类型':
      return pick(['虚假宣传', '无照经营', '销售过期食品', '价格违法', '计量违法'])
    case '设备类别':
      return pick(['电梯', '锅炉', '压力容器', '起重机械', '场（厂）内专用机动车辆'])
    case '参保险种':
      return pick(['职工基本养老保险', '职工基本医疗保险', '失业保险', '工伤保险'])
    case '就业状态':
      return pick(['就业', '就业', '就业', '失业', '灵活就业'])
    case '发放月份':
      return `2025-${String(1 + pools.int(10)).padStart(2, '0')}`
    case '银行卡号':
      return bankCard(s.i)
    case '职业名称':
      return pick(['电工', '焊工', '育婴员', '中式烹调师', '养老护理员', '美容师'])
    case '等级':
      return pick(['五级/初级工', '四级/中级工', '三级/高级工', '二级/技师'])
    case '机构名称':
      return `昆明市${pick(WORDS)}${pick(['社区卫生服务中心', '诊所', '门诊部', '养老院', '颐养中心'])}`
    case '机构类别':
      return pick(['社区卫生服务中心', '诊所', '门诊部', '综合医院'])
    case '诊疗科目':
      return pick(['全科医疗科', '内科；外科', '口腔科', '中医科', '预防保健科'])
    case '执业类别':
      return pick(['临床', '中医', '口腔', '公共卫生'])
    case '执业范围':
      return pick(['内科专业', '外科专业', '全科医学专业', '儿科专业', '口腔专业'])
    case '新生儿姓名':
    case '受种者姓名':
      return syntheticName(pools.random)
    case '母亲公民身份号码':
    case '女方公民身份号码':
      return (s.person.male ? other : s.person).id
    case '男方公民身份号码':
      return (s.person.male ? s.person : other).id
    case '疫苗名称':
      return pick(['乙肝疫苗', '卡介苗', '脊灰疫苗', '百白破疫苗', '麻腮风疫苗'])
    case '登记类别':
      return pick(['结婚登记', '结婚登记', '结婚登记', '离婚登记'])
    case '保障类别':
      return pick(['城市低保', '农村低保'])
    case '组织名称':
      return `昆明市${pick(WORDS)}${pick(['志愿者协会', '书法家协会', '养老服务中心', '慈善基金会'])}`
    case '业务主管单位':
      return pick(SUPERVISING_UNITS)
    case '床位数':
      return 20 + pools.int(280)
    case '机构地址':
    case '坐落':
    case '位置':
      return pools.address()
    case '土地用途':
      return pick(LAND_USES)
    case '权属性质':
      return pick(TENURES)
    case '权利人证件号':
      return s.person.id
    case '规划名称':
      return `${pick(['五华区', '盘龙区', '官渡区', '呈贡区'])}${pick(['控制性详细规划', '片区详细规划', '专项规划'])}`
    case '灾害类型':
      return pick(['滑坡', '崩塌', '泥石流', '地面塌陷'])
    case '威胁人数':
      return 5 + pools.int(500)
    case '成果名称':
      return `昆明市1:${pick(['500', '1000', '2000'])}基础地形图（${pick(WORDS)}幅）`
    case '比例尺':
      return pick(['1:500', '1:1000', '1:2000', '1:10000'])
    case '所属社区':
      return pick(COMMUNITIES)
    case '网格员':
      return s.person.name
    case '小区名称':
      return `${pick(WORDS)}${pick(['小区', '新村', '花园', '家属院'])}`
    case '改造内容':
      return pick(['加装电梯', '管网改造', '外墙保温', '停车位改造', '适老化改造'])
    case '证照名称':
      return pick(['营业执照', '食品经营许可证', '不动产权证书', '医师执业证书', '结婚证', '居住证'])
    case '签发部门':
      return pick(['昆明市市场监督管理局', '昆明市自然资源和规划局', '昆明市公安局', '昆明市民政局'])
    case '证照数量':
      return 100 + pools.int(500_000)
    default:
      return valueOfType(pools, item, s)
  }
}

function valueOfType(pools: Pools, item: PublishedItem, s: Subject): Value {
  switch (item.dataType) {
    case 'date':
      // 有效期至, 下次检验日期 lie ahead; every other date lies behind.
      return /有效期|下次/.test(item.name)
        ? dateBetween(pools, '2026-01-01', '2030-12-31')
        : dateBetween(pools, '2012-01-01', '2025-10-31')
    case 'decimal':
      // Areas in square metres, money in yuan: two decimals either way.
      return Math.round(pools.random() * (/面积/.test(item.name) ? 2_000_000 : 500_000)) / 100
    case 'integer':
      return pools.int(1000)
    case 'boolean':
      return null
    default:
      return `${item.name}${s.i + 1}`
  }
}

/** Key values other than ID numbers and credit codes: unique per record, shaped like the real ones. */
export function keyValue(name: string, i: number): string {
  const n = (width: number, offset = 0) => String(i + offset).padStart(width, '0')
  const formats: Record<string, string> = {
    居住证号码: `5301${n(8, 2_000_000)}`,
    许可证编号: `JY15301${n(8, 1_000_000)}`,
    处罚决定书文号: `昆市监处罚〔2025〕${i + 1}号`,
    设备注册代码: `31105301002025${n(6, 1)}`,
    证书编号: `S00005301${n(9, 24_000_000)}`,
    登记号: `PDY${n(5, 40_000)}53010211A1001`,
    出生医学证明编号: `Y530${n(6, 100_000)}`,
    接种证号: `53010${n(9, 200_000_000)}`,
    登记证字号: `J530102-2025-${n(6)}`,
    备案编号: `5301${n(4)}BA`,
    宗地代码: `530102${n(3, 1)}GB${n(5, 1)}`,
    不动产单元号: `530102${n(3, 1)}GB${n(5, 1)}F0001${n(4, 1)}`,
    规划编号: `KMGH-2025-${n(3, 1)}`,
    隐患点编号: `530100${n(6, 10)}`,
    成果编号: `KMCH-${n(5, 1)}`,
    网格编码: `530102${n(6, 1)}`,
    项目编号: `WH-LJXQ-${n(4, 1)}`,
    证照类型代码: `11530100${n(4, 1)}`,
  }
  return formats[name] ?? `${name}-${n(6, 1)}`
}
