/**
 * JSON.parse for a large body (an article file of 20,000 claims is about 5 MB), in slices
 * between which other requests run.
 *
 * Fastify parses a body in one JSON.parse: 50-110 ms for 5 MB on a loaded machine, in
 * which no other request moved. Here the bytes are read twice, both times in slices of a
 * few milliseconds: first a scan that finds where every large array and object begins and
 * ends and where its members are separated (strings and escapes respected), then the
 * values are built, each small member by JSON.parse of its own bytes and each large one
 * from its members in turn. The result is what JSON.parse would give, and a body that is
 * not JSON is refused as Fastify refuses it; `__proto__` keys and `constructor.prototype`
 * are refused anywhere, as Fastify's parser (secure-json-parse) does by default.
 */
import { errorCodes } from 'fastify';
import secureJson from 'secure-json-parse';

/** Containers at least this long are built member by member; smaller ones by JSON.parse. */
const SPLIT_BYTES = 16 * 1024;
/** Longest stretch of work before other requests may run. */
const SLICE_MS = 8;
/** Bytes scanned between looks at the clock. */
const SCAN_STEP = 64 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** A large array or object: where it starts and ends, and its members' separators. */
interface Container {
  readonly start: number;
  readonly end: number;
  readonly commas: readonly number[];
}

const PARSE_OPTIONS = { protoAction: 'error', constructorAction: 'error' } as const;

function invalid(): Error {
  return new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY();
}

const isSpace = (byte: number) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

class Slicer {
  private sliceStart = performance.now();

  /** Lets other requests run if this slice has taken its time. */
  async pause(): Promise<void> {
    if (performance.now() - this.sliceStart > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      this.sliceStart = performance.now();
    }
  }
}

/** The body parsed, as JSON.parse would; a small body in one step. */
export async function parseJsonInSlices(body: Buffer): Promise<unknown> {
  if (body.length < SPLIT_BYTES) {
    return parseSmall(body, 0, body.length);
  }
  const slicer = new Slicer();
  const large = await scan(body, slicer);
  const top = large.get(firstByte(body, 0, body.length));
  if (!top) {
    return parseSmall(body, 0, body.length);
  }
  if (firstByte(body, top.end + 1, body.length) !== body.length) {
    throw invalid();
  }
  return build(body, top, large, slicer);
}

function parseSmall(body: Buffer, start: number, end: number): unknown {
  if (firstByte(body, start, end) === end) {
    throw start === 0 && end === body.length
      ? new errorCodes.FST_ERR_CTP_EMPTY_JSON_BODY()
      : invalid();
  }
  try {
    return secureJson.parse(body.toString('utf8', start, end), undefined, PARSE_OPTIONS);
  } catch {
    throw invalid();
  }
}

/** The first byte at or after `from` that is not white space; `end` if none. */
function firstByte(body: Buffer, from: number, end: number): number {
  let at = from;
  while (at < end && isSpace(body[at])) at++;
  return at;
}

/** Every large container by the offset of its opening bracket. */
async function scan(body: Buffer, slicer: Slicer): Promise<Map<number, Container>> {
  const large = new Map<number, Container>();
  // Open containers: their starts, and their separators so far on one shared stack.
  const starts: number[] = [];
  const firstComma: number[] = [];
  const commas: number[] = [];
  let inString = false;
  for (let step = 0; step < body.length; step += SCAN_STEP) {
    const stop = Math.min(body.length, step + SCAN_STEP);
    for (let at = step; at < stop; at++) {
      const byte = body[at];
      if (inString) {
        if (byte === BACKSLASH) at++;
        else if (byte === QUOTE) inString = false;
      } else if (byte === QUOTE) {
        inString = true;
      } else if (byte === COMMA) {
        if (starts.length === 0) throw invalid();
        commas.push(at);
      } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
        starts.push(at);
        firstComma.push(commas.length);
      } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
        const start = starts.pop();
        const from = firstComma.pop();
        if (start === undefined || from === undefined) throw invalid();
        if (body[start] !== (byte === CLOSE_OBJECT ? OPEN_OBJECT : OPEN_ARRAY)) throw invalid();
        if (at - start >= SPLIT_BYTES) {
          large.set(start, { start, end: at, commas: commas.slice(from) });
        }
        commas.length = from;
      }
    }
    await slicer.pause();
  }
  if (inString || starts.length > 0) throw invalid();
  return large;
}

/** A container's value, built member by member. */
async function build(
  body: Buffer,
  container: Container,
  large: ReadonlyMap<number, Container>,
  slicer: Slicer,
): Promise<unknown> {
  const value = async (start: number, end: number) => {
    const first = firstByte(body, start, end);
    const inner = large.get(first);
    if (inner) {
      if (firstByte(body, inner.end + 1, end) !== end) throw invalid();
      return build(body, inner, large, slicer);
    }
    return parseSmall(body, start, end);
  };
  const bounds = [container.start, ...container.commas, container.end];
  const isArray = body[container.start] === OPEN_ARRAY;
  const empty =
    bounds.length === 2 && firstByte(body, container.start + 1, container.end) === container.end;
  const array: unknown[] = [];
  const object: Record<string, unknown> = {};
  for (let i = 0; !empty && i < bounds.length - 1; i++) {
    const start = bounds[i] + 1;
    const end = bounds[i + 1];
    if (isArray) {
      array.push(await value(start, end));
    } else {
      const colon = keyEnd(body, start, end);
      const key = parseSmall(body, start, colon) as string;
      const member = await value(colon + 1, end);
      if (key === '__proto__') throw invalid();
      if (
        key === 'constructor' &&
        member !== null &&
        typeof member === 'object' &&
        'prototype' in member
      ) {
        throw invalid();
      }
      object[key] = member;
    }
    await slicer.pause();
  }
  return isArray ? array : object;
}

/** The colon after the member's key (a JSON string at `start`). */
function keyEnd(body: Buffer, start: number, end: number): number {
  let at = firstByte(body, start, end);
  if (body[at] !== QUOTE) throw invalid();
  for (at++; at < end && body[at] !== QUOTE; at++) {
    if (body[at] === BACKSLASH) at++;
  }
  at = firstByte(body, at + 1, end);
  if (body[at] !== COLON) throw invalid();
  return at;
}
