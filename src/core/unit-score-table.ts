// Reading a unit's score sheet (docs/DESIGN.md#the-two-halves-and-exact-scoring): whatever the columns are called in the unit's own spreadsheet, find
// name / phone / member id / score / full scale, and turn each data row into a candidate with its problems.
// Nothing is matched or saved here; the server previews the candidates against the branch's members.

import { toNumber } from './scoring'

export type TableCell = string | number | null

export interface ScoreCandidate {
  /** 1-based row number in the sheet, so people can find it. */
  line: number
  name?: string
  phone?: string
  memberId?: string
  /** Points with at most two decimals (as every score on the wire), parsed exactly from the cell's text. */
  score?: number
  fullScale?: number
  problem?: string
}

/** Header names each column may go by (the roster import reads the same ones). */
export const HEADERS: Record<'name' | 'phone' | 'memberId' | 'score' | 'fullScale', RegExp> = {
  name: /^(姓名|名字|name)$/i,
  phone: /^(手机|手机号|手机号码|电话|联系电话|phone|mobile)$/i,
  memberId: /^(党员编号|编号|党员id|memberid|id)$/i,
  score: /^(单位积分|积分|得分|分数|年度积分|score)$/i,
  fullScale: /^(满分|单位满分|总分值|fullscale)$/i,
}

export interface ParsedTable {
  candidates: ScoreCandidate[]
  /** Problems with the sheet as a whole (no header, no score column…). */
  errors: string[]
}

export const clean = (c: TableCell) => (c === null || c === undefined ? '' : String(c).trim())

/** A score cell as hundredths: numbers or numeric text with ≤ 2 decimals; anything else is a problem. */
function hundredths(cell: TableCell): number | string {
  const text = clean(cell)
  if (text === '') return '缺少积分'
  if (!/^-?\d+(\.\d+)?$/.test(text)) return `积分不是数字：${text}`
  const [int, frac = ''] = text.replace(/^-/, '').split('.')
  if (frac.replace(/0+$/, '').length > 2) return `积分最多两位小数：${text}`
  const h = Number(int) * 100 + Number(frac.padEnd(2, '0').slice(0, 2))
  return text.startsWith('-') ? -h : h
}

export function parseUnitScoreTable(rows: TableCell[][]): ParsedTable {
  const headerIndex = rows.findIndex((r) => r.some((c) => HEADERS.score.test(clean(c))))
  if (headerIndex < 0) return { candidates: [], errors: ['找不到“积分”列：请在第一行写明表头（姓名、手机号或党员编号、积分）'] }
  const header = rows[headerIndex].map(clean)
  const col = (key: keyof typeof HEADERS) => header.findIndex((h) => HEADERS[key].test(h))
  const at = { name: col('name'), phone: col('phone'), memberId: col('memberId'), score: col('score'), fullScale: col('fullScale') }
  const errors: string[] = []
  if (at.memberId < 0 && (at.name < 0 || at.phone < 0)) errors.push('需要“党员编号”列，或同时有“姓名”和“手机号”列')
  const candidates: ScoreCandidate[] = []
  rows.slice(headerIndex + 1).forEach((row, i) => {
    if (!row.some((c) => clean(c) !== '')) return
    const cand: ScoreCandidate = { line: headerIndex + i + 2 }
    if (at.name >= 0 && clean(row[at.name])) cand.name = clean(row[at.name])
    if (at.phone >= 0 && clean(row[at.phone])) cand.phone = clean(row[at.phone]).replace(/[\s-]/g, '')
    if (at.memberId >= 0 && clean(row[at.memberId])) cand.memberId = clean(row[at.memberId])
    const score = hundredths(row[at.score])
    if (typeof score === 'number') cand.score = toNumber(score)
    else cand.problem = score
    if (at.fullScale >= 0 && clean(row[at.fullScale])) {
      const full = hundredths(row[at.fullScale])
      if (typeof full === 'number' && full > 0) cand.fullScale = toNumber(full)
      else cand.problem = cand.problem ?? `满分不是正数：${clean(row[at.fullScale])}`
    }
    candidates.push(cand)
  })
  if (candidates.length === 0) errors.push('表中没有数据行')
  return { candidates, errors }
}
