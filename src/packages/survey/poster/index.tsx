import { Image, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import AsyncView from '@/components/AsyncView'
import { useAction } from '@/hooks'
import { cx, hook } from '@/utils/cx'
import { surveyIdFrom } from '../scene'
import './index.scss'

/**
 * 测评海报: a simple printable sheet — the survey, its estate and period, the static 小程序码 (wxacode on WeChat, a QR
 * locally) and what residents are asked to do (docs/DESIGN.md#satisfaction-surveys). Screenshot or print it.
 */
export default function SurveyPosterPage() {
  const router = useRouter()
  const surveyId = surveyIdFrom(router.params)
  const poster = useAction('survey.poster', surveyId ? { surveyId } : null, [surveyId])
  return (
    <View className='page survey-poster'>
      <AsyncView state={poster} skeleton={{ cards: 1, lines: 8 }} idle={{ title: '没有指定测评', hint: '请从测评列表进入。' }}>
        {(p) => (
          <View className={cx('card survey-poster__sheet', hook('survey-poster-sheet'))}>
            <Text className='survey-poster__estate'>{p.estateName}</Text>
            <Text className={cx('survey-poster__title', hook('survey-poster-title'))}>{p.title}</Text>
            <Text className='muted'>{p.period}</Text>
            {/* scaleToFill: the code is square in a square box, and Taro's H5 aspectFit shifts it off centre here. */}
            <Image className={cx('survey-poster__code', hook('survey-poster-code'))} src={p.qrImage} mode='scaleToFill' showMenuByLongpress />
            <Text className='survey-poster__call'>微信扫一扫，参与满意度测评</Text>
            <Text className='survey-poster__rules'>
              对小区党支部、业主委员会、物业服务企业的工作作出评价。无需注册，每人一份，测评结束前可修改；您的身份不向社区公开。
            </Text>
          </View>
        )}
      </AsyncView>
    </View>
  )
}
