// docs/API.md is rendered from the action table itself, and a test fails when the committed file drifts.
import { ACTIONS, ACTION_NAMES, ROLE_LABEL, type Caller } from '../../src/core/contracts'
import { ERROR_STATUS } from '../../src/core/errors'
import { namedShapesIn, type Shape } from '../../src/core/shape'

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
    'Under each action, `response` is the `data` of its ok answer (named shapes are spelled out under "Shapes" at',
    'the end) and `errors` lists every other code it can answer.',
    '',
  ]
  for (const name of ACTION_NAMES) {
    const a = ACTIONS[name]
    lines.push(`## \`${name}\``, '', a.summary, '')
    lines.push(`- cloud function: \`${a.fn}\``)
    lines.push(`- who: ${a.who.map(callerLabel).join('; ')}`)
    lines.push(`- body: \`${a.body.describe()}\``)
    lines.push(`- response: \`${a.result.describe()}\``)
    lines.push(`- errors: ${a.errors.length ? a.errors.map((e) => `\`${e}\``).join(', ') : '—'}`, '')
  }
  const named = new Map<string, Shape<unknown>>()
  for (const name of ACTION_NAMES) namedShapesIn(ACTIONS[name].result, named)
  lines.push(
    '## Shapes',
    '',
    'Named shapes used in the responses above. `score`: a number with at most 2 decimals; `time`: ISO 8601 with an',
    "offset; `date`: 'YYYY-MM-DD'; `?`: the field may be absent; `| null`: the value may be null. Nothing else is sent:",
    'the tests check every real answer against these shapes (server/testing/contract-check.ts).',
    '',
  )
  for (const [name, shape] of [...named].sort(([a], [b]) => a.localeCompare(b))) lines.push(`- \`${name}\`: \`${shape.describe()}\``)
  lines.push('')
  return lines.join('\n')
}
