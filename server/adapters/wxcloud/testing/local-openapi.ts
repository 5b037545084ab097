// The local executor's stand-in for WeChat's open API (cloud.openapi.*): wx-server-sdk encodes each call as a
// CommApiData protobuf (one key/value pair per top-level field, JSON-encoded, snake_case) and reads a
// CommOpenApiResp back. This file decodes the one and encodes the other with the field numbers of the SDK's
// src/protobuf/openapi.js, so a test sees the call exactly as the SDK sends it and answers the way WeChat does.

/** One open API call as WeChat receives it: the API (`subscribeMessage.send`) and its JSON fields. */
export interface OpenApiCall {
  api: string
  data: Record<string, unknown>
}

/** What the stand-in answers: a JSON body (`errcode` non-zero is a WeChat error the SDK throws). */
export type OpenApiHandler = (call: OpenApiCall) => Record<string, unknown> | Promise<Record<string, unknown>>

function readVarint(buf: Buffer, at: { i: number }): number {
  let out = 0
  let shift = 0
  for (;;) {
    const b = buf[at.i++]
    out += (b & 0x7f) * 2 ** shift
    if (b < 0x80) return out
    shift += 7
  }
}

/** The fields of one protobuf message: field number → the length-delimited values (varints as numbers). */
function fields(buf: Buffer): Map<number, (Buffer | number)[]> {
  const out = new Map<number, (Buffer | number)[]>()
  const at = { i: 0 }
  while (at.i < buf.length) {
    const tag = readVarint(buf, at)
    const field = tag >>> 3
    const wire = tag & 7
    let value: Buffer | number
    if (wire === 0) value = readVarint(buf, at)
    else if (wire === 2) {
      const len = readVarint(buf, at)
      value = buf.subarray(at.i, at.i + len)
      at.i += len
    } else throw new Error(`local open API: unsupported protobuf wire type ${wire}`)
    out.set(field, [...(out.get(field) ?? []), value])
  }
  return out
}

function varint(n: number): Buffer {
  const bytes: number[] = []
  let v = n >>> 0
  while (v >= 0x80) {
    bytes.push((v & 0x7f) | 0x80)
    v >>>= 7
  }
  bytes.push(v)
  return Buffer.from(bytes)
}

const lengthDelimited = (field: number, value: Buffer) => Buffer.concat([varint((field << 3) | 2), varint(value.length), value])

/** Decodes CommApiData { 1: apiType, 2: OpenApiData { 1: KeyValuePair { 1: key, 2: value } } }. */
export function decodeOpenApiRequest(api: string, requestData: Buffer): OpenApiCall {
  const data: Record<string, unknown> = {}
  const openapiData = fields(requestData).get(2)?.[0]
  if (openapiData instanceof Buffer) {
    for (const pair of fields(openapiData).get(1) ?? []) {
      if (!(pair instanceof Buffer)) continue
      const f = fields(pair)
      const key = f.get(1)?.[0]
      const value = f.get(2)?.[0]
      if (key instanceof Buffer && value instanceof Buffer) data[key.toString('utf8')] = JSON.parse(value.toString('utf8'))
    }
  }
  return { api, data }
}

/** Encodes CommOpenApiResp { 1: respData, 2: contentType } with a JSON body. */
export function encodeOpenApiResponse(body: Record<string, unknown>): Buffer {
  return Buffer.concat([lengthDelimited(1, Buffer.from(JSON.stringify(body))), lengthDelimited(2, Buffer.from('application/json'))])
}
