/** Synthetic Chinese personal names for demo and test data: generated, never real people. */

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢'
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力永健春晓云海燕峰志宇欣怡浩然子涵思雨嘉琪'

/** A small deterministic PRNG (mulberry32): the same seed gives the same demo city. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function syntheticName(random: () => number): string {
  const pick = (chars: string) => chars.charAt(Math.floor(random() * chars.length))
  const given = random() < 0.6 ? pick(GIVEN) + pick(GIVEN) : pick(GIVEN)
  return pick(SURNAMES) + given
}
