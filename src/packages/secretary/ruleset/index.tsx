import { useEffect, useState } from 'react'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { RuleSetView } from '@/core/api-types'
import CheckBox from '@/components/CheckBox'
import DateTimeField from '@/components/DateTimeField'
import EmptyState from '@/components/EmptyState'
import ErrorView from '@/components/ErrorView'
import ScopeBar from '@/components/ScopeBar'
import Skeleton from '@/components/Skeleton'
import YearSwitch from '@/components/YearSwitch'
import { useAction, usePullRefresh, useScope } from '@/hooks'
import { adoptedRuleset, callAction } from '@/services/api'
import { currentYear, score2, signedPoints, todayShanghai, weightPct } from '@/utils/format'
import { blankDraft, blankItem, buildSaveBody, buildTemplateBody, categoriesOf, draftFrom, templateLabel, type Draft, type DraftItem } from './draft'
import './index.scss'
import { useBusy } from '@/hooks/useBusy'

/**
 * 积分明细: the version in force, drafts waiting for the 党员大会, and an editor for a new version. With
 * `?mode=template` the county organisation department edits the county template estates draft from instead.
 */
export default function Ruleset() {
  const { params } = useRouter()
  return params?.mode === 'template' ? <TemplateEditor /> : <EstateRuleset />
}

