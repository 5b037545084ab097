// Every page's URL, built in one place: pages, tests and share cards name a page through these, never by a string.
import type { MeData } from '@/core/api-types'

const query = (params: Record<string, string | number | undefined>): string => {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

// tabBar pages (Taro.switchTab) and the main package
export const HOME_URL = '/pages/index/index'
export const ACTIVITIES_URL = '/pages/activities/index'
export const POINTS_URL = '/pages/points/index'
export const MINE_URL = '/pages/mine/index'
export const CHECKIN_URL = '/pages/checkin/index'
export const REGISTER_URL = '/pages/register/index'

// member subpackage
export const ACTIVITY_URL = '/packages/member/activity/index'
export const MY_ATTENDANCE_URL = '/packages/member/attendance/index'
export const APPEAL_URL = '/packages/member/appeal/index'
export const CLAIM_URL = '/packages/member/claim/index'
export const MOVE_URL = '/packages/member/move/index'
/** 我的消息: the 订阅消息 sent to the signed-in person. */
export const MY_MESSAGES_URL = '/packages/member/messages/index'

// secretary subpackage (the 工作台 and the estate secretary's tools)
export const WORKBENCH_URL = '/packages/secretary/index/index'
export const ACTIVITY_NEW_URL = '/packages/secretary/activity-new/index'
export const ACTIVITIES_ADMIN_URL = '/packages/secretary/activities/index'
export const CODE_URL = '/packages/secretary/code/index'
export const REVIEW_URL = '/packages/secretary/review/index'
export const BACKFILL_URL = '/packages/secretary/backfill/index'
export const MEMBERS_URL = '/packages/secretary/members/index'
export const ESTATE_SCORES_URL = '/packages/secretary/scores/index'
export const RULESET_URL = '/packages/secretary/ruleset/index'
export const DEDUCTION_URL = '/packages/secretary/deduction/index'
export const PUBLICITY_URL = '/packages/secretary/publicity/index'
export const POSTER_URL = '/packages/secretary/poster/index'
export const PROJECTOR_URL = '/packages/secretary/projector/index'

// unit secretary subpackage
export const UNIT_SCORES_URL = '/packages/unit/scores/index'
export const UNIT_IMPORT_URL = '/packages/unit/import/index'
export const UNIT_FEEDBACK_URL = '/packages/unit/feedback/index'

// admin subpackage
export const TALLY_URL = '/packages/admin/tally/index'
export const DASHBOARD_URL = '/packages/admin/dashboard/index'
export const SETTINGS_URL = '/packages/admin/settings/index'
export const ADJUSTMENT_URL = '/packages/admin/adjustment/index'
/** The county's 积分明细 template (next year's starting point for every estate). */
export const TEMPLATE_URL = '/packages/admin/template/index'
/** The county's roster import (a file, previewed, then imported in chunks). */
export const DIRECTORY_IMPORT_URL = '/packages/admin/directory/index'
/** 消息记录: the county's 订阅消息 and how each went. */
export const MESSAGE_LOG_URL = '/packages/admin/messages/index'

// 满意度测评 subpackage: the resident's answer page (opened by the poster's 小程序码; anyone signed in) and the
// community's tools
/** Also the page the survey poster's 小程序码 opens (SURVEY_ANSWER_PAGE in src/core/survey.ts; routes.test.ts pins them equal). */
export const SURVEY_ANSWER_URL = '/packages/survey/answer/index'
export const SURVEY_MANAGE_URL = '/packages/survey/manage/index'
export const SURVEY_RESULTS_URL = '/packages/survey/results/index'
export const SURVEY_POSTER_URL = '/packages/survey/poster/index'

// 述职 subpackage (docs/DESIGN.md#duty-reports)
/** My org's year-end report: write, submit, revise until read. */
export const DUTY_REPORT_URL = '/packages/report/mine/index'
/** The level above: which child orgs have and have not reported; reminders. */
export const DUTY_REPORTS_URL = '/packages/report/list/index'
export const DUTY_REPORT_READ_URL = '/packages/report/read/index'

// 红旗小区 评选 subpackage
export const RF_CAMPAIGN_URL = '/packages/redflag/campaign/index'
export const RF_APPLY_URL = '/packages/redflag/apply/index'
export const RF_REVIEW_URL = '/packages/redflag/review/index'
export const RF_PANEL_URL = '/packages/redflag/panel/index'
export const RF_DECISION_URL = '/packages/redflag/decision/index'
export const RF_PUBLICITY_URL = '/packages/redflag/publicity/index'
export const RF_RESULTS_URL = '/packages/redflag/results/index'

// local backend only
export const DEV_LOGIN_URL = '/packages/dev/login/index'

/** An activity's detail page (also the path of its share card). */
export const activityUrl = (activityId: string): string => `${ACTIVITY_URL}${query({ activityId })}`

/** The check-in page with the activity preselected, in check-in or check-out mode. */
export const checkinUrl = (activityId: string, mode: 'checkin' | 'checkout' = 'checkin'): string =>
  `${CHECKIN_URL}${query({ activityId, mode: mode === 'checkout' ? 'checkout' : undefined })}`

/** The rotating-code screen, optionally for one activity. */
export const codeUrl = (activityId?: string): string => `${CODE_URL}${query({ activityId })}`

/** The printable A4 check-in poster of an activity. */
export const posterUrl = (activityId: string): string => `${POSTER_URL}${query({ activityId })}`

/** The rotating code full screen, for a projector or a big screen. */
export const projectorUrl = (activityId: string): string => `${PROJECTOR_URL}${query({ activityId })}`

/** A survey's answer page (the poster's code opens it with `scene` instead). */
export const surveyAnswerUrl = (surveyId: string): string => `${SURVEY_ANSWER_URL}${query({ surveyId })}`
/** A survey's results (counts, 满意率, comments). */
export const surveyResultsUrl = (surveyId: string): string => `${SURVEY_RESULTS_URL}${query({ surveyId })}`
/** A survey's printable poster with its 小程序码. */
export const surveyPosterUrl = (surveyId: string): string => `${SURVEY_POSTER_URL}${query({ surveyId })}`
/** A year's 红旗小区 results (the honour badge opens its year). */
export const rfResultsUrl = (year?: number): string => `${RF_RESULTS_URL}${query({ year })}`

/** Anyone with a role beyond member gets the 工作台 (the menu shows what each role may do). */
export const hasWorkbench = (me: MeData): boolean => me.roles.some((r) => r.role !== 'member')

/** One child org's report, for the level above to read and grade. */
export const dutyReportReadUrl = (orgId: string, year: number): string => `${DUTY_REPORT_READ_URL}${query({ orgId, year })}`

export { query as routeQuery }
