// `npm start`: builds the H5 app when its sources changed, bundles the local backend, then serves both on
// http://127.0.0.1:$PORT (default 8080) with data in $DATA_DIR (default ./.data).
const { spawnSync, spawn } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const root = path.join(__dirname, '..')
const stamp = path.join(root, 'dist/h5/.build-stamp')

function newestMtime(dir) {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs)
  }
  return newest
}

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

const sources = Math.max(newestMtime(path.join(root, 'src')), newestMtime(path.join(root, 'config')))
const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0
if (process.env.SKIP_BUILD !== '1' && built < sources) {
  console.log('构建 H5 页面（约 30 秒）…')
  run('npx', ['taro', 'build', '--type', 'h5'], { NODE_ENV: 'production' })
  fs.writeFileSync(stamp, new Date().toISOString())
}
run('node', [path.join(root, 'scripts/build-server.js')])

const child = spawn(process.execPath, [path.join(root, 'dist/server/main.js')], { cwd: root, stdio: 'inherit', env: process.env })
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
child.on('exit', (code) => process.exit(code ?? 0))
