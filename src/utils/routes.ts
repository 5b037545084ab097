import type { MeData } from '@/core/api-types'

export const CHECKIN_URL = '/pages/checkin/index'
export const REGISTER_URL = '/pages/register/index'
export const WORKBENCH_URL = '/packages/secretary/index/index'
export const DEV_LOGIN_URL = '/packages/dev/login/index'

/** Anyone with a role beyond member gets the 工作台 (the menu shows what each role may do). */
export const hasWorkbench = (me: MeData): boolean => me.roles.some((r) => r.role !== 'member')
export const APPEAL_URL = '/packages/member/appeal/index'
