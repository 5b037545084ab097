import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { platform } from '@/services/platform'
import { hook } from '@/utils/cx'
import CheckBox from '../CheckBox'
import './index.scss'
import { a11y } from '@/utils/a11y'

export const PRIVACY_SUMMARY =
  '为完成双报到和积分核算，我们收集您的姓名、手机号、所在单位党支部和居住小区党支部；签到时可选择提供位置，仅用于核对是否在活动地点附近；自主申报时您选择的照片仅供小区党支部书记审核。' +
  '手机号除您本人和所属党支部书记外均以 138****1234 形式显示。信息仅用于在职党员双积分管理，不用于其他用途。'

function openGuide() {
  if (platform.openPrivacyContract) {
    platform.openPrivacyContract(() => Taro.showModal({ title: '隐私保护指引', content: PRIVACY_SUMMARY, showCancel: false }))
  } else {
    Taro.showModal({ title: '隐私保护指引', content: PRIVACY_SUMMARY, showCancel: false, confirmText: '知道了' })
  }
}

export interface PrivacyConsentProps {
  agreed: boolean
  onChange: (agreed: boolean) => void
}

/** The consent line under a form that collects personal data (WeChat 隐私保护指引). */
export default function PrivacyConsent({ agreed, onChange }: PrivacyConsentProps) {
  return (
    <View className='privacy-consent'>
      <CheckBox className={hook('register-consent')} checked={agreed} onChange={onChange} />
      <Text {...a11y('checkbox', { checked: agreed })} className='privacy-consent__text' onClick={() => onChange(!agreed)}>
        我已阅读并同意
        <Text
          {...a11y('link')}
          className='link privacy-consent__link'
          onClick={(e) => {
            e.stopPropagation()
            openGuide()
          }}
        >
          《隐私保护指引》
        </Text>
      </Text>
    </View>
  )
}

type PrivacyResolve = Parameters<Parameters<typeof platform.onNeedPrivacyAuthorization>[0]>[0]

/**
 * weapp: when a privacy-sensitive API (getPhoneNumber, getLocation) needs consent, WeChat asks the page to show
 * its own popup; agreeing goes through a Button with openType="agreePrivacyAuthorization".
 */
export function PrivacyPopup() {
  const [resolver, setResolver] = useState<PrivacyResolve | null>(null)
  useEffect(() => {
    platform.onNeedPrivacyAuthorization((resolve) => setResolver(() => resolve))
  }, [])
  if (!resolver) return null
  const close = (event: 'agree' | 'disagree') => {
    resolver(event === 'agree' ? { event, buttonId: 'privacy-agree' } : { event })
    setResolver(null)
  }
  return (
    <View className='privacy-popup'>
      <View className='privacy-popup__panel'>
        <Text className='privacy-popup__title'>隐私保护提示</Text>
        <Text className='privacy-popup__body'>{PRIVACY_SUMMARY}</Text>
        <Text {...a11y('link')} className='link privacy-popup__link' onClick={openGuide}>
          查看完整《隐私保护指引》
        </Text>
        <View className='btn-row'>
          <Button className='btn btn-gray' onClick={() => close('disagree')}>
            拒绝
          </Button>
          <Button
            id='privacy-agree'
            className='btn btn-primary'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={() => close('agree')}
          >
            同意
          </Button>
        </View>
      </View>
    </View>
  )
}
