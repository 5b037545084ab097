import Taro from '@tarojs/taro'
import { callAction } from './api'
import { clearQueueResults, flushCheckinQueue, pendingCount, queueState, submitCode, subscribeQueue } from './checkin-queue'
import { ActionError } from './errors'

jest.mock('./api', () => ({ callAction: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>
const ok = { attendanceId: 'a1', activityId: 'act1', activityTitle: '清洁', status: 'pending' as const, repeated: false, flags: ['late_submit'] }

describe('offline check-in queue', () => {
  beforeEach(() => {
    mockCall.mockReset()
    Taro.setStorageSync('dsj.checkinQueue', [])
    Taro.setStorageSync('dsj.checkinQueueResults', [])
  })

  it('queues a check-in whose call met a network failure, and retries it with queued: true', async () => {
    mockCall.mockRejectedValueOnce(new ActionError('NETWORK', '网络不给力'))
    const first = await submitCode('activity.checkin', { activityId: 'act1', shortCode: '123456' })
    expect(first).toEqual({ result: null, queued: true })
    expect(pendingCount()).toBe(1)

    mockCall.mockResolvedValueOnce(ok)
    const done = await flushCheckinQueue()
    expect(done).toEqual([expect.objectContaining({ kind: 'activity.checkin', ok: true, result: ok })])
    expect(queueState().results).toEqual(done)
    expect(mockCall).toHaveBeenLastCalledWith('activity.checkin', {
      activityId: 'act1',
      shortCode: '123456',
      queued: true,
      scannedAt: expect.any(String),
    })
    expect(pendingCount()).toBe(0)
  })

  it('records when the code was scanned and sends it as scannedAt on retry, keeping the first scan of a repeated one', async () => {
    const scanned = Date.parse('2025-07-01T10:00:10+08:00')
    const now = jest.spyOn(Date, 'now').mockReturnValue(scanned)
    try {
      mockCall.mockImplementation(async () => {
        now.mockReturnValue(Date.now() + 20_000) // the failing call takes 20 s to time out
        throw new ActionError('NETWORK', '网络不给力')
      })
      await submitCode('activity.checkout', { activityId: 'act1', shortCode: '654321' })
      expect(queueState().pending).toEqual([expect.objectContaining({ kind: 'activity.checkout', scannedAt: scanned, at: scanned + 20_000 })])
      // The member tries the same code again a minute later: still one call, still the first scan time.
      now.mockReturnValue(scanned + 60_000)
      await submitCode('activity.checkout', { activityId: 'act1', shortCode: '654321' })
      expect(queueState().pending).toEqual([expect.objectContaining({ scannedAt: scanned })])

      mockCall.mockReset()
      mockCall.mockResolvedValueOnce(ok)
      now.mockReturnValue(scanned + 3600_000)
      await flushCheckinQueue()
      expect(mockCall).toHaveBeenCalledWith('activity.checkout', {
        activityId: 'act1',
        shortCode: '654321',
        queued: true,
        scannedAt: '2025-07-01T02:00:10.000Z',
      })
      expect(pendingCount()).toBe(0)
    } finally {
      now.mockRestore()
    }
  })

  it('retries a call queued by an older version (no scannedAt) with the time it was queued', async () => {
    const at = Date.parse('2025-07-01T09:30:00+08:00')
    Taro.setStorageSync('dsj.checkinQueue', [{ kind: 'activity.checkin', body: { activityId: 'act1', shortCode: '111111' }, at }])
    const now = jest.spyOn(Date, 'now').mockReturnValue(at + 600_000)
    try {
      mockCall.mockResolvedValueOnce(ok)
      await flushCheckinQueue()
      expect(mockCall).toHaveBeenCalledWith('activity.checkin', {
        activityId: 'act1',
        shortCode: '111111',
        queued: true,
        scannedAt: new Date(at).toISOString(),
      })
    } finally {
      now.mockRestore()
    }
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

  it("keeps the server's refusal of a queued call as a result the member can read, and drops the call", async () => {
    mockCall.mockRejectedValueOnce(new ActionError('NETWORK', '网络不给力'))
    await submitCode('activity.checkin', { code: 'DSJ1.z' })
    mockCall.mockRejectedValueOnce(new ActionError('OUT_OF_WINDOW', '已超过补交期限（活动结束后 2 小时）'))
    const seen = jest.fn()
    const unsubscribe = subscribeQueue(seen)
    const done = await flushCheckinQueue()
    unsubscribe()
    expect(done).toEqual([expect.objectContaining({ ok: false, message: '已超过补交期限（活动结束后 2 小时）' })])
    expect(queueState()).toEqual({ pending: [], results: done })
    expect(seen).toHaveBeenCalled()
    expect(Taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '排队的签到有 1 条未成功，请到签到页查看' }))
    clearQueueResults()
    expect(queueState().results).toEqual([])
  })

  it('gives up a call queued more than a day ago without sending it, and says so', async () => {
    Taro.setStorageSync('dsj.checkinQueue', [{ kind: 'activity.checkin', body: { code: 'DSJ1.old' }, at: Date.now() - 25 * 3600_000 }])
    const done = await flushCheckinQueue()
    expect(mockCall).not.toHaveBeenCalled()
    expect(done).toEqual([expect.objectContaining({ ok: false, message: expect.stringContaining('超过 24 小时') })])
    expect(pendingCount()).toBe(0)
  })

  it('sends nothing and reports nothing when the queue is empty', async () => {
    expect(await flushCheckinQueue()).toEqual([])
    expect(mockCall).not.toHaveBeenCalled()
  })
})
