/**
 * `npm run bench:materials`: the figures of issue 11, item 10, measured in one run on this machine.
 *   1. Upload throughput: a file streamed as multipart/form-data into the real service (SQLite, files under its
 *      data folder: parsed, hashed, counted, type-sniffed, fsynced, renamed, recorded) in MB/s, against a plain
 *      copy of the same bytes on the same disk (read stream → write stream → fsync), and the ratio.
 *   2. Resident memory of the service process while a 200 MiB file streams in: RSS sampled every 20 ms from
 *      /proc, growth = peak − the RSS just before the upload. Target: under 50 MB.
 * The service runs in a process of its own (bench/zerotrip-server.ts); the client streams the file from disk.
 *
 * Usage: npm run bench:materials [-- --mib 200] [-- --rounds 3]
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import jwt from 'jsonwebtoken';
import { startChild } from './lib/child.ts';

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const MIB = option('--mib', 200);
const ROUNDS = option('--rounds', 3);
const ENTERPRISE = '91310115591693856A';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-bench-materials-'));
const secret = randomBytes(32).toString('hex');
const token = jwt.sign({ sub: 'bench', role: 'applicant', org: ENTERPRISE }, secret, { expiresIn: 3600 });

/** A PDF-headed file of `mib` MiB of random bytes (random: nothing compresses or dedupes it). */
function makeFile(file: string, mib: number): void {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, Buffer.from('%PDF-1.7\n%bench\n'));
  for (let i = 0; i < mib; i++) fs.writeSync(fd, randomBytes(1024 * 1024));
  fs.closeSync(fd);
}

async function plainCopy(from: string, to: string): Promise<number> {
  const started = process.hrtime.bigint();
  await pipeline(fs.createReadStream(from), fs.createWriteStream(to));
  const handle = await fs.promises.open(to, 'r+');
  await handle.sync();
  await handle.close();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  fs.rmSync(to);
  return seconds;
}

/** Streams the file as multipart/form-data (`code`, then `file`) and resolves with the seconds to the 201. */
function upload(port: number, id: string, file: string, code: string): Promise<number> {
  const boundary = `zt${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="code"\r\n\r\n${code}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="drawings.pdf"\r\n` +
      'Content-Type: application/pdf\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const size = head.length + fs.statSync(file).size + tail.length;
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const request = http.request(
      {
        port,
        host: '127.0.0.1',
        method: 'POST',
        path: `/api/v1/applications/${id}/materials`,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(size),
        },
      },
      (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => {
          if (response.statusCode !== 201)
            reject(new Error(`upload answered ${response.statusCode}: ${body}`));
          else resolve(Number(process.hrtime.bigint() - started) / 1e9);
        });
      },
    );
    request.on('error', reject);
    request.write(head);
    const stream = fs.createReadStream(file);
    stream.on('error', reject);
    stream.on('end', () => request.end(tail));
    stream.pipe(request, { end: false });
  });
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function main(): Promise<void> {
  const file = path.join(dir, 'source.pdf');
  makeFile(file, MIB);
  const bytes = fs.statSync(file).size;
  const dataDir = path.join(dir, 'data');
  fs.mkdirSync(dataDir);
  const server = await startChild<{ port: number; pid: number }>({
    script: 'zerotrip-server.ts',
    env: {
      DATABASE_URL: `sqlite:${path.join(dataDir, 'zerotrip.db')}`,
      DATA_DIR: dataDir,
      JWT_SECRET: secret,
      LOG_LEVEL: 'silent',
    },
  });
  const { port, pid } = server.ready;
  try {
    const created = await fetch(`http://127.0.0.1:${port}/api/v1/applications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        workflow: 'construction-permit',
        project: { code: '2026-360200-48-01-000173', name: 'Bench', location: 'Bench', regionCode: '360200' },
        form: {},
      }),
    });
    const { id } = (await created.json()) as { id: string };

    // Warm-up: the first upload pays for module loading and the first fsyncs.
    const small = path.join(dir, 'small.pdf');
    makeFile(small, 1);
    await upload(port, id, small, 'construction-drawings');

    const uploads: number[] = [];
    const copies: number[] = [];
    let growth = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Each round's file differs, so the store writes it (identical content is stored once).
      fs.appendFileSync(file, Buffer.from(`%round ${round}\n`));
      copies.push(await plainCopy(file, path.join(dataDir, 'copy.pdf')));
      const before = rssMb(pid);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20);
      uploads.push(await upload(port, id, file, 'construction-drawings'));
      clearInterval(sampler);
      peak = Math.max(peak, rssMb(pid));
      growth = Math.max(growth, peak - before);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const mb = bytes / 1e6;
    const uploadRate = mb / median(uploads);
    const copyRate = mb / median(copies);
    const stored = createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 12);
    console.log(`materials bench: ${MIB} MiB file, ${ROUNDS} rounds (median), service on SQLite + files`);
    console.log(
      `  upload (multipart → hashed, sniffed, fsynced, renamed, recorded): ${uploadRate.toFixed(1)} MB/s`,
    );
    console.log(
      `  plain copy of the same bytes on the same disk (+ fsync):          ${copyRate.toFixed(1)} MB/s`,
    );
    console.log(`  upload ÷ copy: ${(uploadRate / copyRate).toFixed(2)}`);
    console.log(
      `  service RSS growth while the file streams in: ${growth.toFixed(1)} MB (target < 50 MB: ${growth < 50 ? 'met' : 'NOT met'})`,
    );
    console.log(`  (last file ${stored}…)`);
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
