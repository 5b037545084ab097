// Deployable entry of the `user` cloud function; the actions it hosts are those with `fn: 'user'` in
// src/core/contracts.ts. Identity is the OPENID of the WeChat context, never a field of the event.
// `npm run build:functions` bundles this file with the shared server code into index.js.
import cloud = require('wx-server-sdk')
import { handleCloudEvent } from '../../server/cloud/entry'

// DYNAMIC_CURRENT_ENV (the environment the function is deployed in) is the documented value;
// the typings only allow strings.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })

export async function main(event: { Type?: string; TriggerName?: string } & Record<string, unknown>, _context: unknown) {
  // A timer trigger has no caller; the server decides what a caller-less event may do.
  const isTimer = event?.Type === 'Timer' || event?.TriggerName !== undefined
  const openid = isTimer ? null : cloud.getWXContext().OPENID || null
  return handleCloudEvent('user', event, openid)
}