function EstateRuleset() {
  const scope = useScope('estate_secretary')
  const estateBranchId = scope.scopeId
  const [year, setYear] = useState(currentYear)
  const got = useAction('ruleset.get', estateBranchId ? { estateBranchId, year } : null, [estateBranchId, year])
  const tpl = useAction('ruleset.template', estateBranchId ? { year } : null, [estateBranchId, year])
  usePullRefresh(async () => {
    await Promise.all([got.reload(), tpl.reload()])
  })
  const [draft, setDraft] = useState<Draft | null>(null)
  const [adopting, setAdopting] = useState<string | null>(null)
  const { busy, run } = useBusy()

  const data = got.data && !Array.isArray(got.data) && 'versions' in got.data ? got.data : null
  const current = adoptedRuleset(got.data)
  const versions = [...(data?.versions ?? [])].sort((a, b) => b.version - a.version)
  const drafts = versions.filter((v) => v.status === 'draft')
  const history = versions.filter((v) => v.status === 'adopted' && v.id !== current?.id)

  const save = async () => {
    if (!draft || !estateBranchId) return
    const built = buildSaveBody(draft, estateBranchId, year)
    if (built.error !== undefined) {
      Taro.showModal({ title: '请检查', content: built.error, showCancel: false, confirmText: '知道了' })
      return
    }
    await run(async () => {
      const r = await callAction('ruleset.save', built.body)
      Taro.showToast({ title: `已保存为第 ${r.version} 版草稿`, icon: 'none' })
      setDraft(null)
      setAdopting(r.rulesetId)
      await got.reload()
    })
  }

  if (scope.error) return <View className='page'>{<ErrorView error={scope.error} />}</View>
  if (scope.loading) return <View className='page'>{<Skeleton />}</View>
  if (!estateBranchId)
    return <View className='page'>{<EmptyState title='仅小区党支部书记可用' hint='积分明细由小区党支部起草，经小区党员大会通过后施行。' />}</View>

  if (draft) {
    return (
      <View className='page ruleset'>
        <DraftEditor draft={draft} year={year} onChange={setDraft} />
        <View className='btn-row ruleset__actions'>
          <Button className='btn btn-primary ruleset-save' disabled={busy || undefined} loading={busy} onClick={save}>
            保存草稿
          </Button>
          <Button className='btn btn-gray ruleset-cancel' disabled={busy || undefined} onClick={() => setDraft(null)}>
            放弃
          </Button>
        </View>
      </View>
    )
  }

  return (
    <View className='page ruleset'>
      <ScopeBar label='小区党支部' scopes={scope.scopes} scopeId={scope.scopeId} onChange={scope.setScopeId} />
      <YearSwitch year={year} onChange={setYear} max={currentYear() + 1} />
      {got.error && !got.data ? (
        <ErrorView error={got.error} onRetry={got.reload} />
      ) : got.data === undefined ? (
        <Skeleton cards={3} />
      ) : (
        <View>
          {current ? (
            <View className='card ruleset__version ruleset-current'>
              <View className='ruleset__version-head'>
                <Text className='ruleset__version-title'>现行 · 第 {current.version} 版</Text>
                <Text className='ruleset__badge ruleset__badge--adopted'>已采用</Text>
              </View>
              <Adoption r={current} />
              <RulesetBody r={current} />
              <Text className='hint'>已采用的版本不能修改；如需调整，请起草新版本并再经党员大会通过。</Text>
              <Button className='btn btn-primary ruleset-new-from-current' onClick={() => setDraft(draftFrom(current, `第 ${current.version} 版`))}>
                以此为基础起草新版本
              </Button>
            </View>
          ) : (
            <EmptyState
              className='ruleset-none'
              title={`${year} 年度还没有通过的积分明细`}
              hint='可从县级模板起草，结合本小区实际修改后，提交小区党员大会通过。通过前不能发布计分活动。'
            />
          )}
          <Button
            className='btn btn-plain ruleset__template ruleset-new-from-template'
            disabled={!tpl.data || undefined}
            onClick={() => tpl.data && setDraft(draftFrom(tpl.data, templateLabel(tpl.data)))}
          >
            从县级模板起草
          </Button>
          {tpl.data ? (
            <Text className='hint ruleset-template-source'>{templateLabel(tpl.data)}</Text>
          ) : tpl.error ? (
            <Text className='hint ruleset-template-error' onClick={tpl.reload}>
              县级模板加载失败：{tpl.error.message}（点此重试）
            </Text>
          ) : null}
          <Button className='btn btn-plain ruleset__template ruleset-new-blank' onClick={() => setDraft(blankDraft())}>
            从空白开始
          </Button>

          {drafts.length ? (
            <View>
              <View className='section-title'>
                <Text>待党员大会通过的草稿</Text>
                <Text className='muted'>{drafts.length} 份</Text>
              </View>
              {drafts.map((d) => (
                <View key={d.id} className={`card ruleset__version ruleset-draft ruleset-draft-v${d.version}`}>
                  <View className='ruleset__version-head'>
                    <Text className='ruleset__version-title'>第 {d.version} 版</Text>
                    <Text className='ruleset__badge'>草稿</Text>
                  </View>
                  <RulesetBody r={d} compare={current} />
                  {adopting === d.id ? (
                    <AdoptForm
                      r={d}
                      onCancel={() => setAdopting(null)}
                      onDone={async () => {
                        setAdopting(null)
                        await got.reload()
                      }}
                    />
                  ) : (
                    <View className='btn-row'>
                      <Button className='btn btn-primary ruleset-adopt' onClick={() => setAdopting(d.id)}>
                        党员大会已通过，采用
                      </Button>
                      <Button className='btn btn-plain ruleset-edit-draft' onClick={() => setDraft(draftFrom(d, `第 ${d.version} 版草稿`))}>
                        修改
                      </Button>
                    </View>
                  )}
                </View>
              ))}
            </View>
          ) : null}

          {history.length ? (
            <View>
              <View className='section-title'>
                <Text>以往采用的版本</Text>
              </View>
              {history.map((h) => (
                <View key={h.id} className='card ruleset__version ruleset-history'>
                  <View className='ruleset__version-head'>
                    <Text className='ruleset__version-title'>第 {h.version} 版</Text>
                    <Text className='ruleset__badge'>已被取代</Text>
                  </View>
                  <Adoption r={h} />
                  <Text className='hint'>
                    {h.items.length} 条细则 · 基础分 {score2(h.baseScore)}。在此版本下获得的积分仍按此版本计算。
                  </Text>
                </View>
              ))}
            </View>
          ) : null}
        </View>
      )}
    </View>
  )
}

function Adoption({ r }: { r: RuleSetView }) {
  return (
    <Text className='ruleset__adoption ruleset-adoption'>
      {r.adoptedOn ? `${r.adoptedOn} 小区党员大会通过` : ''}
      {r.attendees !== undefined ? ` · 到会 ${r.attendees} 人` : ''}
      {r.note ? ` · ${r.note}` : ''}
    </Text>
  )
}

