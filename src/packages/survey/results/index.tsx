import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import AsyncView from '@/components/AsyncView'
import { useAction, usePullRefresh } from '@/hooks'
import { SURVEY_MIN_SAMPLE } from '@/core/survey'
import { cx, hook } from '@/utils/cx'
import { dateText, dateTimeText } from '@/utils/format'
import { surveyIdFrom } from '../scene'
import './index.scss'

/**
 * A survey's result (docs/DESIGN.md#satisfaction-surveys): per object the counts and 满意率 = (满意 + 基本满意) ÷ answers,
 * the sample size, 样本不足 under 30 answers, and the residents' comments (who wrote them: the county only).
 */
export default function SurveyResultsPage() {
  const router = useRouter()
  const surveyId = surveyIdFrom(router.params)
  const res = useAction('survey.results', surveyId ? { surveyId } : null, [surveyId])
  usePullRefresh(res.reload)
  return (
    <View className='page survey-results'>
      <AsyncView state={res} skeleton={{ cards: 3 }} idle={{ title: '没有指定测评', hint: '请从测评列表进入。' }}>
        {(d) => (
          <View>
            <View className={cx('card survey-results__head', hook('survey-results-head'))}>
              <Text className='survey-results__title'>{d.survey.title}</Text>
              <Text className='muted'>
                {d.survey.estateName} · {d.survey.period} ·{' '}
                {d.survey.status === 'open' ? '进行中' : `已结束（${dateText(d.survey.closedAt ?? undefined)}）`}
              </Text>
              <Text className={hook('survey-sample')}>样本量：{d.answers} 份</Text>
              <Text className={cx('survey-results__overall', hook('survey-overall'))}>综合满意率：{d.overallShown}</Text>
              {!d.enough ? (
                <Text className={cx('hint', hook('survey-too-few'))}>不足 {SURVEY_MIN_SAMPLE} 份，满意率显示为“样本不足”，人数仍可参考。</Text>
              ) : null}
            </View>
            {d.objects.map((o) => (
              <View key={o.object} className={cx('card survey-results__object', hook('survey-object'))}>
                <View className='survey-results__row'>
                  <Text className='survey-results__label'>{o.label}</Text>
                  <Text className={cx('survey-results__rate', hook('survey-rate'))}>{o.shown}</Text>
                </View>
                <Text className='muted'>
                  满意 {o.satisfied} · 基本满意 {o.basic} · 不满意 {o.dissatisfied}
                </Text>
              </View>
            ))}
            <View className='section-title'>
              <Text>意见建议（{d.comments.length}）</Text>
            </View>
            {d.comments.length === 0 ? <Text className='hint'>暂无留言</Text> : null}
            {d.comments.map((c, i) => (
              <View key={`${c.at}-${i}`} className={cx('card survey-results__comment', hook('survey-comment-item'))}>
                <Text>{c.comment}</Text>
                <Text className='muted'>
                  {dateTimeText(c.at)}
                  {c.respondent ? ` · 作答人 ${c.respondent}` : ''}
                </Text>
              </View>
            ))}
          </View>
        )}
      </AsyncView>
    </View>
  )
}
