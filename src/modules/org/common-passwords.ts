/**
 * Passwords that guessing tools try first, lower case, after the checks in password-policy.ts strip
 * leading and trailing digits and symbols ("Password1!" → "password"). Drawn from the public
 * top-password lists (SecLists, the CSDN and 12306 leaks for pinyin and Chinese habits); a list
 * file checked in rather than a package, so the check needs no network and no large dictionary.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  `
password passw0rd passwd pass admin administrator root toor guest user test tester welcome
qwerty qwertyuiop qwert asdf asdfgh asdfghjkl zxcv zxcvb zxcvbn zxcvbnm qazwsx qweasd qweasdzxc
abc abcd abcde abcdef abcdefg abcdefgh letmein login master secret changeme default iloveyou
monkey dragon football baseball basketball soccer hockey superman batman trustno sunshine
princess shadow michael jennifer jordan hunter ranger buster thomas robert daniel charlie
killer summer winter spring autumn freedom whatever starwars computer internet server system
manager security company office service support access hello hellokitty flower lovely angel
love lover loveme iloveu mustang ferrari porsche harley pokemon naruto matrix cheese pepper
chocolate banana orange apple samsung huawei xiaomi google microsoft windows linux oracle
mysql postgres database network wifi router cisco huawei changeit temp temporary demo sample
woaini woaini1314 wojiushiwo nihao nimabi wangyi baidu tencent taobao alibaba weixin qqqq
zhang wang liuxing yangyang tiantian xiaoxiao aini aiai caonima shabi laogong laopo baobao
beijing shanghai kunming yunnan zhongguo china chinese zhonghua dianxin liantong yidong
gov government zhengwu zhengfu shuju data share gongxiang pingtai platform govshare
yyyy xxxx aaaa aaaaaa aaaaaaaa abab qqq www asd sss ddd zzz
1qaz2wsx 1q2w3e4r 1q2w3e 1qazxsw2 qaz wsx edc rfv 2wsx3edc zaq1xsw2 q1w2e3r4 a1b2c3 a1s2d3
p@ssw0rd p@ssword passw0rd! admin@123 root@123 test@123 abc@123
`
    .split(/\s+/)
    .filter((word) => word.length > 0),
)
