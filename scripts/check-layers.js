// The layer rules of the codebase, checked on every test run (a fact, not a hope):
// - src/core (domain) imports nothing but src/core: no framework, no driver, no node builtin.
// - server/ outside adapters/, local/, cloud/ and testing/ imports no database driver or wx-server-sdk.
// - the app (src/ outside core) never imports server/ code.
// - server/model (stored documents) imports only src/core and itself; ports import only model and core.
// - use cases (actions/, queries/, services/, jobs/) never import an adapter or a host (local/, cloud/): only the ports.
// - no action calls another: a file under server/actions/ imports no other action namespace (shared work lives in
//   queries/ or services/); only actions/index.ts, the handler table, imports them all.
// - a subpackage of the app never imports another subpackage (WeChat loads them separately); components/, hooks/,
//   services/ and utils/ import no page.
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
const isTest = (f) => /\.test\.tsx?$/.test(f)
for (const f of files(path.join(root, 'server/model'))) {
  check(f, (spec) => (inside(spec, f, 'server/model') || inside(spec, f, 'src/core') ? null : 'stored documents are plain types over src/core'))
}
for (const f of files(path.join(root, 'server/ports'))) {
  check(f, (spec) =>
    inside(spec, f, 'server/ports') || inside(spec, f, 'server/model') || inside(spec, f, 'src/core')
      ? null
      : 'ports name only documents and core types',
  )
}
for (const dir of ['server/actions', 'server/queries', 'server/services', 'server/jobs']) {
  for (const f of files(path.join(root, dir)).filter((x) => !isTest(x))) {
    check(f, (spec) =>
      ['adapters', 'local', 'cloud'].some((d) => inside(spec, f, `server/${d}`)) ? 'use cases reach adapters and hosts only through ports' : null,
    )
  }
}
const actionsDir = path.join(root, 'server/actions')
const namespaceOf = (p) => path.relative(actionsDir, p).split(path.sep)[0].replace(/\.ts$/, '')
for (const f of files(actionsDir).filter((x) => !isTest(x) && x !== path.join(actionsDir, 'index.ts'))) {
  check(f, (spec) => {
    if (!inside(spec, f, 'server/actions')) return null
    const target = path.resolve(path.dirname(f), spec)
    return namespaceOf(target) === namespaceOf(f) ? null : 'an action may not call another namespace; share the work through queries/ or services/'
  })
}
const pkgOf = (p) => {
  const rel = path.relative(path.join(root, 'src'), p).split(path.sep)
  return rel[0] === 'packages' ? `packages/${rel[1]}` : rel[0] === 'pages' ? 'pages' : null
}
for (const f of files(path.join(root, 'src')).filter((x) => !isTest(x) && !x.startsWith(path.join(root, 'src/core')))) {
  const own = pkgOf(f)
  check(f, (spec) => {
    const target = spec.startsWith('@/') ? path.join(root, 'src', spec.slice(2)) : spec.startsWith('.') ? path.resolve(path.dirname(f), spec) : null
    if (!target) return null
    const theirs = pkgOf(target)
    if (!theirs || theirs === own) return null
    if (own === null) return 'shared app code (components, hooks, services, utils) may not import a page'
    return theirs.startsWith('packages/') ? 'a subpackage is loaded on its own: share code through components/, hooks/, services/ or utils/' : null
  })
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
