/**
 * The version a client says it edited (`If-Match`), for claims and articles alike.
 * Accepts `3`, `"3"` and `W/"3"`: what browsers and curl users send; null without the header.
 */
export function ifMatchVersion(header: string | undefined): number | null | 'invalid' {
  if (header === undefined) {
    return null;
  }
  const match = /^(?:W\/)?"?(\d{1,12})"?$/.exec(header.trim());
  return match ? Number(match[1]) : 'invalid';
}
