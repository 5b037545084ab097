/** @jest-environment jsdom */
import Taro from '@tarojs/taro'
import type { MeData, MemberView } from '@/core/api-types'
import { resetMe } from '@/hooks/useMe'
import { callAction } from '@/services/api'
import { uploadPhoto } from '@/services/upload-photo'
import { todayShanghai } from '@/utils/format'
import { click, flush, render, typeInto } from '../../../../test/stubs/render'
import { adoptedRuleset } from '../../../../test/fixtures'
import { __resetTaro } from '../../../../test/stubs/taro'
import Deduction from './index'

jest.mock('@/services/api', () => ({ ...jest.requireActual('@/services/api'), callAction: jest.fn() }))
jest.mock('@/services/upload-photo', () => ({ uploadPhoto: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>
const mockUpload = uploadPhoto as jest.MockedFunction<typeof uploadPhoto>

const me: MeData = { openid: 'demo-secretary-e1', roles: [{ role: 'estate_secretary', scopeId: 'E1', scopeName: '幸福里小区党支部' }] }
const members: MemberView[] = [{ id: 'D003', name: '王芳', phone: '13800000003', unitBranchId: 'UB2', estateBranchId: 'E1', status: 'active' }]
const ruleset = adoptedRuleset(
  [
    { code: 'V01', name: '志愿服务', category: '志愿服务', points: 5 },
    { code: 'N01', name: '无故缺席', category: '负面清单', points: -5 },
  ],
  Number(todayShanghai().slice(0, 4)),
)

/** The <select> the picker stub renders beside the picker's visible text. */
const pick = async (r: Awaited<ReturnType<typeof render>>, cls: string, index: number) =>
  typeInto(r.q(cls).parentElement as HTMLElement, String(index))

async function fill(r: Awaited<ReturnType<typeof render>>) {
  await pick(r, 'deduction-member', 0)
  await pick(r, 'deduction-item', 0)
  await typeInto(r.q('deduction-reason'), '无故缺席主题党日')
}

describe('负面清单 page', () => {
  beforeEach(() => {
    resetMe()
    __resetTaro()
    mockCall.mockReset()
    mockUpload.mockReset()
    mockCall.mockImplementation(((action: string) => {
      if (action === 'me.get') return Promise.resolve(me)
      if (action === 'member.list') return Promise.resolve(members)
      if (action === 'ruleset.get') return Promise.resolve({ current: ruleset, drafts: [] })
      if (action === 'deduction.record') return Promise.resolve({ entryId: 'DED_1', points: -5, year: ruleset.year })
      return Promise.reject(new Error(`unexpected ${action}`))
    }) as never)
  })

  it('uploads the chosen evidence photos as the secretary, then records the deduction naming them', async () => {
    ;(Taro.chooseMedia as jest.Mock).mockResolvedValueOnce({
      type: 'image',
      tempFiles: [
        { tempFilePath: 'blob:a', fileType: 'image' },
        { tempFilePath: 'blob:b', fileType: 'image' },
        { tempFilePath: 'blob:c', fileType: 'image' },
      ],
    })
    mockUpload.mockImplementation(async (path) => `Fphoto${path.slice(-1).repeat(13)}`)
    const r = await render(<Deduction />)
    await flush()
    await flush()
    await fill(r)
    await typeInto(r.q('deduction-evidence'), '签到表无本人签名')
    await click(r.q('deduction-photo-add'))
    await flush()
    expect(r.all('deduction-photo')).toHaveLength(3)
    expect(r.has('deduction-photo-add')).toBe(false) // three is the limit
    await click(r.all('deduction-photo-remove')[1])
    expect(r.all('deduction-photo')).toHaveLength(2)
    await click(r.q('deduction-submit'))
    await flush()
    expect(mockUpload.mock.calls).toEqual([
      ['blob:a', 'demo-secretary-e1'],
      ['blob:c', 'demo-secretary-e1'],
    ])
    expect(mockCall).toHaveBeenCalledWith('deduction.record', {
      memberId: 'D003',
      itemCode: 'N01',
      occurredOn: todayShanghai(),
      reason: '无故缺席主题党日',
      evidence: '签到表无本人签名',
      photos: ['Fphotoaaaaaaaaaaaaa', 'Fphotoccccccccccccc'],
    })
    expect(r.q('deduction-done').textContent).toContain('王芳 · 无故缺席')
    r.unmount()
  })

  it('sends no photos when none are chosen, and records nothing when an upload fails', async () => {
    const r = await render(<Deduction />)
    await flush()
    await flush()
    await fill(r)
    await click(r.q('deduction-submit'))
    await flush()
    expect(mockUpload).not.toHaveBeenCalled()
    expect(mockCall).toHaveBeenCalledWith('deduction.record', {
      memberId: 'D003',
      itemCode: 'N01',
      occurredOn: todayShanghai(),
      reason: '无故缺席主题党日',
    })

    mockCall.mockClear()
    await click(r.q('deduction-again'))
    ;(Taro.chooseMedia as jest.Mock).mockResolvedValueOnce({ type: 'image', tempFiles: [{ tempFilePath: 'blob:a', fileType: 'image' }] })
    mockUpload.mockRejectedValueOnce(new Error('照片上传失败，请检查网络后重试'))
    await fill(r)
    await click(r.q('deduction-photo-add'))
    await flush()
    await click(r.q('deduction-submit'))
    await flush()
    expect(mockCall).not.toHaveBeenCalledWith('deduction.record', expect.anything())
    expect(Taro.showToast).toHaveBeenCalledTimes(1) // the error toast
    expect(r.all('deduction-photo')).toHaveLength(1) // kept for another try
    r.unmount()
  })
})
