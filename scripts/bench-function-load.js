#!/usr/bin/env node
// Load time of each bundled cloud function (docs/DESIGN.md#budgets-and-how-they-are-measured: `require` ≤ 300 ms, wx-server-sdk excluded). Every
// measurement runs in a fresh node process, so nothing is warm in the module cache; wx-server-sdk is replaced
// by an inert stand-in so only the bundle's own cost is counted.
//
//   node scripts/bench-function-load.js [--runs N] [--json]
//
// Run `npm run build:functions` first. Exits 1 when a bundle's median load time is over budget.
const fs = require('node:fs')
const path = require('node:path')
const { execFileSync } = require('node:child_process')

const BUDGET_MS = 300
const root = path.resolve(__dirname, '..')
const functionsDir = path.join(root, 'cloudfunctions')

// Runs inside the child: answers every property access and call of wx-server-sdk with another stand-in, so
// module-level code such as `cloud.init()` or `cloud.database().command` works without the SDK.
const CHILD = `
const Module = require('module')
const sdk = () => {
  const f = function () { return sdk() }
  return new Proxy(f, {
    get: (t, k) => (k === 'then' ? undefined : k === Symbol.toPrimitive ? () => '' : sdk()),
    apply: () => sdk(),
    construct: () => sdk(),
  })
}
const stub = sdk()
const load = Module._load
Module._load = function (request, ...rest) {
  if (request === 'wx-server-sdk' || request.startsWith('wx-server-sdk/')) return stub
  return load.call(this, request, ...rest)
}
const t0 = process.hrtime.bigint()
const mod = require(process.argv[1])
const ms = Number(process.hrtime.bigint() - t0) / 1e6
if (typeof mod.main !== 'function') { console.error('no exported main()'); process.exit(3) }
process.stdout.write(JSON.stringify({ ms }))
`

function median(values) {
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

function measure(bundle) {
  const out = execFileSync(process.execPath, ['-e', CHILD, bundle], { encoding: 'utf8' })
  return JSON.parse(out).ms
}

function main() {
  const args = process.argv.slice(2)
  const json = args.includes('--json')
  const runsArg = args.indexOf('--runs')
  const runs = runsArg >= 0 ? Math.max(1, Number(args[runsArg + 1]) || 5) : 5

  const fns = fs
    .readdirSync(functionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(functionsDir, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort()
  const missing = fns.filter((fn) => !fs.existsSync(path.join(functionsDir, fn, 'index.js')))
  if (!fns.length || missing.length) {
    console.error(`no bundle for: ${missing.join(', ') || '(no functions)'} — run \`npm run build:functions\` first`)
    process.exit(2)
  }

  const results = fns.map((fn) => {
    const bundle = path.join(functionsDir, fn, 'index.js')
    const samples = Array.from({ length: runs }, () => measure(bundle))
    const ms = median(samples)
    return {
      fn,
      bytes: fs.statSync(bundle).size,
      medianMs: +ms.toFixed(1),
      minMs: +Math.min(...samples).toFixed(1),
      maxMs: +Math.max(...samples).toFixed(1),
      withinBudget: ms <= BUDGET_MS,
    }
  })

  if (json) {
    console.log(JSON.stringify({ budgetMs: BUDGET_MS, runs, node: process.version, results }, null, 2))
  } else {
    console.log(`require() of each bundle, fresh process, wx-server-sdk stubbed; median of ${runs} (budget ${BUDGET_MS} ms)`)
    for (const r of results) {
      const verdict = r.withinBudget ? 'ok' : 'OVER BUDGET'
      console.log(
        `  ${r.fn.padEnd(10)} ${`${(r.bytes / 1024).toFixed(1)} KB`.padStart(9)}  ` +
          `${String(r.medianMs).padStart(7)} ms  (min ${r.minMs}, max ${r.maxMs})  ${verdict}`,
      )
    }
  }
  if (results.some((r) => !r.withinBudget)) process.exit(1)
}

main()
