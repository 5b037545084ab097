#!/usr/bin/env node
// Checks a weapp build the way WeChat will see it, without DevTools:
//   1. structure — every page in app.json has its .js/.json/.wxml, tabBar pages are in the main package,
//      every usingComponents target and every <import>/<include>/<wxs src> exists;
//   2. WXML — all files compiled together by WeChat's own wcc (from miniprogram-compiler), and the compiled
//      output loaded to make sure every file got a render function;
//   3. WXSS — all files compiled by WeChat's own wcsc;
//   4. sizes — scripts/size-report.js (main ≤ 1.2 MB, each package ≤ 2 MB).
//
//   node scripts/check-weapp.js [weappDir]      (default dist/weapp; build with `npx taro build --type weapp`)
//
// Exits 1 on any failure, 2 when there is no build.
const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const { sizeReport, printReport, fmt } = require('./size-report')

const MAX_BUFFER = 256 * 1024 * 1024

function listFiles(dir, ext, base = dir) {
  const out = []
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...listFiles(full, ext, base))
    } else if (entry.name.endsWith(ext)) {
      out.push(path.relative(base, full).split(path.sep).join('/'))
    }
  }
  return out.sort()
}

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'))
const exists = (file) => fs.existsSync(file)

// A path in a wxml/json file: absolute ones start at the mini program root.
function resolveRef(dir, fromFile, ref) {
  return ref.startsWith('/') ? path.join(dir, ref) : path.join(dir, path.dirname(fromFile), ref)
}

