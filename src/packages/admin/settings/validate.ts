// The county settings form checks what the server checks, before sending, with messages for people.
import type { SettingsView } from '@/core/api-types'
import { parseScore } from '@/utils/format'

const WEIGHT_TEXT = /^(0(\.\d{1,4})?|1(\.0{1,4})?|\.\d{1,4})$/

/** Two weights typed as decimals (0.5), each 0–1 with ≤ 4 decimals, summing to exactly 1 (compared in basis points). */
export function validateWeights(unitText: string, estateText: string): { weights: SettingsView['weights'] } | { error: string } {
  const u = unitText.trim()
  const e = estateText.trim()
  if (!WEIGHT_TEXT.test(u)) return { error: '单位权重应为 0 到 1 之间的小数，最多四位小数，如 0.5' }
  if (!WEIGHT_TEXT.test(e)) return { error: '小区权重应为 0 到 1 之间的小数，最多四位小数，如 0.5' }
  const ub = Math.round(Number(u) * 10000)
  const eb = Math.round(Number(e) * 10000)
  if (ub + eb !== 10000) return { error: `单位权重与小区权重之和必须为 1（现为 ${(ub + eb) / 10000}）` }
  return { weights: { unit: ub / 10000, estate: eb / 10000 } }
}

export interface BandDraft {
  name: string
  min: string
}

/** Grade bands: 1–8, names unique (≤ 10 characters), thresholds unique scores 0–100, the lowest exactly 0. */
export function validateBands(rows: BandDraft[]): { bands: SettingsView['bands'] } | { error: string } {
  if (rows.length < 1 || rows.length > 8) return { error: '等次应有 1 到 8 档' }
  const bands: SettingsView['bands'] = []
  for (const [k, r] of rows.entries()) {
    const name = r.name.trim()
    if (!name || [...name].length > 10) return { error: `第 ${k + 1} 档：请填写等次名称（10 字以内）` }
    const min = parseScore(r.min)
    if (min === null || min > 100) return { error: `“${name}”的分数线应为 0–100，最多两位小数` }
    bands.push({ name, min })
  }
  if (new Set(bands.map((b) => b.name)).size !== bands.length) return { error: '等次名称不能重复' }
  if (new Set(bands.map((b) => Math.round(b.min * 100))).size !== bands.length) return { error: '等次分数线不能重复' }
  bands.sort((a, b) => b.min - a.min)
  if (bands[bands.length - 1].min !== 0) return { error: '最低一档的分数线必须为 0，保证每个总分都有等次' }
  return { bands }
}
