// An independent trustless client for ipfeed's integration tests: it fetches a block and a CAR
// from a gateway with the reference JavaScript IPLD libraries, checks every byte against its CID,
// decodes DAG-CBOR entries and verifies their Ed25519 signatures with Node's own crypto.
// Prints one JSON object describing what it saw; exits 1 with a message when anything fails.
//
//   node verify.mjs http://127.0.0.1:8080 bafyrei...
import { createPublicKey, verify } from 'node:crypto'
import { CarReader } from '@ipld/car'
import * as dagCbor from '@ipld/dag-cbor'
import { base58btc } from 'multiformats/bases/base58'
import { equals } from 'multiformats/bytes'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'

const [base, cidText] = process.argv.slice(2)
const root = CID.parse(cidText)

async function checkHash (cid, bytes) {
  const digest = await sha256.digest(bytes)
  if (!equals(digest.bytes, cid.multihash.bytes)) throw new Error(`block ${cid} does not match its CID`)
}

// did:key:z… → the raw 32-byte Ed25519 key (multicodec 0xed, varint 0xed 0x01).
function publicKey (did) {
  const bytes = base58btc.decode(did.slice('did:key:'.length))
  if (bytes[0] !== 0xed || bytes[1] !== 0x01 || bytes.length !== 34) throw new Error(`not an Ed25519 did:key: ${did}`)
  const x = Buffer.from(bytes.subarray(2)).toString('base64url')
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' })
}

function signatureValid (entry) {
  const { sig, ...unsigned } = entry
  return verify(null, dagCbor.encode(unsigned), publicKey(entry.author), sig)
}

function describe (cid, bytes) {
  if (cid.code !== dagCbor.code) return { cid: cid.toString(), bytes: bytes.length }
  const value = dagCbor.decode(bytes)
  const entry = { cid: cid.toString(), bytes: bytes.length, type: value.type, seq: value.seq }
  if (value.sig instanceof Uint8Array && typeof value.author === 'string') {
    entry.signatureValid = signatureValid(value)
    entry.prev = value.prev ? value.prev.toString() : null
  }
  return entry
}

async function get (format) {
  const response = await fetch(`${base}/ipfs/${root}?format=${format}`)
  if (response.status !== 200) throw new Error(`${format}: HTTP ${response.status}`)
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) }
}

const raw = await get('raw')
await checkHash(root, raw.bytes)
const car = await get('car')
const reader = await CarReader.fromBytes(car.bytes)
const blocks = []
for await (const { cid, bytes } of reader.blocks()) {
  await checkHash(cid, bytes)
  blocks.push(describe(cid, bytes))
}
console.log(JSON.stringify({
  raw: { contentType: raw.response.headers.get('content-type'), etag: raw.response.headers.get('etag'), entry: describe(root, raw.bytes) },
  car: { contentType: car.response.headers.get('content-type'), roots: (await reader.getRoots()).map(String), blocks }
}))
