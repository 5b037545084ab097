import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Role } from '@/core/contracts'
import EmptyState from '@/components/EmptyState'
import ErrorView from '@/components/ErrorView'
import Skeleton from '@/components/Skeleton'
import { useMe } from '@/hooks'
import { askFor } from '@/services/subscribe'
import { cx, hook } from '@/utils/cx'
import {
  ACTIVITIES_ADMIN_URL,
  ACTIVITY_NEW_URL,
  ADJUSTMENT_URL,
  CODE_URL,
  DASHBOARD_URL,
  DEDUCTION_URL,
  DIRECTORY_IMPORT_URL,
  DUTY_REPORT_URL,
  DUTY_REPORTS_URL,
  ESTATE_SCORES_URL,
  MEMBERS_URL,
  PUBLICITY_URL,
  RF_APPLY_URL,
  RF_CAMPAIGN_URL,
  RF_DECISION_URL,
  RF_PANEL_URL,
  RF_REVIEW_URL,
  REVIEW_URL,
  RULESET_URL,
  SETTINGS_URL,
  SURVEY_MANAGE_URL,
  TALLY_URL,
  TEMPLATE_URL,
  MESSAGE_LOG_URL,
  UNIT_FEEDBACK_URL,
  UNIT_IMPORT_URL,
  UNIT_SCORES_URL,
} from '@/utils/routes'
import './index.scss'
import { a11y } from '@/utils/a11y'

interface Tool {
  key: string
  title: string
  desc: string
  url: string
  /** Only for these roles within the section (default: every role of the section). */
  roles?: Role[]
}

