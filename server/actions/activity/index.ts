// activity.*: creating and reading, the check-in code and check-in/out, and the rest of an activity's life.

export { activityCheckin, activityCheckout, activityCode } from './checkin'
export { activityCancel, activityCancelSignup, activityPublish, activitySignup, activityStaticCode } from './lifecycle'
export { activityCreate, activityGet, activityList } from './manage'
