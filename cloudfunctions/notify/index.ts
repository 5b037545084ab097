// Deployable entry of the `notify` cloud function (docs/DESIGN.md#reminders): the notify.* actions of
// src/core/contracts.ts, and a timer (config.json) that sends the 订阅消息 that are due through
// cloud.openapi.subscribeMessage.send. The templates come from NOTIFY_TEMPLATES (the function's environment) or,
// when that is not set, from templates.json beside this file (bundled by `npm run build:functions`).
import cloud = require('wx-server-sdk')
import { handleCloudEvent } from '../../server/cloud/entry'
import templates from './templates.json'

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
if (process.env.NOTIFY_TEMPLATES === undefined) process.env.NOTIFY_TEMPLATES = JSON.stringify(templates)

export async function main(event: { Type?: string; TriggerName?: string } & Record<string, unknown>, _context: unknown) {
  // A timer trigger has no caller; the server decides what a caller-less event may do.
  const isTimer = event?.Type === 'Timer' || event?.TriggerName !== undefined
  const openid = isTimer ? null : cloud.getWXContext().OPENID || null
  return handleCloudEvent('notify', event, openid)
}
