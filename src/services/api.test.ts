import { callAction } from './api'
import { ActionError } from './errors'
import { send } from './transport'

jest.mock('./transport', () => ({ send: jest.fn() }))
const mockSend = send as jest.MockedFunction<typeof send>

describe('callAction', () => {
  beforeEach(() => mockSend.mockReset())

  it('resolves with the data of an ok envelope', async () => {
    mockSend.mockResolvedValue({ ok: true, data: { year: 2025, total: 88.63 } })
    await expect(callAction('score.mine', { year: 2025 })).resolves.toEqual({ year: 2025, total: 88.63 })
    expect(mockSend).toHaveBeenCalledWith('score.mine', { year: 2025 })
  })

  it('rejects with an ActionError carrying the server code and Chinese message', async () => {
    mockSend.mockResolvedValue({ ok: false, error: { code: 'CODE_EXPIRED', message: '签到码已过期，请扫描最新的二维码' } })
    const err = await callAction('activity.checkin', { code: 'x' }).catch((e) => e)
    expect(err).toBeInstanceOf(ActionError)
    expect(err.code).toBe('CODE_EXPIRED')
    expect(err.message).toBe('签到码已过期，请扫描最新的二维码')
  })

  it('turns a transport failure into a NETWORK error', async () => {
    mockSend.mockRejectedValue(new TypeError('Failed to fetch'))
    await expect(callAction('me.get', {})).rejects.toMatchObject({ code: 'NETWORK' })
  })
})
