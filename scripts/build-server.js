// Bundles the local backend into dist/server/main.js (better-sqlite3 stays external: it is a native module).
const path = require('node:path')
const esbuild = require('esbuild')

const root = path.join(__dirname, '..')
esbuild
  .build({
    entryPoints: [path.join(root, 'server/local/main.ts')],
    outfile: path.join(root, 'dist/server/main.js'),
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    sourcemap: true,
    external: ['better-sqlite3'],
    logLevel: 'warning',
  })
  .then(() => console.log('built dist/server/main.js'))
  .catch(() => process.exit(1))
