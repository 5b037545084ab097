import { Input, Text, View } from '@tarojs/components'
import type { MemberView } from '@/core/api-types'
import AsyncView from '@/components/AsyncView'
import type { ActionState } from '@/hooks'
import { cx, hook } from '@/utils/cx'
import { maskedPhone } from '@/utils/format'
import { searchMembers } from './search'
import { a11y } from '@/utils/a11y'

interface MemberPickerProps {
  members: ActionState<MemberView[]>
  estateName: Map<string, string>
  query: string
  onQuery: (query: string) => void
  person: MemberView | null
  onPick: (memberId: string | null) => void
}

/** 党员: search the scope's active members by name, phone digits or 党员编号, and pick one. */
export default function MemberPicker({ members, estateName, query, onQuery, person, onPick }: MemberPickerProps) {
  const matches = person ? [] : searchMembers(members.data ?? [], query)
  return (
    <View className='card'>
      <Text className='section-title'>党员</Text>
      <AsyncView state={members} skeleton={{ cards: 1 }}>
        {() =>
          person ? (
            <View className={cx('adjustment__picked', hook('adjustment-picked'))}>
              <View className='adjustment__picked-main'>
                <MemberLine m={person} estateName={estateName} />
              </View>
              <Text {...a11y('button', { label: '更换党员' })} className={cx('link', hook('adjustment-change'))} onClick={() => onPick(null)}>
                更换
              </Text>
            </View>
          ) : (
            <View>
              <Input
                className={cx('field-input', hook('adjustment-search'))}
                value={query}
                maxlength={20}
                placeholder='输入姓名、手机号后四位或党员编号'
                onInput={(e) => onQuery(e.detail.value)}
              />
              {query.trim() && matches.length === 0 ? (
                <Text className={cx('hint', hook('adjustment-no-match'))}>范围内没有匹配的已报到党员。</Text>
              ) : null}
              {matches.map((m) => (
                <View {...a11y('button')} key={m.id} className={cx('adjustment__match', hook('adjustment-match'))} onClick={() => onPick(m.id)}>
                  <MemberLine m={m} estateName={estateName} />
                </View>
              ))}
            </View>
          )
        }
      </AsyncView>
    </View>
  )
}

/** A member as the search shows them: name, then 党员编号 · masked phone · estate. */
function MemberLine({ m, estateName }: { m: MemberView; estateName: Map<string, string> }) {
  return (
    <>
      <Text className='adjustment__name'>{m.name}</Text>
      <Text className='muted'>
        {m.id} · {maskedPhone(m.phone)}
        {m.estateBranchId ? ` · ${estateName.get(m.estateBranchId) ?? m.estateBranchId}` : ''}
      </Text>
    </>
  )
}
