import { useState } from 'react'
import type { RegisterResult } from '@/core/api-types'
import { ACTIONS } from '@/core/contracts'
import { phoneSchema } from '@/core/schema'
import { reloadMe, useBusy } from '@/hooks'
import { callAction } from '@/services/api'
import { showError, showInfo } from '@/services/feedback'
import { platform } from '@/services/platform'
import { privacyProblem } from '@/services/privacy'

/** The 双报到 form: what is typed, the consent, and the submit checked by the server's own schema first. */
export function useRegisterForm() {
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  // weapp: the cloud function turns this one-time code into WeChat's verified number; a typed number is refused there.
  const [phoneCode, setPhoneCode] = useState<string | null>(null)
  const [unitBranchId, setUnit] = useState<string | null>(null)
  const [estateBranchId, setEstate] = useState<string | null>(null)
  const [agreed, setAgreed] = useState(false)
  const { busy, run } = useBusy()
  const [result, setResult] = useState<RegisterResult | null>(null)

  const submit = async () => {
    if (!agreed) {
      showInfo('请先阅读并同意隐私保护指引', 1500)
      return
    }
    const base = { name: name.trim(), unitBranchId: unitBranchId ?? '', estateBranchId: estateBranchId ?? '' }
    const body = platform.verifiedPhone ? { ...base, phoneCode: phoneCode ?? '' } : { ...base, phone: phone.trim() }
    if (platform.verifiedPhone && !phoneCode) {
      showInfo('请先点击“微信手机号快捷验证”', 1500)
      return
    }
    try {
      // The same schema the server applies, so a mistake is named before anything is sent.
      ACTIONS['member.register'].body.parse(body, '')
      if (!platform.verifiedPhone) phoneSchema().parse(phone.trim(), 'phone')
    } catch (err) {
      showError(err)
      return
    }
    await run(async () => {
      try {
        setResult(await callAction('member.register', body))
        void reloadMe()
      } catch (err) {
        // A phone code is good for one use only: ask for a fresh one after a failed attempt.
        if (platform.verifiedPhone) setPhoneCode(null)
        throw err
      }
    })
  }

  const onGetPhoneNumber = (e: { detail: { code?: string; errMsg?: string } }) => {
    if (e.detail.code) setPhoneCode(e.detail.code)
    else showInfo(privacyProblem(e.detail) ?? '需要验证本人手机号才能报到', 1500)
  }

  return {
    name,
    setName,
    phone,
    setPhone,
    phoneCode,
    onGetPhoneNumber,
    unitBranchId,
    setUnit,
    estateBranchId,
    setEstate,
    agreed,
    setAgreed,
    busy,
    submit,
    result,
  }
}