const SECTIONS: { roles: Role[]; title: string; tools: Tool[] }[] = [
  {
    roles: ['estate_secretary'],
    title: '小区党支部',
    tools: [
      { key: 'activity-new', title: '发布活动', desc: '创建志愿服务活动，选择积分细则', url: ACTIVITY_NEW_URL },
      { key: 'activities', title: '活动管理', desc: '发布草稿、取消活动、打印静态码、补录签到', url: ACTIVITIES_ADMIN_URL },
      { key: 'code', title: '签到码', desc: '投屏展示轮换二维码和 6 位签到码', url: CODE_URL },
      { key: 'review', title: '审核签到', desc: '批量通过、驳回待审核的签到，撤销已通过的', url: REVIEW_URL },
      { key: 'members', title: '成员与报到', desc: '审核党员的双报到申请', url: MEMBERS_URL },
      { key: 'scores', title: '积分一览', desc: '积分、排名与等次；双报告评语；导出', url: ESTATE_SCORES_URL },
      { key: 'ruleset', title: '积分明细', desc: '起草新版本，经党员大会通过后采用', url: RULESET_URL },
      { key: 'deduction', title: '记录扣分', desc: '按负面清单扣分，写明理由与佐证', url: DEDUCTION_URL },
      { key: 'publicity', title: '公示与申诉', desc: '发起年度公示，答复党员申诉', url: PUBLICITY_URL },
      { key: 'estate-dashboard', title: '看板', desc: '本小区报到率、参与率、总分分布与待办', url: DASHBOARD_URL },
      { key: 'duty-report', title: '年度述职', desc: '向社区提交本小区党支部的年度述职', url: DUTY_REPORT_URL },
    ],
  },
  {
    roles: ['unit_secretary'],
    title: '单位党支部',
    tools: [
      { key: 'unit-scores', title: '单位积分录入', desc: '逐人录入本支部党员的年度单位积分', url: UNIT_SCORES_URL },
      { key: 'unit-import', title: '单位积分导入', desc: '从 Excel 或 CSV 表格批量导入，先预览再保存', url: UNIT_IMPORT_URL },
      { key: 'unit-feedback', title: '双报告', desc: '本支部党员在居住小区的表现反馈', url: UNIT_FEEDBACK_URL },
    ],
  },
  {
    roles: ['county_admin', 'street_admin', 'community_admin'],
    title: '管理',
    tools: [
      { key: 'dashboard', title: '看板', desc: '报到率、参与率、总分分布与各小区排名', url: DASHBOARD_URL },
      { key: 'tally', title: '核算与定稿', desc: '核算年度双积分，公示结束后定稿锁定', url: TALLY_URL },
      { key: 'survey', title: '满意度测评', desc: '社区按小区开启测评、打印二维码海报，查看满意率与意见', url: SURVEY_MANAGE_URL },
      { key: 'duty-reports', title: '下级述职', desc: '谁已述职、谁未述职；阅定评等，催报', url: DUTY_REPORTS_URL },
      {
        key: 'duty-report-own',
        title: '本级述职',
        desc: '向上级提交本社区、本街道的年度述职',
        url: DUTY_REPORT_URL,
        roles: ['community_admin', 'street_admin'],
      },
      {
        key: 'adjustment',
        title: '审计调整',
        desc: '定稿后的更正：留痕的加分或减分',
        url: ADJUSTMENT_URL,
        roles: ['county_admin'],
      },
      {
        key: 'directory-import',
        title: '名册导入',
        desc: '从 Excel 或 CSV 名册导入党员，先逐行预检再写入',
        url: DIRECTORY_IMPORT_URL,
        roles: ['county_admin'],
      },
      { key: 'settings', title: '设置', desc: '权重、等次、节假日与光荣榜', url: SETTINGS_URL, roles: ['county_admin'] },
      {
        key: 'template',
        title: '积分明细模板',
        desc: '各小区起草积分明细时的县级模板',
        url: TEMPLATE_URL,
        roles: ['county_admin'],
      },
      { key: 'messages', title: '消息记录', desc: '订阅消息的发送情况与模板配置问题', url: MESSAGE_LOG_URL, roles: ['county_admin'] },
    ],
  },
  // 红旗小区 评选 (docs/DESIGN.md#red-flag-estates): each step's tool for the role that does it.
  {
    roles: ['county_admin', 'street_admin', 'community_admin', 'estate_secretary', 'panel_reviewer'],
    title: '红旗小区评选',
    tools: [
      {
        key: 'rf-campaign',
        title: '评选方案',
        desc: '名额、推荐比例、截止日期、评选标准与补助；任命评选组',
        url: RF_CAMPAIGN_URL,
        roles: ['county_admin'],
      },
      { key: 'rf-apply', title: '红旗小区申报', desc: '逐项自评、上传照片，提交社区把关', url: RF_APPLY_URL, roles: ['estate_secretary'] },
      {
        key: 'rf-review',
        title: '把关与推荐',
        desc: '社区同意上报或退回；街道排序推荐',
        url: RF_REVIEW_URL,
        roles: ['community_admin', 'street_admin'],
      },
      {
        key: 'rf-panel',
        title: '评选组评分',
        desc: '逐项打分、提出异议，查看平均分与排名',
        url: RF_PANEL_URL,
        roles: ['panel_reviewer', 'county_admin'],
      },
      {
        key: 'rf-decision',
        title: '审定与公示',
        desc: '常委会审定名单、全县公示、答复问题反映、补助发放与导出',
        url: RF_DECISION_URL,
        roles: ['county_admin'],
      },
    ],
  },
]

/** Opens a tool; opening the review queue asks for the daily digest of pending reviews (docs/DESIGN.md#reminders). */
function open(t: Tool) {
  if (t.key === 'review') void askFor('review')
  void Taro.navigateTo({ url: t.url })
}

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
              {s.tools
                .filter((t) => !t.roles || t.roles.some((r) => me.roles.some((g) => g.role === r)))
                .map((t) => (
                  <View {...a11y('link')} key={t.key} className={cx('workbench__tool', hook(`workbench-${t.key}`))} onClick={() => open(t)}>
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
