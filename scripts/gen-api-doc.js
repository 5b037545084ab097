// Writes docs/API.md from the action table (src/core/contracts.ts).
const fs = require('node:fs')
const path = require('node:path')
const esbuild = require('esbuild')

const root = path.join(__dirname, '..')
const out = esbuild.buildSync({
  entryPoints: [path.join(root, 'server/docs/api-doc.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  write: false,
})
const mod = { exports: {} }
new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, require)
fs.writeFileSync(path.join(root, 'docs/API.md'), mod.exports.renderApiDoc())
console.log('wrote docs/API.md')
