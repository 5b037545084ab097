import { useEffect, useState } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { SurveyForm } from '@/core/api-types'
import { SURVEY_COMMENT_MAX, type SurveyChoice, type SurveyObject } from '@/core/survey'
import AsyncView from '@/components/AsyncView'
import Field from '@/components/Field'
import { useAction, useBusy } from '@/hooks'
import { callAction } from '@/services/api'
import { showInfo, showSuccess } from '@/services/feedback'
import { a11y } from '@/utils/a11y'
import { cx, hook } from '@/utils/cx'
import { dateTimeText } from '@/utils/format'
import { surveyIdFrom } from '../scene'
import './index.scss'

type Picks = Partial<Record<SurveyObject, SurveyChoice>>

/**
 * 满意度测评 for residents (docs/DESIGN.md#satisfaction-surveys): opened from the poster, no registration — three
 * questions and an optional comment; one answer per WeChat user, changeable until the community closes the survey.
 */
export default function SurveyAnswer() {
  const router = useRouter()
  const surveyId = surveyIdFrom(router.params)
  const form = useAction('survey.form', surveyId ? { surveyId } : null, [surveyId])
  return (
    <View className='page survey-answer'>
      <AsyncView state={form} skeleton={{ cards: 3 }} idle={{ title: '没有找到测评', hint: '请扫描社区张贴的测评二维码进入。' }}>
        {(f) => <AnswerForm form={f} onSaved={() => void form.reload()} />}
      </AsyncView>
    </View>
  )
}

function AnswerForm({ form, onSaved }: { form: SurveyForm; onSaved: () => void }) {
  const [picks, setPicks] = useState<Picks>({})
  const [comment, setComment] = useState('')
  const save = useBusy()
  const mine = form.mine
  useEffect(() => {
    if (!mine) return
    setPicks({ branch: mine.branch, committee: mine.committee, property: mine.property })
    setComment(mine.comment ?? '')
  }, [mine])
  const closed = form.status === 'closed'
  const missing = form.objects.filter((o) => !picks[o.object])

  const submit = () =>
    save.run(async () => {
      if (missing.length) {
        showInfo(`请选择对${missing[0].label}的满意程度`)
        return
      }
      const text = comment.trim()
      await callAction('survey.answer', {
        surveyId: form.surveyId,
        branch: picks.branch as SurveyChoice,
        committee: picks.committee as SurveyChoice,
        property: picks.property as SurveyChoice,
        ...(text ? { comment: text } : {}),
      })
      showSuccess(mine ? '已修改，感谢参与' : '已提交，感谢参与')
      onSaved()
    })

  return (
    <View>
      <View className={cx('card survey-answer__head', hook('survey-head'))}>
        <Text className='survey-answer__title'>{form.title}</Text>
        <Text className='muted'>
          {form.estateName} · {form.period}
        </Text>
        <Text className='hint'>无需注册，每个微信号一份答卷；测评结束前可随时修改。您的身份不会向社区公开。</Text>
      </View>
      {closed ? <View className={cx('notice', hook('survey-closed'))}>本次测评已结束，感谢关注。</View> : null}
      {mine ? (
        <View className={cx('card', hook('survey-mine'))}>
          <Text>
            您已于 {dateTimeText(mine.at)} 提交。{closed ? '' : '如需修改，改好后再次提交即可。'}
          </Text>
        </View>
      ) : null}
      {form.objects.map((o, i) => (
        <View key={o.object} className={cx('card survey-answer__question', hook('survey-question'))}>
          <Text className='survey-answer__q'>
            {i + 1}. 您对{o.label}的工作是否满意？
          </Text>
          <View className='survey-answer__choices'>
            {form.choices.map((c) => {
              const on = picks[o.object] === c.choice
              return (
                <View
                  key={c.choice}
                  className={cx('survey-answer__choice', on && 'survey-answer__choice--on', hook(`survey-choice-${o.object}-${c.choice}`))}
                  {...a11y('checkbox', { checked: on, label: `${o.label}：${c.label}`, disabled: closed })}
                  onClick={() => !closed && setPicks((p) => ({ ...p, [o.object]: c.choice }))}
                >
                  <Text>{c.label}</Text>
                </View>
              )
            })}
          </View>
        </View>
      ))}
      <View className='card'>
        <Field label='意见建议（选填）'>
          <Textarea
            className={cx('field-textarea', hook('survey-comment'))}
            value={comment}
            maxlength={SURVEY_COMMENT_MAX}
            disabled={closed}
            placeholder='对小区党支部、业委会或物业的意见和建议'
            onInput={(e) => setComment(e.detail.value)}
          />
        </Field>
        {/* Keyed by its label: Taro's H5 button re-renders its loading icon beside the text, which a changed label confuses. */}
        <Button
          key={mine ? 'change' : 'first'}
          className={cx('btn btn-primary', hook('survey-submit'))}
          disabled={save.busy || closed || undefined}
          loading={save.busy}
          onClick={() => void submit()}
        >
          {mine ? '修改答卷' : '提交答卷'}
        </Button>
      </View>
    </View>
  )
}
