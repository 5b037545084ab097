#!/usr/bin/env node
// Package sizes of the weapp build (docs/DESIGN.md#budgets-and-how-they-are-measured): the main package — everything outside the subpackage roots
// declared in app.json — must stay ≤ 1.2 MB (our budget; DevTools warns at 1.5 MB), and every package must
// stay ≤ 2 MB (WeChat's hard limit). 1 MB = 1024 × 1024 bytes, as WeChat counts.
//
//   node scripts/size-report.js [weappDir] [--json]
//
// weappDir defaults to dist/weapp. Exits 1 when a limit is exceeded, 2 when there is no build.
const fs = require('node:fs')
const path = require('node:path')

const MB = 1024 * 1024
const MAIN_BUDGET = Math.round(1.2 * MB)
const PACKAGE_LIMIT = 2 * MB
// Not part of the uploaded package: source maps are for debugging only.
const EXCLUDED = [/\.map$/]

function listFiles(dir, base = dir) {
  const out = []
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...listFiles(full, base))
    else if (entry.isFile()) out.push(path.relative(base, full).split(path.sep).join('/'))
  }
  return out
}

function subpackageRoots(appJson) {
  const subs = appJson.subPackages || appJson.subpackages || []
  return subs.map((sp) => ({
    root: String(sp.root)
      .replace(/^\.?\//, '')
      .replace(/\/?$/, '/'),
    name: sp.name || String(sp.root).replace(/\/$/, ''),
    independent: Boolean(sp.independent),
  }))
}

/** Sizes of the build in `weappDir`; throws when there is no app.json. */
function sizeReport(weappDir) {
  const appJsonPath = path.join(weappDir, 'app.json')
  if (!fs.existsSync(appJsonPath)) throw new Error(`no weapp build at ${weappDir} (app.json missing)`)
  const roots = subpackageRoots(JSON.parse(fs.readFileSync(appJsonPath, 'utf8')))

  const main = { name: 'main', root: '', bytes: 0, files: 0 }
  const subs = roots.map((r) => ({ name: r.name, root: r.root, independent: r.independent, bytes: 0, files: 0 }))
  for (const file of listFiles(weappDir)) {
    if (EXCLUDED.some((re) => re.test(file))) continue
    const bytes = fs.statSync(path.join(weappDir, file)).size
    const pkg = subs.find((s) => file.startsWith(s.root)) || main
    pkg.bytes += bytes
    pkg.files += 1
  }

  const problems = []
  if (main.bytes > MAIN_BUDGET) problems.push(`main package ${fmt(main.bytes)} exceeds the ${fmt(MAIN_BUDGET)} budget`)
  for (const pkg of [main, ...subs]) {
    if (pkg.bytes > PACKAGE_LIMIT) problems.push(`package ${pkg.name} ${fmt(pkg.bytes)} exceeds WeChat's ${fmt(PACKAGE_LIMIT)} limit`)
  }
  const total = main.bytes + subs.reduce((sum, s) => sum + s.bytes, 0)
  return {
    dir: weappDir,
    main,
    subpackages: subs,
    total,
    limits: { mainBudget: MAIN_BUDGET, packageLimit: PACKAGE_LIMIT },
    ok: problems.length === 0,
    problems,
  }
}

function fmt(bytes) {
  return bytes >= MB ? `${(bytes / MB).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`
}

function printReport(report, log = console.log) {
  const rows = [
    [`main package`, report.main],
    ...report.subpackages.map((s) => [`subpackage ${s.root.replace(/\/$/, '')}${s.independent ? ' (independent)' : ''}`, s]),
  ]
  const width = Math.max(...rows.map(([label]) => label.length))
  for (const [label, pkg] of rows) {
    log(`  ${label.padEnd(width)}  ${fmt(pkg.bytes).padStart(9)}  ${String(pkg.files).padStart(4)} files`)
  }
  log(`  ${'total'.padEnd(width)}  ${fmt(report.total).padStart(9)}`)
  log(`  limits: main ≤ ${fmt(report.limits.mainBudget)} (budget), each package ≤ ${fmt(report.limits.packageLimit)}`)
  for (const p of report.problems) log(`  FAIL: ${p}`)
}

module.exports = { sizeReport, printReport, fmt }

if (require.main === module) {
  const args = process.argv.slice(2)
  const json = args.includes('--json')
  const dir = path.resolve(args.find((a) => !a.startsWith('--')) || 'dist/weapp')
  let report
  try {
    report = sizeReport(dir)
  } catch (err) {
    console.error(`${err.message} — build it with \`npx taro build --type weapp\``)
    process.exit(2)
  }
  if (json) {
    console.log(JSON.stringify(report, null, 2))
  } else {
    console.log(`weapp package sizes (${path.relative(process.cwd(), dir) || '.'})`)
    printReport(report)
  }
  process.exit(report.ok ? 0 : 1)
}
