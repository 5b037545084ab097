// Minimal types for the part of pngjs the e2e test uses (the package ships none).
declare module 'pngjs' {
  export class PNG {
    width: number
    height: number
    data: Buffer
    static sync: { read(buffer: Buffer): PNG }
  }
}
