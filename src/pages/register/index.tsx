import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MeData, RegisterResult } from '@/core/api-types'
import ErrorView from '@/components/ErrorView'
import Field from '@/components/Field'
import OptionPicker from '@/components/OptionPicker'
import PrivacyConsent from '@/components/PrivacyConsent'
import Skeleton from '@/components/Skeleton'
import { type ActionState, useAction, useMe } from '@/hooks'
import type { ResultOf } from '@/services/api'
import { platform } from '@/services/platform'
import { cx, hook } from '@/utils/cx'
import { HOME_URL } from '@/utils/routes'
import { useRegisterForm } from './useRegisterForm'
import './index.scss'

export default function Register() {
  const { me, loading, error, reload } = useMe()
  const form = useRegisterForm()
  const units = useAction('org.list', { kind: 'unitBranch' }, [])
  const estates = useAction('org.list', { kind: 'estate' }, [])

  if (error) return <View className='page'>{<ErrorView error={error} onRetry={reload} />}</View>
  if (loading || !me) return <View className='page'>{<Skeleton cards={2} lines={4} />}</View>
  if (form.result) return <Registered result={form.result} />
  const m = me.member
  if (m && (m.status === 'active' || m.status === 'pending')) return <AlreadyRegistered m={m} />
  return <RegisterForm form={form} units={units} estates={estates} />
}

/** Just submitted: in at once when the roster matches, otherwise waiting for the estate secretary. */
function Registered({ result }: { result: RegisterResult }) {
  const active = result.status === 'active'
  return (
    <View className='page register'>
      <View className={cx('card register__result', hook('register-result', `register-result--${result.status}`))}>
        <Text className='register__result-icon'>{active ? '✓' : '…'}</Text>
        <Text className='register__result-title'>{active ? '报到成功' : '已提交，等待审核'}</Text>
        <Text className='hint'>
          {active
            ? '您的信息与党员名册一致，已完成双报到。现在可以参加小区活动、签到积分了。'
            : '您的报到已提交给小区党支部书记，审核通过后即可参加活动、累计积分。'}
        </Text>
        <Button className='btn btn-primary' onClick={() => Taro.switchTab({ url: HOME_URL })}>
          返回首页
        </Button>
      </View>
    </View>
  )
}

function AlreadyRegistered({ m }: { m: NonNullable<MeData['member']> }) {
  return (
    <View className='page register'>
      <View className={cx('card', hook('register-done'))}>
        <Text className='register__result-title'>{m.status === 'active' ? '您已完成双报到' : '您的报到正在审核'}</Text>
        <Text className='hint'>
          {m.name} · {m.unitBranchName ?? m.unitBranchId} · {m.estateBranchName ?? m.estateBranchId}
        </Text>
        <Text className='hint'>搬家或调换工作单位时，请联系小区党支部书记办理转接，已获得的积分会保留在原支部。</Text>
      </View>
    </View>
  )
}

type Orgs = ActionState<ResultOf<'org.list'>>

function RegisterForm({ form, units, estates }: { form: ReturnType<typeof useRegisterForm>; units: Orgs; estates: Orgs }) {
  const unitOptions = (units.data ?? []).map((o) => ({ value: o.id, label: o.name }))
  const estateOptions = (estates.data ?? []).map((o) => ({ value: o.id, label: o.name }))

  return (
    <View className='page register'>
      <View className='notice'>在职党员向居住地小区党支部报到。信息与党员名册一致的立即生效，否则由小区党支部书记审核。</View>
      <View className='card'>
        <Field label='姓名'>
          <Input
            className={cx('field-input', hook('register-name'))}
            value={form.name}
            maxlength={20}
            placeholder='请输入真实姓名'
            onInput={(e) => form.setName(e.detail.value)}
          />
        </Field>
        <Field label='手机号'>
          {!platform.verifiedPhone ? (
            <Input
              className={cx('field-input', hook('register-phone'))}
              type='number'
              value={form.phone}
              maxlength={11}
              placeholder='11 位手机号'
              onInput={(e) => form.setPhone(e.detail.value)}
            />
          ) : form.phoneCode ? (
            <Text className={cx('field-picker', hook('register-phone-verified'))}>✓ 已验证微信绑定的本人手机号</Text>
          ) : (
            <Button className={cx('btn btn-plain', hook('register-getphone'))} openType='getPhoneNumber' onGetPhoneNumber={form.onGetPhoneNumber}>
              微信手机号快捷验证
            </Button>
          )}
        </Field>
        <Field label='单位党支部'>
          {units.error ? (
            <Text className='hint'>{units.error.message}</Text>
          ) : (
            <OptionPicker
              className={hook('register-unit')}
              options={unitOptions}
              value={form.unitBranchId}
              onChange={form.setUnit}
              placeholder='请选择工作单位的党支部'
            />
          )}
        </Field>
        <Field label='小区党支部'>
          {estates.error ? (
            <Text className='hint'>{estates.error.message}</Text>
          ) : (
            <OptionPicker
              className={hook('register-estate')}
              options={estateOptions}
              value={form.estateBranchId}
              onChange={form.setEstate}
              placeholder='请选择居住小区的党支部'
            />
          )}
        </Field>
        <PrivacyConsent agreed={form.agreed} onChange={form.setAgreed} />
        <Button
          className={cx('btn btn-primary', hook('register-submit'))}
          disabled={form.busy || undefined}
          loading={form.busy}
          onClick={form.submit}
        >
          提交报到
        </Button>
      </View>
    </View>
  )
}
