/** @jest-environment jsdom */
import Taro from '@tarojs/taro'
import type { DutyReportView, MeData } from '@/core/api-types'
import { resetMe } from '@/hooks/useMe'
import { callAction } from '@/services/api'
import { uploadPhoto } from '@/services/upload-photo'
import { click, flush, render, typeInto } from '../../../test/stubs/render'
import MyDutyReport from './mine/index'

jest.mock('@/services/api', () => ({ ...jest.requireActual('@/services/api'), callAction: jest.fn() }))
jest.mock('@/services/upload-photo', () => ({ uploadPhoto: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>
const mockUpload = uploadPhoto as jest.MockedFunction<typeof uploadPhoto>

const me: MeData = { openid: 'demo-secretary-e1', roles: [{ role: 'estate_secretary', scopeId: 'E1', scopeName: '幸福里小区党支部' }] }
const base = (over: Partial<DutyReportView> = {}): DutyReportView => ({
  orgId: 'E1',
  orgName: '幸福里小区党支部',
  orgKind: 'estate',
  parentId: 'CM1',
  parentName: '东风社区党总支',
  year: 2025,
  status: 'none',
  version: 0,
  text: '',
  attachments: [],
  submittedAt: null,
  read: null,
  versions: [],
  canSubmit: true,
  canRead: false,
  ...over,
})
const TEXT = '全年组织志愿服务 12 次，报到党员 40 人。'

function answer(view: DutyReportView) {
  mockCall.mockImplementation(((action: string) => {
    if (action === 'me.get') return Promise.resolve(me)
    if (action === 'report.get') return Promise.resolve(view)
    if (action === 'report.submit') return Promise.resolve({ ...view, version: view.version + 1, status: 'submitted' })
    return Promise.reject(new Error(`unexpected ${action}`))
  }) as never)
}

describe('年度述职 page', () => {
  beforeEach(() => {
    resetMe()
    mockCall.mockReset()
    mockUpload.mockReset()
    ;(Taro.showToast as jest.Mock).mockClear()
  })

  it('refuses a too short text before sending, then uploads the photo and submits the first version', async () => {
    answer(base())
    ;(Taro.chooseMedia as jest.Mock).mockResolvedValueOnce({ type: 'image', tempFiles: [{ tempFilePath: 'blob:a', fileType: 'image' }] })
    mockUpload.mockResolvedValueOnce('Fuploaded000001')
    const r = await render(<MyDutyReport />)
    await flush()
    await flush()
    expect(r.q('duty-status-label').textContent).toBe('未报')
    await typeInto(r.q('duty-text'), '太短')
    await click(r.q('duty-submit'))
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '述职报告至少写 10 个字' }))
    expect(mockCall).not.toHaveBeenCalledWith('report.submit', expect.anything())

    await typeInto(r.q('duty-text'), TEXT)
    await click(r.q('duty-photo-add'))
    await flush()
    await click(r.q('duty-submit'))
    await flush()
    expect(mockUpload).toHaveBeenCalledWith('blob:a', 'demo-secretary-e1')
    const sent = mockCall.mock.calls.find(([a]) => a === 'report.submit')?.[1]
    expect(sent).toEqual({ orgId: 'E1', year: expect.any(Number), text: TEXT, attachments: ['Fuploaded000001'] })
    r.unmount()
  })

  it('revises on top of the current version, keeping the attachments not removed', async () => {
    answer(
      base({
        status: 'submitted',
        version: 2,
        text: TEXT,
        attachments: [
          { id: 'Fkeep0000000001', url: 'blob:k' },
          { id: 'Fdrop0000000001', url: 'blob:d' },
        ],
        submittedAt: '2025-12-20T10:00:00.000+08:00',
      }),
    )
    const r = await render(<MyDutyReport />)
    await flush()
    await flush()
    expect(r.q('duty-submit').textContent).toContain('第 3 版')
    await click(r.all('duty-attachment-remove')[1])
    await click(r.q('duty-submit'))
    await flush()
    const sent = mockCall.mock.calls.find(([a]) => a === 'report.submit')?.[1]
    expect(sent).toMatchObject({ baseVersion: 2, attachments: ['Fkeep0000000001'], text: TEXT })
    r.unmount()
  })

  it('shows a read report with its grade and comment, and no way to change it', async () => {
    answer(
      base({
        status: 'read',
        version: 1,
        text: TEXT,
        canSubmit: false,
        submittedAt: '2025-12-20T10:00:00.000+08:00',
        read: { grade: 'fairlyGood', comment: '工作扎实', at: '2025-12-28T10:00:00.000+08:00', version: 1 },
      }),
    )
    const r = await render(<MyDutyReport />)
    await flush()
    await flush()
    expect(r.q('duty-grade').textContent).toBe('较好')
    expect(r.q('duty-comment').textContent).toContain('工作扎实')
    expect(r.all('duty-submit')).toHaveLength(0)
    expect(r.q('duty-text-read').textContent).toBe(TEXT)
    r.unmount()
  })
})
