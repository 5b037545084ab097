import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Role } from '@/core/contracts'
import EmptyState from '@/components/EmptyState'
import ErrorView from '@/components/ErrorView'
import Skeleton from '@/components/Skeleton'
import { useMe } from '@/hooks'
import './index.scss'

interface Tool {
  key: string
  title: string
  desc: string
  url: string
}

const SECTIONS: { roles: Role[]; title: string; tools: Tool[] }[] = [
  {
    roles: ['estate_secretary'],
    title: '小区党支部',
    tools: [
      { key: 'activity-new', title: '发布活动', desc: '创建志愿服务活动，选择积分细则', url: '/packages/secretary/activity-new/index' },
      { key: 'activities', title: '活动管理', desc: '发布草稿、取消活动、打印静态码、补录签到', url: '/packages/secretary/activities/index' },
      { key: 'code', title: '签到码', desc: '投屏展示轮换二维码和 6 位签到码', url: '/packages/secretary/code/index' },
      { key: 'review', title: '审核签到', desc: '批量通过、驳回待审核的签到，撤销已通过的', url: '/packages/secretary/review/index' },
      { key: 'members', title: '成员与报到', desc: '审核党员的双报到申请', url: '/packages/secretary/members/index' },
      { key: 'scores', title: '积分一览', desc: '本小区党员的积分、排名与等次', url: '/packages/secretary/scores/index' },
    ],
  },
  {
    roles: ['unit_secretary'],
    title: '单位党支部',
    tools: [{ key: 'unit-scores', title: '单位积分录入', desc: '录入本支部党员的年度单位积分', url: '/packages/unit/scores/index' }],
  },
  {
    roles: ['county_admin', 'street_admin', 'community_admin'],
    title: '管理',
    tools: [{ key: 'tally', title: '核算与积分', desc: '核算年度双积分，查看各范围的积分', url: '/packages/admin/tally/index' }],
  },
]

export default function Workbench() {
  const { me, loading, error, reload } = useMe()
  if (error) {
    return (
      <View className='page'>
        <ErrorView error={error} onRetry={reload} />
      </View>
    )
  }
  if (loading || !me) {
    return (
      <View className='page'>
        <Skeleton />
      </View>
    )
  }
  const mine = SECTIONS.filter((s) => s.roles.some((r) => me.roles.some((g) => g.role === r)))
  return (
    <View className='page workbench'>
      {mine.length === 0 ? (
        <EmptyState title='暂无管理权限' hint='工作台供小区书记、单位书记和管理员使用。如需开通，请联系上级党组织。' />
      ) : (
        mine.map((s) => (
          <View key={s.title} className='workbench__section'>
            <Text className='section-title'>{s.title}</Text>
            <View className='workbench__grid'>
              {s.tools.map((t) => (
                <View key={t.key} className={`workbench__tool workbench-${t.key}`} onClick={() => Taro.navigateTo({ url: t.url })}>
                  <Text className='workbench__tool-title'>{t.title}</Text>
                  <Text className='workbench__tool-desc'>{t.desc}</Text>
                </View>
              ))}
            </View>
          </View>
        ))
      )}
    </View>
  )
}
