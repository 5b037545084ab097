/** @jest-environment jsdom */
import Taro from '@tarojs/taro'
import type { MeData } from '@/core/api-types'
import { resetMe } from '@/hooks/useMe'
import { callAction } from '@/services/api'
import { uploadPhoto } from '@/services/upload-photo'
import { todayShanghai } from '@/utils/format'
import { click, flush, render, typeInto } from '../../../../test/stubs/render'
import { adoptedRuleset } from '../../../../test/fixtures'
import Claim from './index'

jest.mock('@/services/api', () => ({ ...jest.requireActual('@/services/api'), callAction: jest.fn() }))
jest.mock('@/services/upload-photo', () => ({ uploadPhoto: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>
const mockUpload = uploadPhoto as jest.MockedFunction<typeof uploadPhoto>

const me: MeData = {
  openid: 'demo-member-1',
  member: { id: 'D001', name: '张建国', phone: '13800000001', unitBranchId: 'UB1', estateBranchId: 'E1', status: 'active' },
  roles: [{ role: 'member', scopeId: 'E1' }],
}
const ruleset = adoptedRuleset(
  [
    { code: 'V02', name: '环境整治', category: '志愿服务', points: 3 },
    { code: 'V03', name: '文明劝导（按小时）', category: '志愿服务', points: 2, perHour: true },
    { code: 'R01', name: '政策宣讲', category: '宣传引导', points: 5, evidenceRequired: true },
    { code: 'N01', name: '无故缺席', category: '负面清单', points: -5 },
  ],
  Number(todayShanghai().slice(0, 4)),
)

/** The <select> the picker stub renders beside the picker's visible text. */
const pick = async (r: Awaited<ReturnType<typeof render>>, cls: string, index: number) =>
  typeInto(r.q(cls).parentElement as HTMLElement, String(index))

describe('自主申报 page', () => {
  beforeEach(() => {
    resetMe()
    mockCall.mockReset()
    mockUpload.mockReset()
    ;(Taro.showToast as jest.Mock).mockClear()
    mockCall.mockImplementation(((action: string, body: { title?: string }) => {
      if (action === 'me.get') return Promise.resolve(me)
      if (action === 'ruleset.get') return Promise.resolve({ current: ruleset, drafts: [] })
      if (action === 'claim.submit')
        return Promise.resolve({
          attendanceId: 'C1',
          activityId: 'C1',
          activityTitle: body.title,
          status: 'pending',
          repeated: false,
          flags: ['claim'],
        })
      return Promise.reject(new Error(`unexpected ${action}`))
    }) as never)
  })

  it('offers only the plus items, asks for photos where evidence is required, and sends nothing until it is right', async () => {
    const r = await render(<Claim />)
    await flush()
    await flush()
    const options = [...(r.q('claim-item').parentElement as HTMLElement).querySelectorAll('option')].map((o) => o.textContent)
    expect(options).toEqual(['环境整治（3.00 分/次）', '文明劝导（按小时）（2.00 分/小时）', '政策宣讲（5.00 分/次）'])
    await pick(r, 'claim-item', 2)
    await typeInto(r.q('claim-title'), '社区政策宣讲')
    await typeInto(r.q('claim-description'), '在小区广场宣讲医保新政策')
    await click(r.q('claim-submit'))
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '“政策宣讲”需要佐证，请至少附 1 张照片' }))
    expect(mockCall).not.toHaveBeenCalledWith('claim.submit', expect.anything())
    expect(mockUpload).not.toHaveBeenCalled()
    r.unmount()
  })

  it('uploads the chosen photos first, then submits the claim naming them', async () => {
    ;(Taro.chooseMedia as jest.Mock).mockResolvedValueOnce({
      type: 'image',
      tempFiles: [
        { tempFilePath: 'blob:a', fileType: 'image' },
        { tempFilePath: 'blob:b', fileType: 'image' },
      ],
    })
    mockUpload.mockImplementation(async (path) => (path === 'blob:a' ? 'Fphotoaaaaaaaaaaaaa' : 'Fphotobbbbbbbbbbbbb'))
    const r = await render(<Claim />)
    await flush()
    await flush()
    await pick(r, 'claim-item', 1)
    await pick(r, 'claim-minutes', 2)
    await typeInto(r.q('claim-title'), '路口文明劝导')
    await typeInto(r.q('claim-description'), '早高峰劝导电动车戴头盔')
    await click(r.q('claim-photo-add'))
    await flush()
    expect(r.all('claim-photo')).toHaveLength(2)
    await click(r.all('claim-photo-remove')[1])
    expect(r.all('claim-photo')).toHaveLength(1)
    await click(r.q('claim-submit'))
    await flush()
    expect(mockUpload).toHaveBeenCalledTimes(1)
    expect(mockUpload).toHaveBeenCalledWith('blob:a', 'demo-member-1')
    expect(mockCall).toHaveBeenCalledWith('claim.submit', {
      itemCode: 'V03',
      occurredOn: todayShanghai(),
      minutes: 90,
      title: '路口文明劝导',
      description: '早高峰劝导电动车戴头盔',
      photos: ['Fphotoaaaaaaaaaaaaa'],
    })
    expect(r.q('claim-done').textContent).toContain('「路口文明劝导」已进入小区党支部书记的审核队列')
    r.unmount()
  })
})
