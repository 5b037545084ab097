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

/**
 * Full-width forms as a Chinese input method types them (８８．５, Ａ００１) become their ASCII selves, and the
 * full-width and no-break spaces become plain spaces.
 */
const halfWidth = (s: string) => s.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/[\u3000\u00a0]/g, ' ')

/**
 * Excel shows at most 15 significant digits; a formula's result stored with more (60.400000000000006 for a
 * weighted 60.4) carries binary noise the unit never saw, so a number is taken as Excel shows it.
 */
const asDisplayed = (n: number) => (Number.isFinite(n) && n !== 0 ? Number(n.toPrecision(15)) : n)

export const clean = (c: TableCell) => {
  if (c === null || c === undefined) return ''
  return halfWidth(typeof c === 'number' ? String(asDisplayed(c)) : String(c)).trim()
}

/** A person's name: spaces typed to line up two-character names (杨　帆) are not part of a Chinese name. */
const cleanName = (c: TableCell) => {
  const text = clean(c)
  return /[\u3400-\u9fff]/.test(text) ? text.replace(/\s+/g, '') : text.replace(/\s+/g, ' ')
}

const HEADER_SPACES = /\s+/g

/** What Excel shows for a formula that failed (#DIV/0!, #N/A, …). */
const FORMULA_ERROR = /^#(DIV\/0!|N\/A|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/i

/** A number shown in scientific notation: what Excel writes for a long number in a CSV (1.38E+10). */
const SCIENTIFIC = /^\d+(\.\d+)?e\+?\d+$/i

/** A score cell as hundredths: numbers or numeric text with ≤ 2 decimals; anything else is a problem. */
function hundredths(cell: TableCell): number | string {
  const text = clean(cell)
  if (text === '') return '积分一栏是空的'
  if (FORMULA_ERROR.test(text)) return `积分一栏是公式错误 ${text}，请在表格里改好公式再导入`
  if (!/^-?\d+(\.\d+)?$/.test(text)) return `积分不是数字：${text}`
  const [int, frac = ''] = text.replace(/^-/, '').split('.')
  if (frac.replace(/0+$/, '').length > 2) return `积分最多两位小数：${text}`
  const h = Number(int) * 100 + Number(frac.padEnd(2, '0').slice(0, 2))
  return text.startsWith('-') ? -h : h
}

export function parseUnitScoreTable(rows: TableCell[][]): ParsedTable {
  const headerIndex = rows.findIndex((r) => r.some((c) => HEADERS.score.test(clean(c).replace(HEADER_SPACES, ''))))
  if (headerIndex < 0) return { candidates: [], errors: ['找不到“积分”列：请在第一行写明表头（姓名、手机号或党员编号、积分）'] }
  const header = rows[headerIndex].map((c) => clean(c).replace(HEADER_SPACES, ''))
  const col = (key: keyof typeof HEADERS) => header.findIndex((h) => HEADERS[key].test(h))
  const at = { name: col('name'), phone: col('phone'), memberId: col('memberId'), score: col('score'), fullScale: col('fullScale') }
  const errors: string[] = []
  if (at.memberId < 0 && (at.name < 0 || at.phone < 0)) errors.push('需要“党员编号”列，或同时有“姓名”和“手机号”列')
  const candidates: ScoreCandidate[] = []
  rows.slice(headerIndex + 1).forEach((row, i) => {
    if (!row.some((c) => clean(c) !== '')) return
    const cand: ScoreCandidate = { line: headerIndex + i + 2 }
    if (at.name >= 0 && cleanName(row[at.name])) cand.name = cleanName(row[at.name])
    const phone = at.phone >= 0 ? clean(row[at.phone]).replace(/[\s-]/g, '').replace(/\.0+$/, '') : ''
    if (phone) cand.phone = phone
    if (at.memberId >= 0 && clean(row[at.memberId])) cand.memberId = clean(row[at.memberId]).replace(/\s+/g, '')
    const score = hundredths(row[at.score])
    if (typeof score === 'number') cand.score = toNumber(score)
    else cand.problem = score
    // Matching by name and phone cannot work once the phone lost its last digits; with a member id it need not.
    if (!cand.memberId && SCIENTIFIC.test(phone)) {
      cand.problem = `手机号一栏被存成了数字，显示成 ${phone}，后几位已经丢失：请把手机号这一列设为“文本”格式，重新填写后再导入`
    }
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
