/** @jest-environment jsdom */
// A privacy API stopped by WeChat's privacy popup says why, in Chinese; a cancelled picker stays silent.
import Taro from '@tarojs/taro'
import PhotoPicker from '@/components/PhotoPicker'
import { click, flush, render } from '../../test/stubs/render'
import { PRIVACY_REFUSED, PRIVACY_UNDECLARED, privacyProblem } from './privacy'

describe('privacyProblem', () => {
  it('tells a refusal and an undeclared API apart from a cancel', () => {
    expect(privacyProblem({ errMsg: 'chooseMedia:fail privacy permission is not authorized' })).toBe(PRIVACY_REFUSED)
    expect(privacyProblem({ errMsg: 'getPhoneNumber:fail privacy permission is not authorized' })).toBe(PRIVACY_REFUSED)
    expect(privacyProblem({ errMsg: 'chooseMessageFile:fail api scope is not declared in the privacy agreement' })).toBe(PRIVACY_UNDECLARED)
    expect(privacyProblem({ errMsg: 'chooseMedia:fail cancel' })).toBeNull()
    expect(privacyProblem(new Error('网络不给力'))).toBeNull()
    expect(privacyProblem(null)).toBeNull()
  })
})

describe('PhotoPicker after a privacy refusal', () => {
  const chooseMedia = Taro.chooseMedia as jest.Mock
  const showToast = Taro.showToast as jest.Mock
  beforeEach(() => showToast.mockClear())

  it('says the guide must be agreed to, and adds nothing', async () => {
    const onChange = jest.fn()
    const r = await render(<PhotoPicker photos={[]} onChange={onChange} hook='t' />)
    chooseMedia.mockRejectedValueOnce({ errMsg: 'chooseMedia:fail privacy permission is not authorized' })
    await click(r.q('t-photo-add'))
    await flush()
    expect(chooseMedia).toHaveBeenLastCalledWith(expect.objectContaining({ mediaType: ['image'], sourceType: ['album', 'camera'] }))
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: PRIVACY_REFUSED }))
    expect(onChange).not.toHaveBeenCalled()
    r.unmount()
  })

  it('a cancelled picker stays silent', async () => {
    const onChange = jest.fn()
    const r = await render(<PhotoPicker photos={[]} onChange={onChange} hook='t' />)
    chooseMedia.mockRejectedValueOnce({ errMsg: 'chooseMedia:fail cancel' })
    await click(r.q('t-photo-add'))
    await flush()
    expect(showToast).not.toHaveBeenCalled()
    expect(onChange).not.toHaveBeenCalled()
    r.unmount()
  })
})
