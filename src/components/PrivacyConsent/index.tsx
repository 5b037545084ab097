import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { platform } from '@/services/platform'
import { hook } from '@/utils/cx'
import CheckBox from '../CheckBox'
import './index.scss'
import { a11y } from '@/utils/a11y'

export const PRIVACY_SUMMARY =
  '为完成双报到和积分核算，我们收集您的姓名、手机号、所在单位党支部和居住小区党支部；签到时可选择提供位置，仅用于核对是否在活动地点附近；自主申报时您选择的照片仅供小区党支部书记审核。' +
  '书记发布活动时可用当前位置或在地图上选点作为签到地点；单位党支部书记导入的表格仅用于读取积分。' +
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

/**
 * The consent line under a form that collects personal data (the registration form: name, phone, branches).
 * WeChat's own consent to its privacy APIs (location, phone number, photos, files, saving to the album) is not asked
 * here: the app registers no onNeedPrivacyAuthorization listener, so WeChat shows its official popup on whatever
 * page first calls one (docs/DESIGN.md#privacy-consent-and-updates).
 */
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
