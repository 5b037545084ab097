// docs/API.md lists, per action, every error it can answer. The contract check in the HTTP tests sees only the
// errors the tests happen to provoke; this test reads the code instead. From each action's handler it follows
// every call by name (functions declared at the top level of server/ and src/core, non-test) and collects the codes
// of `fail(...)` and `new AppError(...)` it can reach. Those, beyond the codes any action may answer, must be
// exactly the action's declared `errors`: nothing reachable left undeclared, nothing declared that cannot happen.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { ACTION_NAMES, ACTIONS } from '../../src/core/contracts'
import { ANY_ACTION_ERRORS } from '../testing/contract-check'

const ROOT = path.join(__dirname, '../..')

interface Fn {
  codes: Set<string>
  calls: Set<string>
}

function readFunctions(): Map<string, Fn> {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', 'server', 'src/core'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.includes('/testing/'))
  const fns = new Map<string, Fn>()
  for (const file of files) {
    const src = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true)
    const record = (name: string, body: ts.Node) => {
      const fn = fns.get(name) ?? { codes: new Set(), calls: new Set() }
      fns.set(name, fn)
      const walk = (n: ts.Node) => {
        if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
          const callee = n.expression
          const id = ts.isIdentifier(callee) ? callee.text : null
          const first = n.arguments?.[0]
          if ((id === 'fail' || id === 'AppError') && first && ts.isStringLiteral(first)) fn.codes.add(first.text)
          else if (id) fn.calls.add(id)
          // A method of a module-level object made by a factory (`jobs.step(…)`) runs that factory's functions.
          else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) fn.calls.add(callee.expression.text)
          // A function handed to another (a transaction body, a map callback) runs too.
          for (const a of n.arguments ?? []) if (ts.isIdentifier(a)) fn.calls.add(a.text)
        }
        ts.forEachChild(n, walk)
      }
      walk(body)
    }
    for (const st of src.statements) {
      if (ts.isFunctionDeclaration(st) && st.name && st.body) record(st.name.text, st.body)
      if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer) record(d.name.text, d.initializer)
      }
    }
  }
  return fns
}

const fns = readFunctions()
function reachable(name: string, seen = new Set<string>()): Set<string> {
  const out = new Set<string>()
  if (seen.has(name)) return out
  seen.add(name)
  const fn = fns.get(name)
  if (!fn) return out
  for (const c of fn.codes) out.add(c)
  for (const callee of fn.calls) for (const c of reachable(callee, seen)) out.add(c)
  return out
}

// The handler table names each action's use case: 'activity.checkin': activityCheckin.
const table = fs.readFileSync(path.join(ROOT, 'server/actions/index.ts'), 'utf8')
const handlerOf = new Map([...table.matchAll(/^\s+'([A-Za-z.]+)': (?:\([^)]*\) => )?(\w+)/gm)].map((m) => [m[1], m[2]]))
const beyondAny = (codes: Iterable<string>) =>
  [...codes].filter((c) => !(ANY_ACTION_ERRORS as readonly string[]).includes(c) && c !== 'INTERNAL').sort()

it('finds the handler of every action and reads fail() codes', () => {
  expect(ACTION_NAMES.filter((a) => !handlerOf.has(a))).toEqual([])
  expect(reachable('activityCheckin').has('CODE_EXPIRED')).toBe(true)
})

it.each(ACTION_NAMES.map((a) => [a]))('%s declares exactly the errors its code can reach', (action) => {
  const handler = handlerOf.get(action) as string
  expect({ action, errors: beyondAny(reachable(handler)) }).toEqual({ action, errors: beyondAny(ACTIONS[action].errors) })
})
