import { useState } from 'react'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import type { AppealView } from '@/core/api-types'
import { useBusy } from '@/hooks/useBusy'
import { callAction } from '@/services/api'
import { showInfo } from '@/services/feedback'
import { APPEAL_STATUS_LABEL, APPEAL_TARGET_LABEL } from '@/utils/appeal'
import { cx, hook } from '@/utils/cx'
import { dateTimeText, parseSignedScore, signedPoints } from '@/utils/format'

/** One appeal: open ones get an answer (accepted, optionally with a points adjustment, or not); closed ones show it. */
export default function AppealItem({ a, onDone }: { a: AppealView; onDone: () => Promise<void> }) {
  const [answer, setAnswer] = useState('')
  const [points, setPoints] = useState('')
  const { busy, run } = useBusy()

  const resolve = async (decision: 'accept' | 'reject') => {
    const reason = answer.trim()
    if (!reason) {
      showInfo('请填写答复理由')
      return
    }
    let adjust: number | undefined
    if (points.trim()) {
      const n = parseSignedScore(points)
      if (n === null || n < -100 || n > 100 || n === 0) {
        showInfo('调整分值应为 -100 到 100 之间、最多两位小数的非零数')
        return
      }
      if (decision === 'reject') {
        showInfo('不采纳时不调整分值，请清空调整分值')
        return
      }
      adjust = n
    }
    await run(async () => {
      await callAction('appeal.resolve', { appealId: a.appealId, decision, reason, ...(adjust !== undefined ? { points: adjust } : {}) })
      showInfo(decision === 'accept' ? (adjust ? `已采纳，${signedPoints(adjust)} 分` : '已采纳') : '已答复')
      await onDone()
    })
  }

  return (
    <View className={cx('card publicity__appeal', hook('publicity-appeal', `publicity-appeal--${a.status}`))}>
      <View className='publicity__appeal-head'>
        <Text className='publicity__appeal-name'>{a.memberName || a.memberId}</Text>
        <Text className='muted'>{APPEAL_STATUS_LABEL[a.status]}</Text>
      </View>
      <Text className='muted'>
        对{APPEAL_TARGET_LABEL[a.target]}的申诉{a.targetTitle ? `（${a.targetTitle}）` : ''} · {dateTimeText(a.createdAt)}
      </Text>
      <Text className='publicity__appeal-reason'>{a.reason}</Text>
      {a.status === 'open' ? (
        <View className='publicity__answer'>
          <Textarea
            className={cx('field-textarea', hook('publicity-answer'))}
            value={answer}
            maxlength={500}
            placeholder='答复理由（必填，党员会看到）'
            onInput={(e) => setAnswer(e.detail.value)}
          />
          <View className='publicity__points-row'>
            <Text className='publicity__points-label'>调整分值</Text>
            <Input
              className={cx('field-input publicity__points', hook('publicity-points'))}
              type='text'
              value={points}
              maxlength={7}
              placeholder='如 2 或 -1，选填'
              onInput={(e) => setPoints(e.detail.value)}
            />
          </View>
          <Text className='hint'>采纳并填写分值时，会给该党员追加一条“申诉调整”积分流水。</Text>
          <View className='btn-row'>
            <Button className={cx('btn btn-primary', hook('publicity-accept'))} disabled={busy || undefined} onClick={() => resolve('accept')}>
              采纳
            </Button>
            <Button className={cx('btn btn-plain', hook('publicity-reject'))} disabled={busy || undefined} onClick={() => resolve('reject')}>
              不采纳
            </Button>
          </View>
        </View>
      ) : (
        <View className={cx('publicity__answered', hook('publicity-answered'))}>
          <Text className='muted'>答复{a.resolvedAt ? `（${dateTimeText(a.resolvedAt)}）` : ''}：</Text>
          <Text>{a.answer}</Text>
          {a.adjustmentId ? <Text className='publicity__adjusted'>已追加调整积分</Text> : null}
        </View>
      )}
    </View>
  )
}
