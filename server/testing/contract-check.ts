// Every answer a test receives is held to the action's declared contract (src/core/contracts.ts): an ok answer
// must match the action's result shape exactly (no undeclared field, none missing, scores with ≤ 2 decimals, times
// with an offset), and an error must carry a code the action declares or one every action may answer. So the whole
// HTTP and cloud suite doubles as the contract test, and docs/API.md, generated from the same table, cannot drift.
import { ACTIONS, isActionName } from '../../src/core/contracts'
import type { ErrorCode } from '../../src/core/errors'
import { shapeProblems } from '../../src/core/shape'

/** Codes any action may answer: no or bad token, caller lacks the role, body fails the schema, body too large. */
export const ANY_ACTION_ERRORS: readonly ErrorCode[] = ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION', 'PAYLOAD_TOO_LARGE']

interface Answer {
  ok: boolean
  data?: unknown
  error?: { code: string }
}

/** Throws, naming every mismatch, when an answer breaks the action's contract; unknown actions are not checked. */
export function assertConforms(action: string, status: number, answer: Answer): void {
  if (!isActionName(action)) return
  const def = ACTIONS[action]
  if (answer.ok) {
    const problems = shapeProblems(def.result, answer.data)
    if (problems.length) throw new Error(`${action} answered outside its declared result shape:\n  ${problems.slice(0, 12).join('\n  ')}`)
    return
  }
  const code = answer.error?.code as ErrorCode | undefined
  if (!code) throw new Error(`${action} answered ${status} without an error code`)
  if (code === 'INTERNAL') return // a 500 is judged by the test that met it, not hidden here
  if (!(def.errors as readonly string[]).includes(code) && !ANY_ACTION_ERRORS.includes(code)) {
    throw new Error(`${action} answered ${code} (${status}), which it does not declare in its errors`)
  }
}
