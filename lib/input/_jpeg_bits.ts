/**
 * A JPEG scan's entropy-coded bits: Huffman tables (codes of up to 9 bits
 * looked up at once), a bit reader that unstuffs 0xFF00 and stops at
 * markers, and the search for a scan's end. The scaled decoder
 * (_jpeg_scaled.ts) reads its DC coefficients with them.
 *
 * @module
 */

import { ClientError } from "../errors.ts";

/** A Huffman table: codes of up to 9 bits looked up at once, longer ones by length. */
export interface Huffman {
  /** By the next 9 bits: (length << 8) | symbol, or 0 for a longer code. */
  fast: Uint16Array;
  maxCode: Int32Array;
  offset: Int32Array;
  symbols: Uint8Array;
}

export function huffman(counts: Uint8Array, symbols: Uint8Array): Huffman {
  const fast = new Uint16Array(512);
  const maxCode = new Int32Array(18).fill(-1);
  const offset = new Int32Array(18);
  let code = 0, k = 0;
  for (let length = 1; length <= 16; length++) {
    offset[length] = k - code;
    for (let i = 0; i < counts[length - 1]; i++, k++, code++) {
      if (length <= 9) {
        const shift = 9 - length;
        for (let j = 0; j < 1 << shift; j++) {
          fast[(code << shift) | j] = (length << 8) | symbols[k];
        }
      }
    }
    maxCode[length] = code - 1;
    code <<= 1;
  }
  return { fast, maxCode, offset, symbols };
}

/**
 * The entropy-coded bits of a scan, with 0xFF00 unstuffed; at a marker (or
 * the end) it reads zeros, as libjpeg does for a scan cut short.
 */
export class Bits {
  #buffer = 0;
  #count = 0;
  atMarker = false;
  constructor(readonly bytes: Uint8Array, public pos: number) {}

  #fill(): void {
    const { bytes } = this;
    while (this.#count <= 24) {
      let byte = 0;
      if (!this.atMarker) {
        byte = bytes[this.pos] ?? 0;
        if (this.pos >= bytes.length) this.atMarker = true;
        else if (byte === 0xff && bytes[this.pos + 1] !== 0) {
          this.atMarker = true;
          byte = 0;
        } else this.pos += byte === 0xff ? 2 : 1;
      }
      this.#buffer = (this.#buffer << 8) | byte;
      this.#count += 8;
    }
  }

  read(n: number): number {
    if (this.#count < n) this.#fill();
    this.#count -= n;
    return (this.#buffer >>> this.#count) & ((1 << n) - 1);
  }

  decode(table: Huffman): number {
    if (this.#count < 16) this.#fill();
    const next = (this.#buffer >>> (this.#count - 16)) & 0xffff;
    const entry = table.fast[next >>> 7];
    if (entry !== 0) {
      this.#count -= entry >> 8;
      return entry & 0xff;
    }
    for (let length = 10; length <= 16; length++) {
      const code = next >>> (16 - length);
      if (code <= table.maxCode[length]) {
        this.#count -= length;
        return table.symbols[table.offset[length] + code];
      }
    }
    throw new ClientError(
      400,
      "Cannot decode JPEG: a Huffman code that is not in its table",
    );
  }

  /** A value of `s` bits, sign-extended as JPEG codes it. */
  extend(s: number): number {
    if (s === 0) return 0;
    const value = this.read(s);
    return value < 1 << (s - 1) ? value - (1 << s) + 1 : value;
  }

  /** At a restart marker: the bits left are dropped and the marker passed. */
  restart(): void {
    this.#count = 0;
    this.#buffer = 0;
    const { bytes } = this;
    const at = nextMarker(bytes, this.pos);
    if (bytes[at + 1] >= 0xd0 && bytes[at + 1] <= 0xd7) this.pos = at + 2;
    this.atMarker = false;
  }
}

/** The offset of the next marker at or after `from` (restart markers included), or the end. */
function nextMarker(bytes: Uint8Array, from: number): number {
  for (let at = bytes.indexOf(0xff, from); at !== -1;) {
    const next = bytes[at + 1];
    if (next !== 0 && next !== 0xff) return at;
    at = bytes.indexOf(0xff, at + 1);
  }
  return bytes.length;
}

/** The next marker after a scan's data: restart markers are inside it. */
export function scanEnd(bytes: Uint8Array, from: number): number {
  let at = nextMarker(bytes, from);
  while (at < bytes.length && bytes[at + 1] >= 0xd0 && bytes[at + 1] <= 0xd7) {
    at = nextMarker(bytes, at + 2);
  }
  return at;
}
