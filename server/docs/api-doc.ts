// docs/API.md is rendered from the action table itself, and a test fails when the committed file drifts.
import { ACTIONS, ACTION_NAMES, ROLE_LABEL, type Caller } from '../../src/core/contracts'
import { ERROR_STATUS } from '../../src/core/errors'

const callerLabel = (c: Caller) => (c === 'anyone' ? '任何已登录用户' : `${ROLE_LABEL[c]} \`${c}\``)

export function renderApiDoc(): string {
  const lines: string[] = [
    '# Actions (generated — `npm run docs:api`)',
    '',
    'Every action is `POST /api/<action>` on the local backend (JSON body, `Authorization: Bearer <token>` from',
    '`POST /api/dev/login`) and `wx.cloud.callFunction({ name: <function>, data: { action, ...body } })` in the mini',
    'program. The answer is `{"ok":true,"data":…}` or `{"ok":false,"error":{"code","message","details"}}`.',
    'Scores are in points with at most 2 decimals; times are ISO 8601 with an offset. Unknown fields are refused.',
    '',
    '| error code | HTTP status |',
    '|---|---|',
    ...Object.entries(ERROR_STATUS).map(([code, status]) => `| \`${code}\` | ${status} |`),
    '',
    'Every action may also answer `UNAUTHENTICATED` (no or bad token), `FORBIDDEN` (caller lacks the role),',
    '`VALIDATION` (body does not match the schema), `PAYLOAD_TOO_LARGE` (body over 64 KB) and `INTERNAL`.',
    '',
  ]
  for (const name of ACTION_NAMES) {
    const a = ACTIONS[name]
    lines.push(`## \`${name}\``, '', a.summary, '')
    lines.push(`- cloud function: \`${a.fn}\``)
    lines.push(`- who: ${a.who.map(callerLabel).join('; ')}`)
    lines.push(`- body: \`${a.body.describe()}\``)
    lines.push(`- errors: ${a.errors.length ? a.errors.map((e) => `\`${e}\``).join(', ') : '—'}`, '')
  }
  return lines.join('\n')
}