function checkStructure(dir) {
  const problems = []
  const app = readJson(path.join(dir, 'app.json'))
  const subs = app.subPackages || app.subpackages || []
  const roots = subs.map((s) =>
    String(s.root)
      .replace(/^\.?\//, '')
      .replace(/\/?$/, '/'),
  )
  const pages = [...(app.pages || []), ...subs.flatMap((s, i) => (s.pages || []).map((p) => roots[i] + p))]
  for (const page of pages) {
    for (const ext of ['.js', '.json', '.wxml']) {
      if (!exists(path.join(dir, page + ext))) problems.push(`page ${page}: ${page}${ext} missing`)
    }
  }
  for (const item of app.tabBar?.list || []) {
    const page = String(item.pagePath).replace(/^\//, '')
    if (!(app.pages || []).includes(page)) problems.push(`tabBar page ${page} is not in the main package's pages`)
    for (const icon of [item.iconPath, item.selectedIconPath].filter(Boolean)) {
      if (!exists(path.join(dir, icon))) problems.push(`tabBar icon ${icon} missing`)
    }
  }

  for (const jsonFile of listFiles(dir, '.json')) {
    if (jsonFile === 'app.json' || /(^|\/)(project(\.private)?\.config|sitemap)\.json$/.test(jsonFile)) continue
    let json
    try {
      json = readJson(path.join(dir, jsonFile))
    } catch (err) {
      problems.push(`${jsonFile}: invalid JSON (${err.message})`)
      continue
    }
    for (const [tag, ref] of Object.entries(json.usingComponents || {})) {
      if (/^plugin(-private)?:\/\//.test(ref)) continue
      const target = resolveRef(dir, jsonFile, ref)
      const found = ['.json', '/index.json'].some((suffix) => exists(target + suffix))
      if (!found) problems.push(`${jsonFile}: component <${tag}> → ${ref} not found`)
    }
  }

  const refPattern = /<(import|include|wxs)\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']/g
  for (const wxmlFile of listFiles(dir, '.wxml')) {
    const text = fs.readFileSync(path.join(dir, wxmlFile), 'utf8')
    for (const [, tag, ref] of text.matchAll(refPattern)) {
      const target = resolveRef(dir, wxmlFile, ref)
      const candidates = tag === 'wxs' ? [target] : [target, `${target}.wxml`]
      if (!candidates.some((c) => exists(c) && fs.statSync(c).isFile())) {
        problems.push(`${wxmlFile}: <${tag} src="${ref}"> not found`)
      }
    }
  }
  return { pages: pages.length, problems }
}

function compileWxml(dir) {
  const { wxmlToJs } = require('miniprogram-compiler')
  const files = listFiles(dir, '.wxml')
  let code
  try {
    code = wxmlToJs(dir, { maxBuffer: MAX_BUFFER })
  } catch (err) {
    return { files: files.length, problems: [String(err.message).trim()] }
  }
  // The output is browser code for WeChat's render layer; give it the few globals it touches.
  let gwx
  try {
    gwx = new Function('window', 'global', '__wxAppCode__', code)({}, {}, {})
  } catch (err) {
    return { files: files.length, problems: [`compiled WXML does not load: ${err.message}`] }
  }
  const problems = files.filter((f) => typeof gwx(f) !== 'function').map((f) => `${f}: no render function after compile`)
  return { files: files.length, problems }
}

function wcscPath() {
  const pkgDir = path.dirname(require.resolve('miniprogram-compiler/package.json'))
  const bin = { darwin: 'mac/wcsc', linux: 'linux/wcsc', win32: 'windows/wcsc.exe' }[process.platform]
  if (!bin) throw new Error(`no wcsc binary for ${process.platform}`)
  const file = path.join(pkgDir, 'bin', bin)
  try {
    fs.accessSync(file, fs.constants.X_OK)
  } catch {
    fs.chmodSync(file, 0o755) // npm does not keep the executable bit of these binaries
  }
  return file
}

// Page, component and app stylesheets: those with a .json beside them.
const isPageLike = (dir, wxss) => exists(path.join(dir, wxss.replace(/\.wxss$/, '.json')))

function runWcsc(dir, files) {
  // Page-like stylesheets go first and are counted by -pc, as DevTools passes them.
  const pageLike = files.filter((f) => isPageLike(dir, f))
  const args = ['-db', '-pc', String(pageLike.length), ...pageLike, ...files.filter((f) => !isPageLike(dir, f))]
  return spawnSync(wcscPath(), args, { cwd: dir, maxBuffer: MAX_BUFFER, encoding: 'utf8' })
}

function compileWxss(dir) {
  const files = listFiles(dir, '.wxss')
  if (!files.length) return { files: 0, problems: [] }
  const all = runWcsc(dir, files)
  if (all.error) throw all.error
  if (all.status === 0) {
    // wcsc emits one entry per page/component stylesheet; the rest (imported ones) are compiled into them.
    const keys = new Set(all.stdout.split('=').map((k) => k.replace(/^\.\//, '')))
    const missing = files.filter((f) => isPageLike(dir, f) && !keys.has(f))
    return { files: files.length, problems: missing.map((f) => `${f}: not in wcsc output`) }
  }
  // wcsc reports every error of the set, one per line.
  const problems = (all.stderr || '')
    .split('\n')
    .map((line) => line.replace(/^ERR:\s*/, '').trim())
    .filter((line) => line && !/^error file count/.test(line))
  return { files: files.length, problems: problems.length ? problems : [`wcsc exit ${all.status}`] }
}

function main() {
  const dir = path.resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) || 'dist/weapp')
  if (!exists(path.join(dir, 'app.json'))) {
    console.error(`no weapp build at ${dir} — build it with \`npx taro build --type weapp\``)
    process.exit(2)
  }
  console.log(`checking ${path.relative(process.cwd(), dir) || '.'}`)
  let failed = false
  const section = (title, result, detail) => {
    const ok = result.problems.length === 0
    failed = failed || !ok
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${title}: ${detail}`)
    for (const p of result.problems) console.log(`       ${p}`)
  }

  const structure = checkStructure(dir)
  section('structure', structure, `${structure.pages} pages`)
  const wxml = compileWxml(dir)
  section('wxml (wcc)', wxml, `${wxml.files} files`)
  const wxss = compileWxss(dir)
  section('wxss (wcsc)', wxss, `${wxss.files} files`)

  const sizes = sizeReport(dir)
  section('sizes', sizes, `main ${fmt(sizes.main.bytes)}, total ${fmt(sizes.total)}`)
  printReport({ ...sizes, problems: [] }, (line) => console.log(`     ${line}`))

  process.exit(failed ? 1 : 0)
}

main()
