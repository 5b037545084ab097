// Minimal types for the part of pngjs the e2e tests use (the package ships none).
declare module 'pngjs' {
  export class PNG {
    constructor(options?: { width: number; height: number })
    width: number
    height: number
    data: Buffer
    static sync: { read(buffer: Buffer): PNG; write(png: PNG): Buffer }
  }
}
