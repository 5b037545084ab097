// Every deployable function states its timeout (WeChat's default is 3 s, far too short for a bulk review or a tally
// step), within WeChat's 1–60 s, and the timer's function gives a tally step its whole working budget plus margin.
import fs from 'node:fs'
import path from 'node:path'
import { ACTIONS, ACTION_NAMES } from '../../src/core/contracts'
import { TIMER_BUDGET_MS } from './entry'

const ROOT = path.join(__dirname, '../../cloudfunctions')
const hosts = [...new Set(ACTION_NAMES.map((a) => ACTIONS[a].fn))].sort()
const config = (fn: string): { timeout?: unknown } => JSON.parse(fs.readFileSync(path.join(ROOT, fn, 'config.json'), 'utf8'))

it.each(hosts.map((fn) => [fn]))('cloudfunctions/%s/config.json sets a timeout of 1–60 s', (fn) => {
  const { timeout } = config(fn)
  expect(Number.isInteger(timeout) && (timeout as number) >= 1 && (timeout as number) <= 60).toBe(true)
})

it('gives the nightly tally step its working budget plus at least 10 s to write its page and answer', () => {
  expect(config('score').timeout as number).toBeGreaterThanOrEqual(TIMER_BUDGET_MS / 1000 + 10)
})
