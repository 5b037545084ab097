/** @jest-environment jsdom */
import type { JobView, MeData, SettingsView } from '@/core/api-types'
import { ActionError } from '@/services/errors'
import { resetMe } from '@/hooks/useMe'
import { callAction } from '@/services/api'
import { saveExport } from '@/services/save-file'
import { currentYear } from '@/utils/format'
import { click, flush, render, typeInto } from '../../../../test/stubs/render'
import Tally from './index'

jest.mock('@/services/api', () => ({ ...jest.requireActual('@/services/api'), callAction: jest.fn() }))
jest.mock('@/services/save-file', () => ({ saveExport: jest.fn(() => Promise.resolve()) }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>
const mockSave = saveExport as jest.MockedFunction<typeof saveExport>

const ORGS = [
  { id: 'county', kind: 'county', name: '示范县' },
  { id: 'S1', kind: 'street', name: '城关街道', parentId: 'county' },
  { id: 'CM1', kind: 'community', name: '东风社区党总支', parentId: 'S1' },
  { id: 'E1', kind: 'estate', name: '幸福里小区党支部', parentId: 'CM1' },
  { id: 'UB1', kind: 'unitBranch', name: '县教育局机关党支部', parentId: 'U1' },
]
const county: MeData = { openid: 'demo-admin', roles: [{ role: 'county_admin', scopeId: 'county', scopeName: '示范县' }] }
const street: MeData = { openid: 'demo-street-s1', roles: [{ role: 'street_admin', scopeId: 'S1', scopeName: '城关街道' }] }

const jobs = new Map<string, JobView>()
function job(kind: 'tally' | 'finalise', scopeId: string, status: 'running' | 'done', members: number): JobView {
  const j: JobView = {
    id: `JB_${kind}_${scopeId}`,
    kind,
    status,
    phase: 'score',
    label: `已核算 ${members / 2} / ${members} 人`,
    done: members / 2,
    total: members * 2,
    percent: 25,
    counts: { members, complete: members - 2, incomplete: 2, written: 3, unchanged: members - 3 },
    scopeId,
    startedAt: '2025-07-01T10:00:00.000+08:00',
    updatedAt: '2025-07-01T10:00:01.000+08:00',
    finishedAt: null,
    steps: 1,
  }
  jobs.set(j.id, j)
  return j
}

function serve(me: MeData, opts: { refuse?: boolean } = {}) {
  mockCall.mockImplementation(((action: string, body: { year: number; scopeId?: string }) => {
    if (action === 'me.get') return Promise.resolve(me)
    if (action === 'org.list') return Promise.resolve(ORGS)
    if (action === 'settings.get')
      return Promise.resolve({
        year: body.year,
        weights: { unit: 0.5, estate: 0.5 },
        bands: [],
        holidays: [],
        extraWorkdays: [],
        honourList: false,
        locked: false,
      } as SettingsView)
    if (action === 'score.tallyJob') {
      // The first step answers a job half done; job.step finishes it.
      const members = body.scopeId === 'S1' ? 40 : 49
      return Promise.resolve(job('tally', body.scopeId ?? 'county', 'running', members))
    }
    if (action === 'year.finaliseJob') {
      if (opts.refuse)
        return Promise.reject(new ActionError('CONFLICT', '以下小区的公示尚未结束，不能定稿：幸福里小区党支部', { estates: ['幸福里小区党支部'] }))
      return Promise.resolve(job('finalise', 'county', 'running', 49))
    }
    // A job remembered by an earlier test of this file is gone.
    if (action === 'job.get') return Promise.reject(new ActionError('NOT_FOUND', '作业不存在或已清理'))
    const stepped = action === 'job.step' ? jobs.get((body as unknown as { jobId: string }).jobId) : undefined
    if (stepped) return Promise.resolve({ ...stepped, status: 'done', phase: 'done', percent: 100, label: '完成' })
    if (action === 'export.start' || action === 'job.step') {
      const done = action === 'job.step'
      return Promise.resolve({
        id: 'JB_x',
        kind: 'export',
        status: done ? 'done' : 'running',
        phase: done ? 'clean' : 'rows',
        label: done ? '双报告反馈表已导出 20 行' : '正在整理双报告反馈表：已整理 0 行',
        done: done ? 3 : 0,
        total: 3,
        percent: done ? 100 : 0,
        counts: done ? { rows: 20 } : {},
        scopeId: 'county',
        startedAt: '2025-07-01T10:00:00.000+08:00',
        updatedAt: '2025-07-01T10:00:00.000+08:00',
        finishedAt: done ? '2025-07-01T10:00:01.000+08:00' : null,
        steps: 1,
        ...(done ? { file: { fileId: 'Xfile', name: 'x.xlsx', bytes: 100, url: '/files/Xfile?e=1&s=s' } } : {}),
      })
    }
    return Promise.reject(new Error(`unexpected ${action}`))
  }) as never)
}

const pick = async (r: Awaited<ReturnType<typeof render>>, cls: string, index: number) =>
  typeInto(r.q(cls).parentElement as HTMLElement, String(index))
const calls = (action: string) => mockCall.mock.calls.filter(([a]) => a === action).map(([, b]) => b)

describe('核算 for a chosen scope', () => {
  beforeEach(() => {
    resetMe()
    mockCall.mockReset()
  })

  it('offers the county and every street, community and estate in it, and tallies the county by default', async () => {
    serve(county)
    const r = await render(<Tally />)
    await flush()
    await flush()
    const labels = [...(r.q('tally-run-scope').parentElement as HTMLElement).querySelectorAll('option')].map((o) => o.textContent)
    expect(labels).toEqual(['县 · 示范县', '街道 · 城关街道', '社区 · 东风社区党总支', '小区 · 幸福里小区党支部'])
    expect(r.q('tally-run-scope').textContent).toContain('县 · 示范县')
    await click(r.q('tally-run'))
    await flush()
    expect(calls('score.tallyJob')).toEqual([{ year: currentYear(), scopeId: 'county' }])
    // Driven to its end with job.step.
    expect(calls('job.step')).toEqual([{ jobId: 'JB_tally_county' }])
    expect(r.q('tally-result-scope').textContent).toBe('核算范围：县 · 示范县')
    expect(r.q('tally-written').textContent).toContain('总分有变化 3 人')
    r.unmount()
  })

  it('sends the picked street as scopeId and says which scope the result is for', async () => {
    serve(county)
    const r = await render(<Tally />)
    await flush()
    await flush()
    await pick(r, 'tally-run-scope', 1)
    expect(r.q('tally-run-scope').textContent).toContain('街道 · 城关街道')
    await typeInto(r.q('tally-year'), '2025')
    await click(r.q('tally-run'))
    await flush()
    expect(calls('score.tallyJob')).toEqual([{ year: 2025, scopeId: 'S1' }])
    expect(r.q('tally-members').textContent).toBe('40')
    expect(r.q('tally-result-scope').textContent).toBe('核算范围：街道 · 城关街道')

    await pick(r, 'tally-run-scope', 3)
    await click(r.q('tally-run'))
    await flush()
    expect(calls('score.tallyJob')[1]).toEqual({ year: 2025, scopeId: 'E1' })
    r.unmount()
  })

  it('lets an admin export the 双报告 table of the viewed scope', async () => {
    serve(county)
    const r = await render(<Tally />)
    await flush()
    await flush()
    await click(r.q('export-feedback'))
    await flush()
    await flush()
    expect(calls('export.start')).toEqual([{ kind: 'feedback', scopeId: 'county', year: currentYear() }])
    expect(calls('job.step')).toEqual([{ jobId: 'JB_x' }])
    // The file comes from its link, never as bytes in the answer.
    expect(mockSave).toHaveBeenCalledWith({ url: '/files/Xfile?e=1&s=s', filename: 'x.xlsx' })
    expect(r.q('export-file').textContent).toBe('x.xlsx')
    r.unmount()
  })

  it('定稿 runs as a job to its end and then shows the year locked', async () => {
    serve(county)
    const r = await render(<Tally />)
    await flush()
    await flush()
    await click(r.q('tally-finalise-run'))
    await flush()
    await flush()
    expect(calls('year.finaliseJob')).toEqual([{ year: currentYear() }])
    expect(calls('job.step')).toEqual([{ jobId: 'JB_finalise_county' }])
    expect(r.q('tally-finalised').textContent).toBe('已定稿：共 49 人，总分完整 47 人，未完成 2 人。')
    r.unmount()
  })

  it('定稿 refused up front lists the estates whose 公示 has not ended, and starts no job', async () => {
    serve(county, { refuse: true })
    const r = await render(<Tally />)
    await flush()
    await flush()
    await click(r.q('tally-finalise-run'))
    await flush()
    expect(r.q('tally-finalise-estate').textContent).toBe('幸福里小区党支部')
    expect(calls('job.step')).toEqual([])
    expect(r.has('tally-finalised')).toBe(false)
    r.unmount()
  })

  it('shows a street admin no tally controls (score.tally is the county’s)', async () => {
    serve(street)
    const r = await render(<Tally />)
    await flush()
    await flush()
    expect(r.has('tally-run')).toBe(false)
    expect(r.has('tally-run-scope')).toBe(false)
    expect(r.has('export-feedback')).toBe(true)
    r.unmount()
  })
})

describe('查看积分 of a county over the live bound', () => {
  const talliedAt = '2025-07-01T02:00:00.000+08:00'
  const row = (memberId: string, total: number) => ({
    memberId,
    name: `党员${memberId}`,
    unitBranchId: 'UB1',
    estateBranchId: 'E1',
    unitScore: total,
    estateScore: total,
    weights: { unit: 0.5, estate: 0.5 },
    total,
    complete: true,
    band: '合格',
    rankInEstate: 1,
    rankInUnit: 1,
  })
  beforeEach(() => {
    resetMe()
    mockCall.mockReset()
    serve(county)
    const base = mockCall.getMockImplementation()
    mockCall.mockImplementation(((action: string, body: { cursor?: string }) => {
      if (action !== 'score.list') return (base as (a: string, b: unknown) => unknown)(action, body)
      if (!body.cursor) return Promise.resolve({ rows: [row('A1', 90), row('A2', 80)], next: 'p2', mode: 'stored', talliedAt })
      return Promise.resolve({ rows: [row('A3', 70)], mode: 'stored', talliedAt })
    }) as never)
  })

  it('shows the first page with the 核算 time, loads the next on 加载更多, and then says all are loaded', async () => {
    const r = await render(<Tally />)
    await flush()
    await flush()
    await click(r.q('tally-view'))
    await flush()
    expect(calls('score.list')).toEqual([{ year: currentYear(), scopeId: 'county' }])
    expect(r.q('tally-note').textContent).toContain('排名截至 最近核算')
    expect(r.q('tally-rows').textContent).toContain('已显示 2 人')
    expect(r.all('scores-row')).toHaveLength(2)
    await click(r.q('list-more'))
    await flush()
    expect(calls('score.list')[1]).toEqual({ year: currentYear(), scopeId: 'county', cursor: 'p2' })
    expect(r.all('scores-row')).toHaveLength(3)
    expect(r.q('tally-rows').textContent).toContain('共 3 人')
    expect(r.q('list-end').textContent).toContain('已全部加载')
    // Viewing again starts over from the first page.
    await click(r.q('tally-view'))
    await flush()
    expect(r.all('scores-row')).toHaveLength(2)
    expect(r.has('list-more')).toBe(true)
    r.unmount()
  })
})
