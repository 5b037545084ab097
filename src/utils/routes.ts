import type { MeData } from '@/core/api-types'

export const CHECKIN_URL = '/pages/checkin/index'
export const REGISTER_URL = '/pages/register/index'
export const WORKBENCH_URL = '/packages/secretary/index/index'
export const DEV_LOGIN_URL = '/packages/dev/login/index'

export const ACTIVITY_URL = '/packages/member/activity/index'
export const MY_ATTENDANCE_URL = '/packages/member/attendance/index'
export const CLAIM_URL = '/packages/member/claim/index'
export const MOVE_URL = '/packages/member/move/index'

export const ACTIVITY_NEW_URL = '/packages/secretary/activity-new/index'
export const ACTIVITIES_ADMIN_URL = '/packages/secretary/activities/index'
export const CODE_URL = '/packages/secretary/code/index'
export const REVIEW_URL = '/packages/secretary/review/index'
export const BACKFILL_URL = '/packages/secretary/backfill/index'

/** An activity's detail page (also the path of its share card). */
export const activityUrl = (activityId: string): string => `${ACTIVITY_URL}?activityId=${encodeURIComponent(activityId)}`

/** The check-in page with the activity preselected, in check-in or check-out mode. */
export const checkinUrl = (activityId: string, mode: 'checkin' | 'checkout' = 'checkin'): string =>
  `${CHECKIN_URL}?activityId=${encodeURIComponent(activityId)}${mode === 'checkout' ? '&mode=checkout' : ''}`

/** Anyone with a role beyond member gets the 工作台 (the menu shows what each role may do). */
export const hasWorkbench = (me: MeData): boolean => me.roles.some((r) => r.role !== 'member')
export const APPEAL_URL = '/packages/member/appeal/index'