/** The terms and items of a version, grouped by category; `compare` marks what changed against the one in force. */
function RulesetBody({ r, compare }: { r: RuleSetView; compare?: RuleSetView | null }) {
  const cats = [...new Set(r.items.map((i) => i.category))]
  const before = new Map((compare?.items ?? []).map((i) => [i.code, i]))
  const changed = (code: string) => {
    if (!compare) return false
    const a = before.get(code)
    const b = r.items.find((i) => i.code === code)
    return (
      !a ||
      JSON.stringify({ ...a, requiresApproval: a.requiresApproval !== false }) !==
        JSON.stringify({ ...b, requiresApproval: b?.requiresApproval !== false })
    )
  }
  return (
    <View className='ruleset__body'>
      <View className='ruleset__terms'>
        <Text className='ruleset__term'>基础分 {score2(r.baseScore)}</Text>
        <Text className='ruleset__term'>满分 {score2(r.fullScore)}</Text>
        <Text className='ruleset__term'>按小时计分最低在场 {weightPct(r.minPresenceRatio)}</Text>
      </View>
      {cats.map((c) => (
        <View key={c} className='ruleset__cat'>
          <View className='ruleset__cat-head'>
            <Text className='ruleset__cat-name'>{c}</Text>
            {r.categoryCaps?.[c] !== undefined ? <Text className='muted'>类别上限 {score2(r.categoryCaps[c])}</Text> : null}
          </View>
          {r.items
            .filter((i) => i.category === c)
            .map((i) => (
              <View
                key={i.code}
                className={`ruleset__item ruleset-item-view ruleset-item-view--${i.code} ${changed(i.code) ? 'ruleset__item--changed' : ''}`}
              >
                <View className='ruleset__item-main'>
                  <Text className='ruleset__item-name'>
                    {i.name}
                    {changed(i.code) ? <Text className='ruleset__changed'> 有改动</Text> : null}
                  </Text>
                  <Text className='muted'>
                    {i.code}
                    {i.capPerYear !== undefined ? ` · 年度上限 ${score2(i.capPerYear)}` : ''}
                    {i.requiresApproval === false ? ' · 免审核' : ''}
                    {i.evidenceRequired ? ' · 需佐证' : ''}
                  </Text>
                </View>
                <Text className={`ruleset__points ruleset-item-points ${i.points < 0 ? 'ruleset__points--neg' : ''}`}>
                  {signedPoints(i.points)}
                  <Text className='ruleset__unit'>{i.perHour ? '/小时' : '/次'}</Text>
                </Text>
              </View>
            ))}
        </View>
      ))}
    </View>
  )
}

