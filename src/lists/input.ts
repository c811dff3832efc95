// Opening list files: any file may be gzipped (by name or by its magic bytes), and large files are
// read as streams so memory stays flat.
import { createReadStream, openSync, readSync, closeSync, readFileSync } from 'node:fs';
import { createGunzip, gunzipSync } from 'node:zlib';
import type { Readable } from 'node:stream';
import { ListParseError } from './errors.js';

function isGzip(path: string): boolean {
  if (path.endsWith('.gz')) return true;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const n = readSync(fd, head, 0, 2, 0);
    return n === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/** A byte stream of the file's (decompressed) content. Errors carry the file name. */
export function openListFile(path: string): Readable {
  const raw = createReadStream(path);
  if (!isGzip(path)) return raw;
  const gunzip = createGunzip();
  raw.on('error', (err) => gunzip.destroy(err));
  raw.pipe(gunzip);
  return gunzip;
}

/** The whole (decompressed) file in memory; for formats that need random access (XLSX, ODS). */
export function readListFile(path: string): Buffer {
  const buf = readFileSync(path);
  if (!(buf[0] === 0x1f && buf[1] === 0x8b)) return buf;
  try {
    return gunzipSync(buf);
  } catch (err) {
    throw new ListParseError(path, undefined, `gzip data is corrupt or truncated (${(err as Error).message})`);
  }
}
