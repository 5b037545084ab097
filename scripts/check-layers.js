// The layer rules of the codebase, checked on every test run (a fact, not a hope):
// - src/core (domain) imports nothing but src/core: no framework, no driver, no node builtin.
// - server/ outside adapters/, local/, cloud/ and testing/ imports no database driver or wx-server-sdk.
// - the app (src/ outside core) never imports server/ code.
const fs = require('node:fs')
const path = require('node:path')

const root = path.join(__dirname, '..')
const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g

function files(dir) {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : files(p)
    return /\.(ts|tsx)$/.test(e.name) ? [p] : []
  })
}

const problems = []
function check(file, rule) {
  const text = fs.readFileSync(file, 'utf8')
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] || m[2] || m[3]
    const why = rule(spec, file)
    if (why) problems.push(`${path.relative(root, file)}: imports '${spec}' — ${why}`)
  }
}

const inside = (spec, file, dir) => spec.startsWith('.') && path.resolve(path.dirname(file), spec).startsWith(path.join(root, dir))

for (const f of files(path.join(root, 'src/core'))) {
  if (/\.test\.tsx?$/.test(f)) continue
  check(f, (spec) => (spec.startsWith('.') && inside(spec, f, 'src/core') ? null : 'domain code may only import src/core'))
}
const DRIVERS = ['better-sqlite3', 'wx-server-sdk']
for (const f of files(path.join(root, 'server'))) {
  const rel = path.relative(path.join(root, 'server'), f)
  if (/^(adapters|local|cloud|testing)\//.test(rel) || /\.test\.tsx?$/.test(f)) continue
  check(f, (spec) => (DRIVERS.some((d) => spec === d || spec.startsWith(`${d}/`)) ? 'use cases reach storage only through the port' : null))
}
for (const f of files(path.join(root, 'src'))) {
  if (f.startsWith(path.join(root, 'src/core'))) continue
  check(f, (spec) => (inside(spec, f, 'server') || DRIVERS.includes(spec) ? 'the app must not import server code or drivers' : null))
}

if (problems.length) {
  console.error(`layer check failed:\n${problems.join('\n')}`)
  process.exit(1)
}
console.log('layer check: ok')
