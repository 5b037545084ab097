// Draws the four tabBar icons (81×81 PNG, grey and red) with node builtins only. Run: node scripts/gen-tab-icons.js
const fs = require('node:fs')
const path = require('node:path')
const zlib = require('node:zlib')

const SIZE = 81
const SS = 4 // supersampling per axis, for smooth edges
const OUT = path.join(__dirname, '..', 'src', 'assets', 'tab')
const COLORS = { normal: [0x8a, 0x8a, 0x8a], active: [0xc8, 0x16, 0x1d] }

const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r
function inTriangle(x, y, [ax, ay], [bx, by], [cx, cy]) {
  const s = (px, py, qx, qy, rx, ry) => (px - rx) * (qy - ry) - (qx - rx) * (py - ry)
  const d1 = s(x, y, ax, ay, bx, by)
  const d2 = s(x, y, bx, by, cx, cy)
  const d3 = s(x, y, cx, cy, ax, ay)
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0))
}

// Each shape is a predicate over coordinates in 0..81.
const SHAPES = {
  home: (x, y) => (inTriangle(x, y, [40.5, 10], [8, 40], [73, 40]) || inRect(x, y, 17, 38, 64, 70)) && !inRect(x, y, 34, 50, 47, 70),
  activity: (x, y) =>
    (inRect(x, y, 12, 16, 69, 70) && !inRect(x, y, 18, 30, 63, 64)) ||
    inRect(x, y, 22, 8, 28, 22) ||
    inRect(x, y, 53, 8, 59, 22) ||
    inRect(x, y, 24, 38, 57, 43) ||
    inRect(x, y, 24, 51, 47, 56),
  points: (x, y) => inRect(x, y, 12, 44, 24, 70) || inRect(x, y, 34, 28, 46, 70) || inRect(x, y, 56, 12, 68, 70) || inRect(x, y, 8, 72, 73, 75),
  mine: (x, y) => inCircle(x, y, 40.5, 26, 15) || (inCircle(x, y, 40.5, 76, 31) && y <= 72 && !inCircle(x, y, 40.5, 26, 19)),
}

function crc32(buf) {
  let c = ~0
  for (const b of buf) {
    c ^= b
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1
  }
  return ~c >>> 0
}
function chunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}
function png(shape, [r, g, b]) {
  const rows = []
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4)
    for (let x = 0; x < SIZE; x++) {
      let hits = 0
      for (let i = 0; i < SS; i++) for (let j = 0; j < SS; j++) if (shape(x + (i + 0.5) / SS, y + (j + 0.5) / SS)) hits++
      row.set([r, g, b, Math.round((255 * hits) / (SS * SS))], 1 + x * 4)
    }
    rows.push(row)
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(SIZE, 0)
  ihdr.writeUInt32BE(SIZE, 4)
  ihdr.set([8, 6, 0, 0, 0], 8) // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

fs.mkdirSync(OUT, { recursive: true })
for (const [name, shape] of Object.entries(SHAPES)) {
  fs.writeFileSync(path.join(OUT, `${name}.png`), png(shape, COLORS.normal))
  fs.writeFileSync(path.join(OUT, `${name}-active.png`), png(shape, COLORS.active))
}
console.log(`tab icons written to ${path.relative(process.cwd(), OUT)}`)
