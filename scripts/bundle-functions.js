#!/usr/bin/env node
// Bundles each cloudfunctions/<fn>/index.ts, with the shared server and core code it imports, into
// cloudfunctions/<fn>/index.js. WeChat DevTools uploads one folder per function, so `require('../../server')`
// would not exist in the cloud; everything but wx-server-sdk (installed in the cloud from the folder's
// package.json) must be inside index.js.
//
//   node scripts/bundle-functions.js [fn ...] [--sourcemap]
//
// --sourcemap writes index.js.map beside the bundle (gitignored; not needed for upload).
const fs = require('node:fs')
const path = require('node:path')
const esbuild = require('esbuild')

const root = path.resolve(__dirname, '..')
const functionsDir = path.join(root, 'cloudfunctions')

// Code that must never reach a cloud bundle: the local backend's database driver, the Taro app.
const FORBIDDEN_INPUTS = [/node_modules\/better-sqlite3\//, /node_modules\/@tarojs\//, /node_modules\/react(-dom)?\//]

function listFunctions() {
  return fs
    .readdirSync(functionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(functionsDir, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort()
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`
}

async function bundle(fn, { sourcemap }) {
  const dir = path.join(functionsDir, fn)
  const outfile = path.join(dir, 'index.js')
  const result = await esbuild.build({
    entryPoints: [path.join(dir, 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk'],
    minify: true,
    sourcemap: sourcemap ? 'external' : false,
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
    tsconfig: path.join(root, 'tsconfig.json'),
  })
  for (const w of result.warnings) console.warn(`  warning (${fn}): ${w.text}`)

  const inputs = Object.keys(result.metafile.inputs)
  const forbidden = inputs.filter((file) => FORBIDDEN_INPUTS.some((re) => re.test(file)))
  if (forbidden.length) {
    fs.rmSync(outfile, { force: true })
    const packages = [...new Set(forbidden.map((file) => file.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1')))]
    throw new Error(`the bundle pulls in ${packages.join(', ')}, which must not run in a cloud function`)
  }
  const size = fs.statSync(outfile).size
  const ownInputs = inputs.filter((file) => !file.includes('node_modules/')).length
  return { fn, size, inputs: inputs.length, ownInputs }
}

async function main() {
  const args = process.argv.slice(2)
  const sourcemap = args.includes('--sourcemap')
  const wanted = args.filter((a) => !a.startsWith('--'))
  const all = listFunctions()
  const unknown = wanted.filter((fn) => !all.includes(fn))
  if (unknown.length) {
    console.error(`unknown cloud function(s): ${unknown.join(', ')} (have: ${all.join(', ')})`)
    process.exit(2)
  }
  const fns = wanted.length ? wanted : all
  if (!fns.length) {
    console.error('no cloudfunctions/<fn>/index.ts found')
    process.exit(2)
  }

  const width = Math.max(...fns.map((fn) => fn.length))
  let failed = false
  for (const fn of fns) {
    try {
      const r = await bundle(fn, { sourcemap })
      console.log(
        `${`cloudfunctions/${r.fn}/index.js`.padEnd(width + 24)}${kb(r.size).padStart(9)}  (${r.inputs} modules, ${r.ownInputs} from this repo)`,
      )
    } catch (err) {
      failed = true
      const messages = err.errors ? err.errors.map((e) => (e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text)) : [err.message]
      console.error(`cloudfunctions/${fn}: bundle failed\n  ${messages.join('\n  ')}`)
    }
  }
  if (failed) process.exit(1)
}

main()