function AdoptForm({ r, onCancel, onDone }: { r: RuleSetView; onCancel: () => void; onDone: () => Promise<void> }) {
  const [adoptedOn, setAdoptedOn] = useState(todayShanghai)
  const [attendees, setAttendees] = useState('')
  const [note, setNote] = useState('')
  const { busy, run } = useBusy()

  const adopt = async () => {
    const n = attendees.trim()
    if (n && !/^\d{1,6}$/.test(n)) {
      Taro.showToast({ title: '到会人数应为整数', icon: 'none' })
      return
    }
    if (adoptedOn > todayShanghai()) {
      Taro.showToast({ title: '党员大会日期不能晚于今天', icon: 'none' })
      return
    }
    const { confirm } = await Taro.showModal({
      title: `采用第 ${r.version} 版`,
      content: '采用后即成为本小区现行积分明细，之后的活动按此计分；已采用的版本不能再修改。确定吗？',
      confirmText: '确定采用',
    })
    if (!confirm) return
    await run(async () => {
      await callAction('ruleset.adopt', {
        rulesetId: r.id,
        adoptedOn,
        ...(n ? { attendees: Number(n) } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      })
      Taro.showToast({ title: `已采用第 ${r.version} 版`, icon: 'success' })
      await onDone()
    })
  }

  return (
    <View className='ruleset__adopt ruleset-adopt-form'>
      <Text className='ruleset__adopt-title'>党员大会表决情况</Text>
      <View className='field'>
        <Text className='field-label'>党员大会日期</Text>
        <DateTimeField className='ruleset-adopt-date' mode='date' value={adoptedOn} onChange={setAdoptedOn} />
      </View>
      <View className='field'>
        <Text className='field-label'>到会人数（选填）</Text>
        <Input
          className='field-input ruleset-adopt-attendees'
          type='number'
          value={attendees}
          maxlength={6}
          placeholder='如 36'
          onInput={(e) => setAttendees(e.detail.value)}
        />
      </View>
      <View className='field'>
        <Text className='field-label'>表决情况与备注（选填）</Text>
        <Textarea
          className='field-textarea ruleset-adopt-note'
          value={note}
          maxlength={500}
          placeholder='如：应到 40 人，实到 36 人，全票通过'
          onInput={(e) => setNote(e.detail.value)}
        />
      </View>
      <View className='btn-row'>
        <Button className='btn btn-primary ruleset-adopt-confirm' disabled={busy || undefined} loading={busy} onClick={adopt}>
          确认采用
        </Button>
        <Button className='btn btn-gray ruleset-adopt-cancel' disabled={busy || undefined} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}

/** The county template, edited with the same editor and saved with `ruleset.saveTemplate` (no 党员大会, no adoption). */
function TemplateEditor() {
  const scope = useScope('county_admin')
  const county = scope.scopeId
  const [year, setYear] = useState(currentYear)
  const tpl = useAction('ruleset.template', county ? { year } : null, [county, year])
  usePullRefresh(tpl.reload)
  const [draft, setDraft] = useState<Draft | null>(null)
  const { busy, run } = useBusy()
  // Each answer (another year, a reload, the one after saving) starts the editor over from what is stored.
  useEffect(() => {
    setDraft(tpl.data ? draftFrom(tpl.data, templateLabel(tpl.data)) : null)
  }, [tpl.data])

  const save = async () => {
    if (!draft) return
    const built = buildTemplateBody(draft, year)
    if (built.error !== undefined) {
      Taro.showModal({ title: '请检查', content: built.error, showCancel: false, confirmText: '知道了' })
      return
    }
    await run(async () => {
      await callAction('ruleset.saveTemplate', built.body)
      Taro.showToast({ title: `${year} 年度县级模板已保存`, icon: 'none' })
      await tpl.reload()
    })
  }

  if (scope.error) return <View className='page'>{<ErrorView error={scope.error} />}</View>
  if (scope.loading) return <View className='page'>{<Skeleton />}</View>
  if (!county)
    return (
      <View className='page'>
        {<EmptyState title='仅县委组织部可用' hint='积分明细模板由县委组织部维护，各小区党支部起草积分明细时以此为基础。' />}
      </View>
    )

  return (
    <View className='page ruleset ruleset--template'>
      <YearSwitch year={year} onChange={setYear} max={currentYear() + 1} />
      {tpl.error && !tpl.data ? (
        <ErrorView error={tpl.error} onRetry={tpl.reload} />
      ) : !draft ? (
        <Skeleton cards={3} />
      ) : (
        <View>
          <DraftEditor draft={draft} year={year} onChange={setDraft} mode='template' />
          <View className='btn-row ruleset__actions'>
            <Button className='btn btn-primary ruleset-save-template' disabled={busy || undefined} loading={busy} onClick={save}>
              保存模板
            </Button>
            <Button
              className='btn btn-gray ruleset-reset-template'
              disabled={busy || !tpl.data || undefined}
              onClick={() => tpl.data && setDraft(draftFrom(tpl.data, templateLabel(tpl.data)))}
            >
              放弃修改
            </Button>
          </View>
        </View>
      )}
    </View>
  )
}

function DraftEditor({
  draft,
  year,
  onChange,
  mode = 'estate',
}: {
  draft: Draft
  year: number
  onChange: (d: Draft) => void
  mode?: 'estate' | 'template'
}) {
  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch })
  const setItem = (key: string, patch: Partial<DraftItem>) => set({ items: draft.items.map((i) => (i.key === key ? { ...i, ...patch } : i)) })
  const remove = (key: string) => set({ items: draft.items.filter((i) => i.key !== key) })
  const cats = categoriesOf(draft)
  return (
    <View className='ruleset-editor'>
      {mode === 'template' ? (
        <View className='notice ruleset-template-notice'>
          {year} 年度县级模板（现为{draft.from}）。保存后各小区党支部起草积分明细时以此为基础；已采用的积分明细不受影响。负分条目即负面清单。
        </View>
      ) : (
        <View className='notice'>
          新版本草稿（基于{draft.from}，{year} 年度）。保存后需经小区党员大会通过并“采用”才生效；负分条目即负面清单。
        </View>
      )}
      <View className='card'>
        <View className='ruleset__pair'>
          <View className='ruleset__cell'>
            <Text className='ruleset__label'>基础分</Text>
            <Input className='field-input ruleset-base' type='digit' value={draft.baseScore} onInput={(e) => set({ baseScore: e.detail.value })} />
          </View>
          <View className='ruleset__cell'>
            <Text className='ruleset__label'>满分</Text>
            <Input className='field-input ruleset-full' type='digit' value={draft.fullScore} onInput={(e) => set({ fullScore: e.detail.value })} />
          </View>
        </View>
        <View className='ruleset__cell'>
          <Text className='ruleset__label'>按小时计分的最低在场比例（%）</Text>
          <Input
            className='field-input ruleset-presence'
            type='digit'
            value={draft.presencePct}
            onInput={(e) => set({ presencePct: e.detail.value })}
          />
        </View>
      </View>

      <View className='section-title'>
        <Text>积分细则</Text>
        <Text className='muted'>{draft.items.length} 条</Text>
      </View>
      {draft.items.map((i, k) => (
        <View key={i.key} className={`card ruleset__edit-item ruleset-item ruleset-item--${i.key}`}>
          <View className='ruleset__edit-head'>
            <Text className='ruleset__edit-no'>第 {k + 1} 条</Text>
            <Text className='link ruleset-item-remove' onClick={() => remove(i.key)}>
              删除
            </Text>
          </View>
          <View className='ruleset__pair'>
            <View className='ruleset__cell ruleset__cell--narrow'>
              <Text className='ruleset__label'>编号</Text>
              <Input
                className='field-input ruleset-item-code'
                value={i.code}
                maxlength={64}
                placeholder='如 V04'
                onInput={(e) => setItem(i.key, { code: e.detail.value })}
              />
            </View>
            <View className='ruleset__cell'>
              <Text className='ruleset__label'>名称</Text>
              <Input
                className='field-input ruleset-item-name'
                value={i.name}
                maxlength={40}
                placeholder='如 楼道清洁'
                onInput={(e) => setItem(i.key, { name: e.detail.value })}
              />
            </View>
          </View>
          <View className='ruleset__pair'>
            <View className='ruleset__cell'>
              <Text className='ruleset__label'>类别</Text>
              <Input
                className='field-input ruleset-item-category'
                value={i.category}
                maxlength={40}
                placeholder='如 志愿服务'
                onInput={(e) => setItem(i.key, { category: e.detail.value })}
              />
            </View>
            <View className='ruleset__cell ruleset__cell--narrow'>
              <Text className='ruleset__label'>{i.perHour ? '分值/小时' : '分值/次'}</Text>
              <Input
                className='field-input ruleset-item-points'
                type='text'
                value={i.points}
                maxlength={7}
                placeholder='扣分填负数'
                onInput={(e) => setItem(i.key, { points: e.detail.value })}
              />
            </View>
          </View>
          <View className='ruleset__cell'>
            <Text className='ruleset__label'>年度上限（不限则留空）</Text>
            <Input
              className='field-input ruleset-item-cap'
              type='digit'
              value={i.capPerYear}
              maxlength={6}
              onInput={(e) => setItem(i.key, { capPerYear: e.detail.value })}
            />
          </View>
          <View className='ruleset__checks'>
            <CheckBox className='ruleset-item-perhour' checked={i.perHour} onChange={(v) => setItem(i.key, { perHour: v })} label='按小时计分' />
            <CheckBox
              className='ruleset-item-approval'
              checked={i.requiresApproval}
              onChange={(v) => setItem(i.key, { requiresApproval: v })}
              label='需要审核'
            />
            <CheckBox
              className='ruleset-item-evidence'
              checked={i.evidenceRequired}
              onChange={(v) => setItem(i.key, { evidenceRequired: v })}
              label='需要佐证'
            />
          </View>
        </View>
      ))}
      <Button className='btn btn-plain ruleset-add-item' onClick={() => set({ items: [...draft.items, blankItem()] })}>
        ＋ 添加一条细则
      </Button>

      {cats.length ? (
        <View className='card ruleset__caps'>
          <Text className='ruleset__caps-title'>类别上限（不限则留空）</Text>
          {cats.map((c) => (
            <View className='ruleset__cap-row' key={c}>
              <Text className='ruleset__cap-name'>{c}</Text>
              <Input
                className={`field-input ruleset__cap-input ruleset-cap`}
                type='digit'
                value={draft.categoryCaps[c] ?? ''}
                maxlength={6}
                placeholder='不限'
                onInput={(e) => set({ categoryCaps: { ...draft.categoryCaps, [c]: e.detail.value } })}
              />
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
