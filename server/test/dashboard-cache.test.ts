import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cacheControlFor, IMMUTABLE, REVALIDATE } from '../plugins/dashboard-files';

describe('dashboard files: what browsers may cache', () => {
  it('caches the lazy chunks the chunk optimizer names in base64url for a year', () => {
    // Names from a build of `npm run build`: lower case, `_` and `-` in the hash.
    for (const name of ['chunk-2N-OYNy9.js', 'chunk-7Qg0CTVJ.js', 'chunk-_72d_wOU.js']) {
      assert.equal(cacheControlFor(`/srv/dist/browser/${name}`), IMMUTABLE, name);
      assert.equal(cacheControlFor(`/srv/dist/browser/${name}.br`), IMMUTABLE, `${name}.br`);
    }
  });

  it('caches Angular-hashed scripts, styles and media for a year', () => {
    assert.equal(cacheControlFor('/srv/dist/browser/main-VSSU4RYA.js.gz'), IMMUTABLE);
    assert.equal(cacheControlFor('/srv/dist/browser/styles-Z3TPJ7N7.css'), IMMUTABLE);
    assert.equal(
      cacheControlFor('/srv/dist/browser/media/roboto-latin-400-normal-LOX3CHMS.woff2'),
      IMMUTABLE,
    );
  });

  it('has browsers revalidate what carries no hash', () => {
    for (const name of ['index.html', 'favicon.ico', 'chunk-short.js', 'my-chunk-abcdefgh.txt']) {
      assert.equal(cacheControlFor(`/srv/dist/browser/${name}`), REVALIDATE, name);
    }
  });
});
