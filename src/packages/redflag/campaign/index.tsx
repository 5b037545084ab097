import { useEffect, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Field from '@/components/Field'
import OptionPicker from '@/components/OptionPicker'
import ScopeGate from '@/components/ScopeGate'
import YearSwitch from '@/components/YearSwitch'
import type { RfCampaignView } from '@/core/api-types'
import { PANEL_DEPARTMENTS } from '@/core/roles'
import { useAction, useScope } from '@/hooks'
import { useBusy } from '@/hooks/useBusy'
import { callAction } from '@/services/api'
import { showSuccess } from '@/services/feedback'
import { a11y } from '@/utils/a11y'
import { cx, hook } from '@/utils/cx'
import { currentYear } from '@/utils/format'
import { campaignYear } from '../shared'
import '../index.scss'

interface CriterionRow {
  name: string
  weight: string
}

/** The programme's usual 评选标准, offered for a new campaign (weights sum to 100). */
const PRESET: CriterionRow[] = [
  { name: '党建引领有力', weight: '30' },
  { name: '物业服务优质', weight: '25' },
  { name: '居民自治有序', weight: '15' },
  { name: '环境整洁平安', weight: '15' },
  { name: '志愿服务活跃', weight: '15' },
]

const rowsOf = (c: RfCampaignView | null | undefined): CriterionRow[] =>
  c ? c.criteria.map((k) => ({ name: k.name, weight: String(k.weight) })) : PRESET

/**
 * 评选方案 (county admin): quota, street share, deadline, criteria and subsidy for a year; editable until the first
 * application is submitted, after which only the deadline can move later. Also names the 评选组.
 */
export default function Campaign() {
  const scope = useScope('county_admin')
  const [year, setYear] = useState(campaignYear())
  const campaign = useAction('redflag.campaignGet', scope.scopeId ? { year } : null, [scope.scopeId, year])
  const c = campaign.data
  const [quota, setQuota] = useState('20')
  const [share, setShare] = useState('20')
  const [deadline, setDeadline] = useState(`${year}-12-30`)
  const [subsidy, setSubsidy] = useState('5000')
  const [rows, setRows] = useState<CriterionRow[]>(PRESET)
  const [newDeadline, setNewDeadline] = useState('')
  const [openid, setOpenid] = useState('')
  const [department, setDepartment] = useState<string>(PANEL_DEPARTMENTS[1])
  const { busy, run } = useBusy()

  useEffect(() => {
    setQuota(String(c?.quota ?? 20))
    setShare(String(c?.sharePct ?? 20))
    setDeadline(c?.deadline ?? `${year}-12-30`)
    setSubsidy(String(c?.subsidyYuan ?? 5000))
    setRows(rowsOf(c))
  }, [c, year])

  const total = rows.reduce((a, r) => a + (Number(r.weight) || 0), 0)
  const setRow = (i: number, patch: Partial<CriterionRow>) => setRows(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)))

  const save = () =>
    run(async () => {
      await callAction('redflag.campaignSave', {
        year,
        quota: Number(quota),
        sharePct: Number(share),
        deadline: deadline.trim(),
        subsidyYuan: Number(subsidy),
        criteria: rows.map((r, k) => ({ code: `C${k + 1}`, name: r.name.trim(), weight: Number(r.weight) })),
      })
      showSuccess('评选方案已保存')
      await campaign.reload()
    })
  const extend = () =>
    run(async () => {
      await callAction('redflag.extendDeadline', { year, deadline: newDeadline.trim() })
      showSuccess('截止日期已延长')
      setNewDeadline('')
      await campaign.reload()
    })
  const name = () =>
    run(async () => {
      await callAction('redflag.panelName', { openid: openid.trim(), department })
      showSuccess('已任命评选组成员')
      setOpenid('')
    })

  const editable = !c || c.editable
  return (
    <ScopeGate scope={scope} empty={{ title: '仅县委组织部可用', hint: '红旗小区评选方案由县委组织部制定。' }}>
      {() => (
        <View className='page rf'>
          <YearSwitch year={year} onChange={setYear} max={currentYear() + 1} />
          <View className='card'>
            <Text className={cx('rf__status', hook('rf-campaign-state'))}>
              {c === null
                ? `${year} 年度尚未开启评选`
                : c
                  ? c.editable
                    ? '已开启，尚无小区提交申报，方案可修改'
                    : '已有小区提交申报，方案已固定'
                  : '读取中…'}
            </Text>
            <Field label='县级名额（个）'>
              <Input
                className={cx('field-input', hook('rf-quota'))}
                type='number'
                value={quota}
                disabled={!editable}
                onInput={(e) => setQuota(e.detail.value)}
              />
            </Field>
            <Field label='街道推荐比例（%，四舍五入，至少 1 个）'>
              <Input
                className={cx('field-input', hook('rf-share'))}
                type='number'
                value={share}
                disabled={!editable}
                onInput={(e) => setShare(e.detail.value)}
              />
            </Field>
            <Field label='推荐截止日期（YYYY-MM-DD）'>
              <Input
                className={cx('field-input', hook('rf-deadline'))}
                value={deadline}
                disabled={!editable}
                onInput={(e) => setDeadline(e.detail.value)}
              />
            </Field>
            <Field label='每个红旗小区补助（元）'>
              <Input
                className={cx('field-input', hook('rf-subsidy'))}
                type='number'
                value={subsidy}
                disabled={!editable}
                onInput={(e) => setSubsidy(e.detail.value)}
              />
            </Field>
            <Text className='section-title'>评选标准（权重合计 {total}，须为 100）</Text>
            {rows.map((r, i) => (
              <View key={`c${i + 1}`} className='rf__criterion'>
                <Input
                  className={cx('field-input rf__criterion-name', hook(`rf-criterion-name-${i + 1}`))}
                  value={r.name}
                  disabled={!editable}
                  onInput={(e) => setRow(i, { name: e.detail.value })}
                />
                <Input
                  className={cx('field-input rf__criterion-weight', hook(`rf-criterion-weight-${i + 1}`))}
                  type='number'
                  value={r.weight}
                  disabled={!editable}
                  onInput={(e) => setRow(i, { weight: e.detail.value })}
                />
                {editable && rows.length > 1 ? (
                  <Text className='link' {...a11y('button', { label: `删除标准 ${r.name}` })} onClick={() => setRows(rows.filter((_, k) => k !== i))}>
                    删除
                  </Text>
                ) : null}
              </View>
            ))}
            {editable ? (
              <View className='btn-row'>
                <Button className='btn btn-plain' onClick={() => setRows([...rows, { name: '', weight: '0' }])}>
                  添加标准
                </Button>
                <Button className={cx('btn btn-primary', hook('rf-campaign-save'))} disabled={busy || undefined} loading={busy} onClick={save}>
                  {c ? '保存评选方案' : `开启 ${year} 年度评选`}
                </Button>
              </View>
            ) : null}
          </View>

          {c ? (
            <View className='card'>
              <Text className='section-title'>各街道推荐名额</Text>
              {c.streets.map((s) => (
                <View key={s.streetId} className={cx('rf__row', hook('rf-street-quota'))}>
                  <Text>{s.name}</Text>
                  <Text>
                    {s.estates} 个小区 → 推荐 {s.quota} 个
                  </Text>
                </View>
              ))}
              <Text className='hint'>
                推荐截止：{c.deadline}（{c.open ? '进行中' : '已截止'}）
              </Text>
              <Field label='延长截止日期至'>
                <Input
                  className={cx('field-input', hook('rf-new-deadline'))}
                  value={newDeadline}
                  placeholder='YYYY-MM-DD'
                  onInput={(e) => setNewDeadline(e.detail.value)}
                />
              </Field>
              <Button className={cx('btn btn-plain', hook('rf-extend'))} disabled={busy || !newDeadline.trim() || undefined} onClick={extend}>
                延长截止日期
              </Button>
            </View>
          ) : null}

          <View className='card'>
            <Text className='section-title'>评选组成员</Text>
            <Field label='成员的微信身份标识（openid）'>
              <Input className={cx('field-input', hook('rf-panel-openid'))} value={openid} onInput={(e) => setOpenid(e.detail.value)} />
            </Field>
            <Field label='所在部门'>
              <OptionPicker options={PANEL_DEPARTMENTS.map((d) => ({ value: d, label: d }))} value={department} onChange={setDepartment} />
            </Field>
            <Button className={cx('btn btn-plain', hook('rf-panel-name'))} disabled={busy || !openid.trim() || undefined} onClick={name}>
              任命为评选组成员
            </Button>
          </View>
        </View>
      )}
    </ScopeGate>
  )
}
