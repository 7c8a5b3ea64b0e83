/**
 * Enough of the source map format (v3, no index maps) to turn a position in
 * minified code into the original file, line and text: for reading CPU profiles
 * of the production build.
 */
import { readFileSync } from 'node:fs';

interface RawMap {
  readonly version: number;
  readonly sources: readonly string[];
  readonly sourcesContent?: readonly (string | null)[];
  readonly names: readonly string[];
  readonly mappings: string;
}

export interface Original {
  readonly source: string;
  /** 1-based. */
  readonly line: number;
  readonly name: string | null;
  /** The original line, trimmed. */
  readonly text: string;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((char, index) => [char, index]));

/** One generated segment: [column, source, line, column, name?], all absolute. */
type Segment = readonly number[];

function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = DIGIT.get(char);
    if (digit === undefined) throw new Error(`bad VLQ character "${char}"`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

export class SourceMap {
  private readonly lines: Segment[][] = [];
  private readonly map: RawMap;
  private readonly sourceLines = new Map<number, string[]>();

  constructor(file: string) {
    this.map = JSON.parse(readFileSync(file, 'utf8')) as RawMap;
    let source = 0;
    let sourceLine = 0;
    let sourceColumn = 0;
    let name = 0;
    for (const line of this.map.mappings.split(';')) {
      let column = 0;
      const segments: Segment[] = [];
      for (const part of line.split(',')) {
        if (!part) continue;
        const fields = decodeVlq(part);
        column += fields[0];
        if (fields.length >= 4) {
          source += fields[1];
          sourceLine += fields[2];
          sourceColumn += fields[3];
          if (fields.length >= 5) {
            name += fields[4];
            segments.push([column, source, sourceLine, sourceColumn, name]);
          } else {
            segments.push([column, source, sourceLine, sourceColumn]);
          }
        }
      }
      this.lines.push(segments);
    }
  }

  /** `line` and `column` 0-based, as in a CPU profile's call frames. */
  lookup(line: number, column: number): Original | null {
    const segments = this.lines[line];
    if (!segments?.length) return null;
    let found: Segment | undefined;
    for (const segment of segments) {
      if (segment[0] > column) break;
      found = segment;
    }
    found ??= segments[0];
    const source = this.map.sources[found[1]] ?? '?';
    let lines = this.sourceLines.get(found[1]);
    if (!lines) {
      lines = (this.map.sourcesContent?.[found[1]] ?? '').split('\n');
      this.sourceLines.set(found[1], lines);
    }
    return {
      source: source.replace(/^(\.\.\/|webpack:\/\/\/?)+/, ''),
      line: found[2] + 1,
      name: found.length > 4 ? (this.map.names[found[4]] ?? null) : null,
      text: (lines[found[2]] ?? '').trim(),
    };
  }
}
