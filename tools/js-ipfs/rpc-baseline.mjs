// The baseline for benchmarks/KuboStoreBenchmark: the same block/put and block/get of 1 KiB raw
// blocks with a fixed number of requests in flight, from a bare Node.js client (fetch, no
// verification), so the Java client's cost shows as a ratio measured in the same run.
//
//   node tools/js-ipfs/rpc-baseline.mjs http://127.0.0.1:5001 [seconds-per-case]
import { randomBytes } from 'node:crypto';

const api = process.argv[2];
const seconds = Number(process.argv[3] ?? 10);
if (!api) {
  console.error('usage: node rpc-baseline.mjs <api-url> [seconds-per-case]');
  process.exit(2);
}
const run = randomBytes(8);
let counter = 0n;

function nextBlock() {
  const block = Buffer.alloc(1024);
  run.copy(block, 0);
  block.writeBigUInt64BE(counter++, 8);
  return block;
}

async function put(block) {
  const form = new FormData();
  form.append('file', new Blob([block], { type: 'application/octet-stream' }), 'file');
  const res = await fetch(`${api}/api/v0/block/put?format=raw&mhtype=sha2-256&cid-base=base32`, {
    method: 'POST',
    body: form,
  });
  if (res.status !== 200) throw new Error(`block/put: ${res.status} ${await res.text()}`);
  return (await res.json()).Key;
}

async function get(cid) {
  const res = await fetch(`${api}/api/v0/block/get?arg=${cid}&timeout=5000ms`, { method: 'POST' });
  if (res.status !== 200) throw new Error(`block/get: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}

async function measure(name, inFlight, op) {
  const end = Date.now() + seconds * 1000;
  let done = 0;
  async function worker() {
    while (Date.now() < end) {
      await op();
      done++;
    }
  }
  const start = Date.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const rate = done / ((Date.now() - start) / 1000);
  console.log(`${name} inFlight=${inFlight}: ${rate.toFixed(1)} ops/s`);
}

const cids = [];
for (let i = 0; i < 512; i++) cids.push(await put(nextBlock()));
let next = 0;
for (const inFlight of [1, 8]) {
  await measure('put', inFlight, () => put(nextBlock()));
  await measure('get', inFlight, () => get(cids[next++ % cids.length]));
}
