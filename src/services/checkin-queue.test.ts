import Taro from '@tarojs/taro'
import { callAction } from './api'
import { flushCheckinQueue, pendingCount, submitCode } from './checkin-queue'
import { ActionError } from './errors'

jest.mock('./api', () => ({ callAction: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>
const ok = { attendanceId: 'a1', activityId: 'act1', activityTitle: '清洁', status: 'pending' as const, repeated: false, flags: ['late_submit'] }

describe('offline check-in queue', () => {
  beforeEach(() => {
    mockCall.mockReset()
    Taro.setStorageSync('dsj.checkinQueue', [])
  })

  it('queues a check-in whose call met a network failure, and retries it with queued: true', async () => {
    mockCall.mockRejectedValueOnce(new ActionError('NETWORK', '网络不给力'))
    const first = await submitCode('activity.checkin', { activityId: 'act1', shortCode: '123456' })
    expect(first).toEqual({ result: null, queued: true })
    expect(pendingCount()).toBe(1)

    mockCall.mockResolvedValueOnce(ok)
    const done = await flushCheckinQueue()
    expect(done).toEqual([ok])
    expect(mockCall).toHaveBeenLastCalledWith('activity.checkin', { activityId: 'act1', shortCode: '123456', queued: true })
    expect(pendingCount()).toBe(0)
  })

  it('does not queue a call the server refused (e.g. an expired code)', async () => {
    mockCall.mockRejectedValueOnce(new ActionError('CODE_EXPIRED', '签到码已过期'))
    await expect(submitCode('activity.checkin', { code: 'DSJ1.x' })).rejects.toMatchObject({ code: 'CODE_EXPIRED' })
    expect(pendingCount()).toBe(0)
  })

  it('keeps a queued call that fails on the network again, and stores the same scan once', async () => {
    mockCall.mockRejectedValue(new ActionError('NETWORK', '网络不给力'))
    await submitCode('activity.checkin', { code: 'DSJ1.y' })
    await submitCode('activity.checkin', { code: 'DSJ1.y' })
    expect(pendingCount()).toBe(1)
    await flushCheckinQueue()
    expect(pendingCount()).toBe(1)
  })
})
