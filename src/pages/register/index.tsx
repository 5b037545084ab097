import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { RegisterResult } from '@/core/api-types'
import { ACTIONS } from '@/core/contracts'
import { phoneSchema } from '@/core/schema'
import ErrorView from '@/components/ErrorView'
import OptionPicker from '@/components/OptionPicker'
import PrivacyConsent, { PrivacyPopup } from '@/components/PrivacyConsent'
import Skeleton from '@/components/Skeleton'
import { reloadMe, useAction, useMe } from '@/hooks'
import { callAction, rowsOf } from '@/services/api'
import { showError } from '@/services/feedback'
import './index.scss'

const isWeapp = process.env.TARO_ENV === 'weapp'

export default function Register() {
  const { me, loading, error, reload } = useMe()
  const units = useAction('org.list', { kind: 'unitBranch' }, [])
  const estates = useAction('org.list', { kind: 'estate' }, [])
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  // weapp: the cloud function turns this one-time code into WeChat's verified number; a typed number is refused there.
  const [phoneCode, setPhoneCode] = useState<string | null>(null)
  const [unitBranchId, setUnit] = useState<string | null>(null)
  const [estateBranchId, setEstate] = useState<string | null>(null)
  const [agreed, setAgreed] = useState(false)
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<RegisterResult | null>(null)

  const submit = async () => {
    if (!agreed) {
      Taro.showToast({ title: '请先阅读并同意隐私保护指引', icon: 'none' })
      return
    }
    const base = { name: name.trim(), unitBranchId: unitBranchId ?? '', estateBranchId: estateBranchId ?? '' }
    const body = isWeapp ? { ...base, phoneCode: phoneCode ?? '' } : { ...base, phone: phone.trim() }
    if (isWeapp && !phoneCode) {
      Taro.showToast({ title: '请先点击“微信手机号快捷验证”', icon: 'none' })
      return
    }
    try {
      // The same schema the server applies, so a mistake is named before anything is sent.
      ACTIONS['member.register'].body.parse(body, '')
      if (!isWeapp) phoneSchema().parse(phone.trim(), 'phone')
    } catch (err) {
      showError(err)
      return
    }
    setBusy(true)
    try {
      const r = await callAction('member.register', body)
      setResult(r)
      void reloadMe()
    } catch (err) {
      // A phone code is good for one use only: ask for a fresh one after a failed attempt.
      if (isWeapp) setPhoneCode(null)
      showError(err)
    } finally {
      setBusy(false)
    }
  }

  const onGetPhoneNumber = (e: { detail: { code?: string; errMsg?: string } }) => {
    if (e.detail.code) setPhoneCode(e.detail.code)
    else Taro.showToast({ title: '需要验证本人手机号才能报到', icon: 'none' })
  }

  if (error) return <View className='page'>{<ErrorView error={error} onRetry={reload} />}</View>
  if (loading || !me) return <View className='page'>{<Skeleton cards={2} lines={4} />}</View>

  if (result) {
    const active = result.status === 'active'
    return (
      <View className='page register'>
        <View className={`card register__result register-result register-result--${result.status}`}>
          <Text className='register__result-icon'>{active ? '✓' : '…'}</Text>
          <Text className='register__result-title'>{active ? '报到成功' : '已提交，等待审核'}</Text>
          <Text className='hint'>
            {active
              ? '您的信息与党员名册一致，已完成双报到。现在可以参加小区活动、签到积分了。'
              : '您的报到已提交给小区党支部书记，审核通过后即可参加活动、累计积分。'}
          </Text>
          <Button className='btn btn-primary' onClick={() => Taro.switchTab({ url: '/pages/index/index' })}>
            返回首页
          </Button>
        </View>
      </View>
    )
  }

  const m = me.member
  if (m && (m.status === 'active' || m.status === 'pending')) {
    return (
      <View className='page register'>
        <View className='card register-done'>
          <Text className='register__result-title'>{m.status === 'active' ? '您已完成双报到' : '您的报到正在审核'}</Text>
          <Text className='hint'>
            {m.name} · {m.unitBranchName ?? m.unitBranchId} · {m.estateBranchName ?? m.estateBranchId}
          </Text>
          <Text className='hint'>搬家或调换工作单位时，请联系小区党支部书记办理转接，已获得的积分会保留在原支部。</Text>
        </View>
      </View>
    )
  }

  const unitOptions = rowsOf(units.data).map((o) => ({ value: o.id, label: o.name }))
  const estateOptions = rowsOf(estates.data).map((o) => ({ value: o.id, label: o.name }))

  return (
    <View className='page register'>
      {isWeapp ? <PrivacyPopup /> : null}
      <View className='notice'>在职党员向居住地小区党支部报到。信息与党员名册一致的立即生效，否则由小区党支部书记审核。</View>
      <View className='card'>
        <View className='field'>
          <Text className='field-label'>姓名</Text>
          <Input
            className='field-input register-name'
            value={name}
            maxlength={20}
            placeholder='请输入真实姓名'
            onInput={(e) => setName(e.detail.value)}
          />
        </View>
        <View className='field'>
          <Text className='field-label'>手机号</Text>
          {isWeapp ? (
            phoneCode ? (
              <Text className='field-picker register-phone-verified'>✓ 已验证微信绑定的本人手机号</Text>
            ) : (
              <Button className='btn btn-plain register-getphone' openType='getPhoneNumber' onGetPhoneNumber={onGetPhoneNumber}>
                微信手机号快捷验证
              </Button>
            )
          ) : (
            <Input
              className='field-input register-phone'
              type='number'
              value={phone}
              maxlength={11}
              placeholder='11 位手机号'
              onInput={(e) => setPhone(e.detail.value)}
            />
          )}
        </View>
        <View className='field'>
          <Text className='field-label'>单位党支部</Text>
          {units.error ? (
            <Text className='hint'>{units.error.message}</Text>
          ) : (
            <OptionPicker
              className='register-unit'
              options={unitOptions}
              value={unitBranchId}
              onChange={setUnit}
              placeholder='请选择工作单位的党支部'
            />
          )}
        </View>
        <View className='field'>
          <Text className='field-label'>小区党支部</Text>
          {estates.error ? (
            <Text className='hint'>{estates.error.message}</Text>
          ) : (
            <OptionPicker
              className='register-estate'
              options={estateOptions}
              value={estateBranchId}
              onChange={setEstate}
              placeholder='请选择居住小区的党支部'
            />
          )}
        </View>
        <PrivacyConsent agreed={agreed} onChange={setAgreed} />
        <Button className='btn btn-primary register-submit' disabled={busy || undefined} loading={busy} onClick={submit}>
          提交报到
        </Button>
      </View>
    </View>
  )
}
