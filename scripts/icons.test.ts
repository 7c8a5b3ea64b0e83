/**
 * The dashboard's icons are SVGs registered by name (src/app/shell/icons.ts), not a font:
 * every icon a template names must be registered (an unknown name shows nothing), every
 * registered icon must be used (each one is shipped in the bundle), and no font icon may
 * come back (it would need the 3.9 MB font). Names chosen in TypeScript tables are typed
 * `IconName`, so the compiler checks those.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';

const root = new URL('..', import.meta.url).pathname;
const appDir = join(root, 'src/app');
const registryFile = join(appDir, 'shell/icons.ts');
const PACKAGE_DIR = '@material-symbols/svg-400/outlined';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    const isSource = /\.(html|ts)$/.test(entry.name) && !entry.name.endsWith('.spec.ts');
    return isSource && path !== registryFile ? [path] : [];
  });
}

const registry = readFileSync(registryFile, 'utf8');
const imports = [
  ...registry.matchAll(/^import (\w+) from '@material-symbols\/svg-400\/outlined\/(\w+)\.svg';$/gm),
].map(([, variable, file]) => ({ variable, file }));
const tableBody = /export const APP_ICONS = \{([^}]*)\}/.exec(registry)?.[1] ?? '';
const registered = tableBody
  .split(',')
  .map((key) => key.trim())
  .filter(Boolean);
const sources = sourceFiles(appDir).map((path) => ({
  name: relative(root, path),
  text: readFileSync(path, 'utf8'),
}));

/**
 * Every icon name a template gives `svgIcon`: literally, or as a quoted string a binding
 * can evaluate to (the whole expression or a branch of a conditional, not a comparison's operand).
 */
function templateIconNames(text: string): string[] {
  const literal = [...text.matchAll(/\ssvgIcon="([^"]*)"/g)].map((m) => m[1]);
  const bound = [...text.matchAll(/\[svgIcon\]="([^"]*)"/g)].flatMap(([, expression]) =>
    [...expression.trim().matchAll(/(?:^|[?:]\s*)'([^']*)'/g)].map((m) => m[1]),
  );
  return [...literal, ...bound];
}

describe('dashboard icons', () => {
  it('registers each icon under the name of its file in the icon package', () => {
    assert.ok(imports.length > 0, 'no icon imports found in icons.ts');
    for (const { variable, file } of imports) {
      assert.equal(variable, file, `${file}.svg is imported as ${variable}`);
      assert.ok(
        existsSync(join(root, 'node_modules', PACKAGE_DIR, `${file}.svg`)),
        `${file}.svg is not in ${PACKAGE_DIR}`,
      );
    }
    assert.deepEqual(
      [...registered].sort(),
      imports.map((i) => i.variable).sort(),
      'APP_ICONS lists exactly the imported icons',
    );
  });

  it('knows every icon a template names', () => {
    const unknown = sources.flatMap(({ name, text }) =>
      templateIconNames(text)
        .filter((icon) => !registered.includes(icon))
        .map((icon) => `${name}: ${icon}`),
    );
    assert.ok(
      sources.some(({ text }) => templateIconNames(text).length > 0),
      'no svgIcon found',
    );
    assert.deepEqual(unknown, []);
  });

  it('ships no icon that nothing names', () => {
    const unused = registered.filter(
      (icon) => !sources.some(({ text }) => new RegExp(`['"]${icon}['"]`).test(text)),
    );
    assert.deepEqual(unused, []);
  });

  it('uses no font icons: no ligature text in <mat-icon>, no fontIcon, no Material Symbols class', () => {
    const fontIcons = sources.flatMap(({ name, text }) =>
      [
        ...text.matchAll(/<mat-icon[^>]*[^/]>\s*[^<\s][^<]*<\/mat-icon>/g),
        ...text.matchAll(/fontIcon|fontSet|material-symbols|material-icons/g),
      ].map((m) => `${name}: ${m[0]}`),
    );
    assert.deepEqual(fontIcons, []);
  });
});
