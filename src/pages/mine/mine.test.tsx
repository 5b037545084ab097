/** @jest-environment jsdom */
import Taro from '@tarojs/taro'
import type { MeData, NoticeView } from '@/core/api-types'
import { resetMe } from '@/hooks/useMe'
import { callAction } from '@/services/api'
import { activityUrl } from '@/utils/routes'
import { click, flush, render } from '../../../test/stubs/render'
import Mine from './index'

jest.mock('@/services/api', () => ({ ...jest.requireActual('@/services/api'), callAction: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>

const me: MeData = {
  openid: 'demo-member-3',
  member: { id: 'D003', name: '王伟', phone: '13800000003', unitBranchId: 'UB3', estateBranchId: 'E1', status: 'active' },
  roles: [],
}

async function open(notices: NoticeView[]) {
  mockCall.mockImplementation(((action: string) => {
    if (action === 'me.get') return Promise.resolve(me)
    if (action === 'notice.mine') return Promise.resolve(notices)
    return Promise.reject(new Error(`unexpected ${action}`))
  }) as never)
  const r = await render(<Mine />)
  await flush()
  await flush()
  return r
}

describe('我的 page notices', () => {
  beforeEach(() => {
    resetMe()
    mockCall.mockReset()
  })

  it('lists notices such as a cancelled activity with its reason, and opens the activity', async () => {
    const r = await open([
      {
        id: 'N1',
        title: '活动已取消：楼道清理',
        body: '您报名的“楼道清理”（2025-07-02 09:00）已取消。原因：暴雨预警',
        at: '2025-07-01T20:00:00.000+08:00',
        activityId: 'A1',
      },
    ])
    expect(mockCall).toHaveBeenCalledWith('notice.mine', {})
    expect(r.all('mine-notice')).toHaveLength(1)
    expect(r.q('mine-notice-title').textContent).toBe('活动已取消：楼道清理')
    expect(r.q('mine-notice-body').textContent).toContain('原因：暴雨预警')
    await click(r.q('mine-notice'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: activityUrl('A1') })
    r.unmount()
  })

  it('says so when there are none', async () => {
    const r = await open([])
    expect(r.q('mine-notices-empty').textContent).toContain('暂无通知')
    r.unmount()
  })
})
