import { normalizeText, textRuns, runTokens } from '../src/modules/catalog/text.js'
const t = performance.now()
console.log(normalizeText('公民身份證號碼 醫療 社會保險 臺灣 台湾 髮 發 乾隆 後來 著作 裏面 ＡＢＣ１２３ Ｅｍａｉｌ 戶籍 户籍 衛生 卫生'))
console.log('init+1', performance.now() - t)
console.log(textRuns('统一社会信用代码（18位）、法人-代表 a1 x'), textRuns('人口 口岸').map(runTokens))
// idempotence
let bad = 0
for (let cp = 0x3400; cp < 0xa000; cp++) { const c = String.fromCodePoint(cp); const n = normalizeText(c); if (normalizeText(n) !== n) { bad++; if (bad < 10) console.log('not idempotent', c, n, normalizeText(n)) } }
console.log('bad', bad)
