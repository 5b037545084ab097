import { Text, View } from '@tarojs/components'
import type { RuleSetView } from '@/core/api-types'
import { cx, hook } from '@/utils/cx'
import { score2, signedPoints, weightPct } from '@/utils/format'

/** When and how the 党员大会 adopted a version. */
export function Adoption({ r }: { r: RuleSetView }) {
  return (
    <Text className={cx('ruleset__adoption', hook('ruleset-adoption'))}>
      {r.adoptedOn ? `${r.adoptedOn} 小区党员大会通过` : ''}
      {r.attendees !== undefined ? ` · 到会 ${r.attendees} 人` : ''}
      {r.note ? ` · ${r.note}` : ''}
    </Text>
  )
}

/** The terms and items of a version, grouped by category; `compare` marks what changed against the one in force. */
export function RulesetBody({ r, compare }: { r: RuleSetView; compare?: RuleSetView | null }) {
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
                className={cx(
                  'ruleset__item',
                  changed(i.code) && 'ruleset__item--changed',
                  hook('ruleset-item-view', `ruleset-item-view--${i.code}`),
                )}
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
                <Text className={cx('ruleset__points', i.points < 0 && 'ruleset__points--neg', hook('ruleset-item-points'))}>
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
