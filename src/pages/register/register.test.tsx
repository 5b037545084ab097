/** @jest-environment jsdom */
import { act } from 'react'
import Taro from '@tarojs/taro'
import { resetMe } from '@/hooks/useMe'
import { callAction } from '@/services/api'
import { click, flush, render } from '../../../test/stubs/render'
import Register from './index'

jest.mock('@/services/api', () => ({ ...jest.requireActual('@/services/api'), callAction: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>

async function type(el: HTMLElement, value: string) {
  const input = el.tagName === 'INPUT' || el.tagName === 'SELECT' ? el : (el.querySelector('input, select') as HTMLElement)
  await act(async () => {
    const proto = input.tagName === 'SELECT' ? HTMLSelectElement.prototype : HTMLInputElement.prototype
    Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(input, value)
    input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }))
  })
}

describe('双报到 page', () => {
  beforeEach(() => {
    resetMe()
    mockCall.mockReset()
    ;(Taro.showToast as jest.Mock).mockClear()
    mockCall.mockImplementation(((action: string, body: { kind?: string }) => {
      if (action === 'me.get') return Promise.resolve({ openid: 'new-user', roles: [] })
      if (action === 'org.list')
        return Promise.resolve(
          body.kind === 'unitBranch'
            ? [{ id: 'UB1', kind: 'unitBranch', name: '县财政局机关党支部' }]
            : [{ id: 'E1', kind: 'estate', name: '幸福里小区党支部' }],
        )
      if (action === 'member.register') return Promise.resolve({ memberId: 'M9', status: 'pending' })
      return Promise.reject(new Error(`unexpected ${action}`))
    }) as never)
  })

  it('needs privacy consent, then submits name, phone and both branches', async () => {
    const r = await render(<Register />)
    await flush()
    await flush()
    await type(r.q('register-name'), '李四')
    await type(r.q('register-phone'), '13912345678')
    // The jest stub of Picker exposes a <select> over the option labels (index values).
    await type(r.q('register-unit').parentElement!.querySelector('select') as HTMLElement, '0')
    await type(r.q('register-estate').parentElement!.querySelector('select') as HTMLElement, '0')

    await click(r.q('register-submit'))
    expect(mockCall).not.toHaveBeenCalledWith('member.register', expect.anything())
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请先阅读并同意隐私保护指引' }))

    await click(r.q('register-consent'))
    await click(r.q('register-submit'))
    await flush()
    expect(mockCall).toHaveBeenCalledWith('member.register', { name: '李四', phone: '13912345678', unitBranchId: 'UB1', estateBranchId: 'E1' })
    expect(r.q('register-result').textContent).toContain('已提交，等待审核')
    r.unmount()
  })

  it('names a bad phone number before sending anything', async () => {
    const r = await render(<Register />)
    await flush()
    await flush()
    await type(r.q('register-name'), '李四')
    await type(r.q('register-phone'), '12345')
    await type(r.q('register-unit').parentElement!.querySelector('select') as HTMLElement, '0')
    await type(r.q('register-estate').parentElement!.querySelector('select') as HTMLElement, '0')
    await click(r.q('register-consent'))
    await click(r.q('register-submit'))
    expect(mockCall).not.toHaveBeenCalledWith('member.register', expect.anything())
    const shown = [...(Taro.showToast as jest.Mock).mock.calls, ...(Taro.showModal as jest.Mock).mock.calls].map((c) => JSON.stringify(c[0]))
    expect(shown.join()).toContain('手机号')
    r.unmount()
  })
})
