/** @jest-environment jsdom */
import Taro from '@tarojs/taro'
import type { JobView } from '@/core/api-types'
import { callAction } from '@/services/api'
import { saveExport } from '@/services/save-file'
import { click, flush, render } from '../../../test/stubs/render'
import ExportButtons from './index'

jest.mock('@/services/api', () => ({ ...jest.requireActual('@/services/api'), callAction: jest.fn() }))
jest.mock('@/services/save-file', () => ({ saveExport: jest.fn(() => Promise.resolve()) }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>
const mockSave = saveExport as jest.MockedFunction<typeof saveExport>

const view = (over: Partial<JobView>): JobView => ({
  id: 'JB_1',
  kind: 'export',
  status: 'running',
  phase: 'rows',
  label: '正在整理名册：已整理 500 行',
  done: 1,
  total: 4,
  percent: 25,
  counts: {},
  scopeId: 'E1',
  startedAt: '2025-07-01T10:00:00.000+08:00',
  updatedAt: '2025-07-01T10:00:00.000+08:00',
  finishedAt: null,
  steps: 1,
  ...over,
})
const FILE = { fileId: 'Xabc', name: '幸福里-2025-名册.xlsx', bytes: 1234, url: '/files/Xabc?e=1&s=s' }

beforeEach(() => {
  mockCall.mockReset()
  mockSave.mockReset()
  mockSave.mockImplementation(() => Promise.resolve())
  Taro.removeStorageSync('job:export:E1:2025')
})

it('drives the export job with a progress bar, then saves the file from its link', async () => {
  let release: () => void = () => undefined
  mockCall.mockImplementation(((action: string) => {
    if (action === 'export.start') return Promise.resolve(view({}))
    // The step answers only when the test lets it, so the progress can be seen meanwhile.
    return new Promise((resolve) => {
      release = () => resolve(view({ status: 'done', phase: 'clean', percent: 100, label: '名册已导出 900 行', counts: { rows: 900 }, file: FILE }))
    })
  }) as never)
  const r = await render(<ExportButtons kinds={['totals', 'roster']} scopeId='E1' year={2025} />)
  await click(r.q('export-roster'))
  expect(mockCall.mock.calls[0]).toEqual(['export.start', { kind: 'roster', scopeId: 'E1', year: 2025 }])
  expect(r.q('job-label').textContent).toBe('正在整理名册：已整理 500 行')
  expect(r.q('job-percent').textContent).toBe('25%')
  expect(r.q('export-totals').hasAttribute('disabled')).toBe(true)
  release()
  await flush()
  await flush()
  expect(mockSave).toHaveBeenCalledWith({ url: FILE.url, filename: FILE.name })
  expect(r.has('job-view')).toBe(false)
  expect(r.q('export-file').textContent).toBe(FILE.name)
  // The link can be used again without exporting again.
  await click(r.q('export-save'))
  expect(mockSave).toHaveBeenCalledTimes(2)
  expect(mockCall.mock.calls.filter(([a]) => a === 'export.start')).toHaveLength(1)
  r.unmount()
})

it('shows a failed export’s message and saves nothing', async () => {
  mockCall.mockImplementation(((action: string) =>
    Promise.resolve(
      action === 'export.start'
        ? view({})
        : view({ status: 'failed', label: '正在整理名册：已整理 0 行', error: { code: 'CONFLICT', message: '导出的中间数据缺失，请重新导出' } }),
    )) as never)
  const r = await render(<ExportButtons kinds={['roster']} scopeId='E1' year={2025} />)
  await click(r.q('export-roster'))
  await flush()
  expect(r.q('job-error').textContent).toBe('导出的中间数据缺失，请重新导出')
  expect(mockSave).not.toHaveBeenCalled()
  expect(r.has('export-save')).toBe(false)
  r.unmount()
})

it('says so when the file cannot be saved', async () => {
  mockCall.mockImplementation(((action: string) =>
    Promise.resolve(action === 'export.start' ? view({ status: 'done', percent: 100, counts: { rows: 3 }, file: FILE }) : view({}))) as never)
  mockSave.mockImplementation(() => Promise.reject(new Error('文件下载失败（404），请重新导出')))
  const modal = jest.spyOn(Taro, 'showModal')
  const r = await render(<ExportButtons kinds={['roster']} scopeId='E1' year={2025} />)
  await click(r.q('export-roster'))
  await flush()
  expect(modal).toHaveBeenCalledWith(expect.objectContaining({ content: '文件下载失败（404），请重新导出' }))
  r.unmount()
})
