/** @jest-environment jsdom */
import Taro from '@tarojs/taro'
import type { JobView, MeData } from '@/core/api-types'
import { resetMe } from '@/hooks/useMe'
import type { PickedFile } from '@/lib/sheet-file'
import { writeXlsx } from '@/lib/xlsx'
import { callAction } from '@/services/api'
import { click, flush, render } from '../../../../test/stubs/render'
import DirectoryImport from './index'

jest.mock('@/services/api', () => ({ ...jest.requireActual('@/services/api'), callAction: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>

// The platform picker is replaced by a button that hands over whatever file the test prepared.
let mockFile: PickedFile | null = null
jest.mock('@/components/SheetPicker', () => ({
  __esModule: true,
  default: (props: { onPicked: (f: PickedFile) => void; label: string }) => (
    <button className='test-pick' onClick={() => mockFile && props.onPicked(mockFile)}>
      {props.label}
    </button>
  ),
}))

const me: MeData = { openid: 'demo-admin', roles: [{ role: 'county_admin', scopeId: 'county', scopeName: '示范县' }] }

// 600 members, one id twice: 3 chunks of ≤ 250 rows.
const roster = writeXlsx([
  {
    name: '名册',
    rows: [
      ['党员编号', '姓名', '手机号', '单位党支部', '小区党支部'],
      ...Array.from({ length: 600 }, (_, i) => [i === 5 ? 'M0' : `M${i}`, `党员${i}`, `138${String(i).padStart(8, '0')}`, 'UB1', 'E1']),
    ],
  },
])

const view = (over: Partial<JobView>): JobView => ({
  id: 'JB_preview',
  kind: 'import',
  status: 'running',
  phase: 'preview',
  label: '已收到 600 / 600 行，逐行预检',
  done: 0,
  total: 600,
  percent: 0,
  counts: {},
  scopeId: 'county',
  startedAt: '2025-07-01T10:00:00+08:00',
  updatedAt: '2025-07-01T10:00:00+08:00',
  finishedAt: null,
  steps: 0,
  ...over,
})
const previewDone = view({
  status: 'done',
  done: 600,
  percent: 100,
  label: '预检完成',
  counts: { created: 590, updated: 5, unchanged: 2, problems: 3 },
})
const applyDone = view({
  id: 'JB_apply',
  phase: 'apply',
  status: 'done',
  done: 600,
  percent: 100,
  label: '导入完成',
  counts: { created: 590, updated: 5, unchanged: 2, problems: 3 },
})
const pages = [
  [
    { line: 7, reason: '与第 2 行的党员编号重复：M0', id: 'M0', name: '党员5' },
    { line: 40, reason: '单位党支部不存在：UB9', id: 'M38' },
  ],
  [{ line: 400, reason: '手机号至少 11 个字', id: 'M398', name: '党员398' }],
]

const calls = (action: string) => mockCall.mock.calls.filter(([a]) => a === action).map(([, b]) => b as Record<string, any>)

describe('名册导入 page', () => {
  beforeEach(() => {
    resetMe()
    mockCall.mockReset()
    Taro.removeStorageSync('job:import:directory')
    Taro.removeStorageSync('job:import:directory:apply')
    ;(Taro.showModal as jest.Mock).mockClear()
    mockFile = { name: '全县名册.xlsx', bytes: roster }
    mockCall.mockImplementation(((action: string, body: { jobId?: string; page?: number }) => {
      if (action === 'me.get') return Promise.resolve(me)
      if (action === 'admin.importStart') return Promise.resolve(view({}))
      if (action === 'admin.importChunk') return Promise.resolve({ index: 0, rows: 250, problems: 0, repeated: false })
      if (action === 'job.get') return Promise.resolve(view({ done: 600, percent: 99 }))
      if (action === 'job.step') return Promise.resolve(body.jobId === 'JB_apply' ? applyDone : previewDone)
      if (action === 'admin.importProblems') return Promise.resolve({ page: body.page, pages: 2, problems: pages[body.page ?? 0] ?? [] })
      if (action === 'admin.importApply') return Promise.resolve(view({ id: 'JB_apply', phase: 'apply', label: '已导入 0 / 600 行' }))
      return Promise.reject(new Error(`unexpected ${action}`))
    }) as never)
  })

  it('reads the file, uploads it in chunks, pages through the problems, and imports on confirmation with a progress bar', async () => {
    const r = await render(<DirectoryImport />)
    await flush()
    await flush()
    await click(r.q('test-pick'))
    for (let i = 0; i < 6; i++) await flush()

    expect(calls('admin.importStart')).toEqual([{ fileName: '全县名册.xlsx', rows: 600 }])
    const chunks = calls('admin.importChunk')
    expect(chunks.map((c) => [c.jobId, c.index, c.rows.length])).toEqual([
      ['JB_preview', 0, 250],
      ['JB_preview', 1, 250],
      ['JB_preview', 2, 100],
    ])
    expect(chunks[0].rows[0]).toEqual({ line: 2, id: 'M0', name: '党员0', phone: '13800000000', unitBranchId: 'UB1', estateBranchId: 'E1' })
    // The repeated id is told from the file itself and goes to the server as that row's problem.
    expect(chunks[0].rows[5]).toMatchObject({ line: 7, id: 'M0', problem: '与第 2 行的党员编号重复：M0' })
    expect(r.q('directory-file').textContent).toContain('600 行')

    expect(r.q('directory-counts').textContent).toBe('新增 590 · 更新 5 · 未变 2 · 问题 3 行')
    expect(r.all('directory-problem').map((e) => e.textContent)).toEqual([
      '第 7 行（党员5）：与第 2 行的党员编号重复：M0',
      '第 40 行：单位党支部不存在：UB9',
    ])
    expect(r.q('directory-page').textContent).toBe('1 / 2')
    await click(r.q('directory-next'))
    await flush()
    expect(r.all('directory-problem').map((e) => e.textContent)).toEqual(['第 400 行（党员398）：手机号至少 11 个字'])
    expect(calls('admin.importProblems')).toEqual([
      { jobId: 'JB_preview', page: 0 },
      { jobId: 'JB_preview', page: 1 },
    ])
    expect(calls('admin.importApply')).toEqual([])

    await click(r.q('directory-confirm'))
    for (let i = 0; i < 4; i++) await flush()
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('有问题的 3 行不会导入') }))
    expect(calls('admin.importApply')).toEqual([{ jobId: 'JB_preview' }])
    expect(calls('job.step')).toContainEqual({ jobId: 'JB_apply' })
    expect(r.q('directory-apply-progress').textContent).toContain('100%')
    expect(r.q('directory-done').textContent).toContain('新增 590 人，更新 5 人，未变 2 人')
    r.unmount()
  })

  it('writes nothing when the admin does not confirm', async () => {
    ;(Taro.showModal as jest.Mock).mockImplementationOnce(() => Promise.resolve({ confirm: false, cancel: true }))
    const r = await render(<DirectoryImport />)
    await flush()
    await flush()
    await click(r.q('test-pick'))
    for (let i = 0; i < 6; i++) await flush()
    await click(r.q('directory-confirm'))
    await flush()
    expect(calls('admin.importApply')).toEqual([])
    r.unmount()
  })

  it('says what is wrong with a file it cannot read, without calling the server', async () => {
    mockFile = { name: '名册.xls', bytes: new Uint8Array([1, 2, 3]) }
    const r = await render(<DirectoryImport />)
    await flush()
    await flush()
    await click(r.q('test-pick'))
    await flush()
    expect(r.q('directory-file-errors').textContent).toContain('另存为 .xlsx')
    expect(calls('admin.importStart')).toEqual([])
    r.unmount()
  })

  it('finds a finished preview again after leaving the page, with its problems and the confirmation', async () => {
    Taro.setStorageSync('job:import:directory', 'JB_preview')
    mockCall.mockImplementation(((action: string, body: { page?: number }) => {
      if (action === 'me.get') return Promise.resolve(me)
      if (action === 'job.get') return Promise.resolve(previewDone)
      if (action === 'admin.importProblems') return Promise.resolve({ page: body.page, pages: 2, problems: pages[body.page ?? 0] })
      return Promise.reject(new Error(`unexpected ${action}`))
    }) as never)
    const r = await render(<DirectoryImport />)
    for (let i = 0; i < 4; i++) await flush()
    expect(r.q('directory-counts').textContent).toContain('问题 3 行')
    expect(r.all('directory-problem')).toHaveLength(2)
    expect(r.has('directory-confirm')).toBe(true)
    r.unmount()
  })
})
