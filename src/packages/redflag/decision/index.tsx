import { useState } from 'react'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import Field from '@/components/Field'
import ScopeGate from '@/components/ScopeGate'
import type { RfReportView } from '@/core/api-types'
import { useAction, useScope } from '@/hooks'
import { useBusy } from '@/hooks/useBusy'
import { callAction } from '@/services/api'
import { showInfo, showSuccess } from '@/services/feedback'
import { saveExport } from '@/services/save-file'
import { a11y } from '@/utils/a11y'
import { cx, hook } from '@/utils/cx'
import { todayShanghai } from '@/utils/format'
import { campaignYear } from '../shared'
import '../index.scss'

const REPORT_STATUS = { open: '待答复', upheld: '属实：已取消资格', dismissed: '不属实：保留' } as const

/**
 * 县委常委会审定, 公示 and results (county admin): the approved list (≤ quota) from the panel's ranking, the county-wide
 * 公示, the answers to 问题反映 (属实 removes the place, never refilled), subsidy lines and the .xlsx.
 */
export default function Decision() {
  const scope = useScope('county_admin')
  const year = campaignYear()
  const ready = scope.scopeId ? { year } : null
  const campaign = useAction('redflag.campaignGet', ready, [scope.scopeId])
  const list = useAction('redflag.list', scope.scopeId ? { year, scopeId: scope.scopeId } : null, [scope.scopeId])
  const publicity = useAction('redflag.publicity', ready, [scope.scopeId])
  const reports = useAction('redflag.reports', ready, [scope.scopeId])
  const results = useAction('redflag.results', ready, [scope.scopeId])
  const recommended = (list.data?.applications ?? []).filter((a) => a.status === 'recommended')
  const [picked, setPicked] = useState<string[] | null>(null)
  const approved = picked ?? recommended.slice(0, campaign.data?.quota ?? 0).map((a) => a.estateBranchId)
  const [meetingOn, setMeetingOn] = useState(todayShanghai())
  const [note, setNote] = useState('')
  const [startOn, setStartOn] = useState(todayShanghai())
  const [answers, setAnswers] = useState<Record<string, string>>({})
  const [paidBy, setPaidBy] = useState('县财政局')
  const { busy, run } = useBusy()
  const p = publicity.data

  const reloadAll = async () => {
    await Promise.all([campaign.reload(), publicity.reload(), reports.reload(), results.reload()])
  }
  const decide = () =>
    run(async () => {
      if (!note.trim()) return showInfo('请填写会议说明')
      await callAction('redflag.decide', { year, meetingOn: meetingOn.trim(), note: note.trim(), approved })
      showSuccess('审定结果已记录')
      await reloadAll()
    })
  const open = () =>
    run(async () => {
      await callAction('redflag.publicityOpen', { year, startOn: startOn.trim() })
      showSuccess('已开始公示')
      await reloadAll()
    })
  const answer = (r: RfReportView, verdict: 'upheld' | 'dismissed') =>
    run(async () => {
      const text = answers[r.reportId]?.trim() ?? ''
      if (text.length < 2) return showInfo('请填写核实情况')
      await callAction('redflag.answer', { reportId: r.reportId, verdict, answer: text })
      showSuccess('已答复')
      await reloadAll()
    })
  const pay = (estateBranchId: string) =>
    run(async () => {
      await callAction('redflag.subsidyPaid', { year, estateBranchId, paidOn: todayShanghai(), paidBy: paidBy.trim() })
      showSuccess('已登记发放')
      await results.reload()
    })
  const exportXlsx = () =>
    run(async () => {
      const f = await callAction('redflag.export', { year })
      if (f.url) await saveExport({ url: f.url, filename: f.filename })
    })

  return (
    <ScopeGate scope={scope} empty={{ title: '仅县委组织部可用', hint: '审定、公示与结果由县委组织部办理。' }}>
      {() => (
        <View className='page rf'>
          <View className='card'>
            <Text className='section-title'>县委常委会审定（县级名额 {campaign.data?.quota ?? '—'} 个）</Text>
            {recommended.map((a) => {
              const on = approved.includes(a.estateBranchId)
              return (
                <View key={a.applicationId} className='rf__row'>
                  <Text
                    className={cx('link', hook('rf-approve'))}
                    {...a11y('checkbox', { checked: on, label: `审定 ${a.estateName}` })}
                    onClick={() => !p && setPicked(on ? approved.filter((x) => x !== a.estateBranchId) : [...approved, a.estateBranchId])}
                  >
                    {on ? '☑' : '☐'} {a.panelRank ? `第 ${a.panelRank} 名 ` : ''}
                    {a.estateName}
                  </Text>
                  <Text>{a.average == null ? '未评分' : `${a.average.toFixed(2)} 分`}</Text>
                </View>
              )
            })}
            {p ? (
              <Text className='hint'>已公示，审定结果不再修改。</Text>
            ) : (
              <View>
                <Field label='会议日期'>
                  <Input className={cx('field-input', hook('rf-meeting-on'))} value={meetingOn} onInput={(e) => setMeetingOn(e.detail.value)} />
                </Field>
                <Field label='会议说明'>
                  <Textarea
                    className={cx('field-textarea', hook('rf-meeting-note'))}
                    value={note}
                    maxlength={500}
                    onInput={(e) => setNote(e.detail.value)}
                  />
                </Field>
                <Button className={cx('btn btn-primary', hook('rf-decide'))} disabled={busy || undefined} onClick={decide}>
                  记录审定结果（{approved.length} 个）
                </Button>
                <Field label='公示开始日期（5 个工作日）'>
                  <Input className={cx('field-input', hook('rf-publicity-start'))} value={startOn} onInput={(e) => setStartOn(e.detail.value)} />
                </Field>
                <Button className={cx('btn btn-plain', hook('rf-publicity-open'))} disabled={busy || undefined} onClick={open}>
                  开始全县公示
                </Button>
              </View>
            )}
          </View>

          {p ? (
            <View className='card'>
              <Text className={cx('section-title', hook('rf-publicity-state'))}>
                公示 {p.startOn} 至 {p.endOn}（{p.status === 'open' ? '公示中' : p.status === 'ended' ? '已结束' : '未开始'}）
                {p.final ? ' · 名单已最终确定' : ''}
              </Text>
              {(reports.data ?? []).map((r) => (
                <View key={r.reportId} className={cx('rf__row', hook('rf-report'))}>
                  <View>
                    <Text className='rf__title'>{r.estateName}</Text>
                    <Text className='hint'>
                      {' '}
                      反映人 {r.reporter ?? '—'} · {REPORT_STATUS[r.status]}
                    </Text>
                    <Text style={{ display: 'block' }}>{r.text}</Text>
                    {r.answer ? <Text className='hint'>答复：{r.answer}</Text> : null}
                    {r.status === 'open' ? (
                      <View>
                        <Input
                          className={cx('field-input', hook('rf-answer'))}
                          value={answers[r.reportId] ?? ''}
                          placeholder='核实情况'
                          onInput={(e) => setAnswers({ ...answers, [r.reportId]: e.detail.value })}
                        />
                        <View className='btn-row'>
                          <Button
                            className={cx('btn btn-primary', hook('rf-upheld'))}
                            disabled={busy || undefined}
                            onClick={() => answer(r, 'upheld')}
                          >
                            属实（取消资格）
                          </Button>
                          <Button
                            className={cx('btn btn-plain', hook('rf-dismissed'))}
                            disabled={busy || undefined}
                            onClick={() => answer(r, 'dismissed')}
                          >
                            不属实
                          </Button>
                        </View>
                      </View>
                    ) : null}
                  </View>
                </View>
              ))}
            </View>
          ) : null}

          {results.data ? (
            <View className='card'>
              <Text className='section-title'>名单与补助（每个 {results.data.subsidyYuan} 元）</Text>
              <Field label='发放单位'>
                <Input className='field-input' value={paidBy} onInput={(e) => setPaidBy(e.detail.value)} />
              </Field>
              {results.data.estates.map((e) => (
                <View key={e.estateBranchId} className={cx('rf__row', hook('rf-result'))}>
                  <Text>{e.name}</Text>
                  {e.paidOn ? (
                    <Text>
                      {e.paidOn} 由{e.paidBy}发放
                    </Text>
                  ) : results.data?.final ? (
                    <Button className={cx('btn btn-plain', hook('rf-pay'))} disabled={busy || undefined} onClick={() => pay(e.estateBranchId)}>
                      登记发放
                    </Button>
                  ) : (
                    <Text className='hint'>公示结束、反映答复后登记发放</Text>
                  )}
                </View>
              ))}
              <Button className={cx('btn btn-plain', hook('rf-export'))} disabled={busy || undefined} onClick={exportXlsx}>
                导出申报汇总表与结果（.xlsx）
              </Button>
            </View>
          ) : null}
        </View>
      )}
    </ScopeGate>
  )
}
