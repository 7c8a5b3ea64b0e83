/**
 * Initial JavaScript of a built app (what `main` loads before the first render: the
 * entry scripts of index.html and every chunk they import statically, transitively),
 * as the server sends it, and the baseline to compare it with: a bare Angular
 * Material app built in the same run, with the same toolchain and production options.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface InitialJsFile {
  readonly name: string;
  readonly raw: number;
  /** Gzipped on its own at level 9 (the figure this benchmark reported before Brotli). */
  readonly gzip: number;
  /** As served to a browser that accepts Brotli: the .br copy, or raw when there is none. */
  readonly served: number;
}

export interface InitialJs {
  readonly files: readonly InitialJsFile[];
  readonly raw: number;
  readonly gzip: number;
  readonly served: number;
  /** How many of the files index.html names (module scripts and modulepreload links). */
  readonly namedInIndex: number;
  /** Whether the Brotli sizes are those of the build's .br copies or computed here. */
  readonly brotliFrom: 'build' | 'computed';
}

/** As scripts/finish-build.mjs compresses: text files of 1 kB and more, at Brotli's best. */
const COMPRESS_MIN_BYTES = 1024;

function brotliSize(bytes: Buffer): number {
  return brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }).length;
}

/** The chunks a module imports statically (`import … from"./chunk-X.js"`, `import"./x.js"`), not `import()`. */
function staticImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/(?:from|import)\s*"\.\/([\w-]+\.js)"/g)].map((match) => match[1]);
}

/** The JavaScript URLs index.html names: `[script tags' sources, modulepreload links]`. */
function namedInIndex(html: string): [string[], string[]] {
  const scripts: string[] = [];
  const preloads: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const url = /\b(?:src|href)=["']([^"']+)["']/i.exec(tag)?.[1];
    if (!url || /^[a-z]+:/i.test(url) || !url.endsWith('.js')) continue;
    const name = url.replace(/^\.?\//, '');
    if (/^<script/i.test(tag)) scripts.push(name);
    else if (/\brel=["']?modulepreload["']?/i.test(tag)) preloads.push(name);
  }
  return [scripts, preloads];
}

/**
 * Everything `main` loads before the first render: index.html's scripts and the chunks
 * they import statically, followed through every chunk. Sizes as served: the .br copy
 * made at build when there is one (computed the same way when the build has none).
 */
export function initialJs(browserDir: string): InitialJs {
  const html = readFileSync(join(browserDir, 'index.html'), 'utf8');
  const [scripts, preloads] = namedInIndex(html);
  if (scripts.length === 0) {
    throw new Error(`${browserDir}/index.html loads no JavaScript`);
  }
  const names = new Set(scripts);
  const queue = [...scripts];
  while (queue.length > 0) {
    for (const chunk of staticImports(join(browserDir, queue.shift() ?? ''))) {
      if (!names.has(chunk)) {
        names.add(chunk);
        queue.push(chunk);
      }
    }
  }
  const hasBrotliCopies = [...names].some((name) => existsSync(join(browserDir, `${name}.br`)));
  const files = [...names].map((name): InitialJsFile => {
    const bytes = readFileSync(join(browserDir, name));
    const copy = join(browserDir, `${name}.br`);
    const served = existsSync(copy)
      ? statSync(copy).size
      : !hasBrotliCopies && bytes.length >= COMPRESS_MIN_BYTES
        ? brotliSize(bytes)
        : bytes.length;
    return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, served };
  });
  const sum = (key: 'raw' | 'gzip' | 'served') => files.reduce((total, f) => total + f[key], 0);
  return {
    files,
    raw: sum('raw'),
    gzip: sum('gzip'),
    served: sum('served'),
    namedInIndex: [...names].filter((name) => scripts.includes(name) || preloads.includes(name))
      .length,
    brotliFrom: hasBrotliCopies ? 'build' : 'computed',
  };
}

const BARE_MAIN = `import { ChangeDetectionStrategy, Component, provideBrowserGlobalErrorListeners } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatToolbar } from '@angular/material/toolbar';
import { bootstrapApplication } from '@angular/platform-browser';

@Component({
  selector: 'app-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatToolbar],
  template: '<mat-toolbar>Bare</mat-toolbar><button matButton="filled" type="button">Hello</button>',
})
class App {}

bootstrapApplication(App, { providers: [provideBrowserGlobalErrorListeners()] }).catch(
  (error: unknown) => console.error(error),
);
`;

const BARE_INDEX = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Bare</title>
    <base href="/">
    <meta name="viewport" content="width=device-width, initial-scale=1">
  </head>
  <body>
    <app-root></app-root>
  </body>
</html>
`;

/** The project's build options that matter for the output, without its styles, fonts and assets. */
function bareWorkspace(): unknown {
  return {
    version: 1,
    cli: { analytics: false, cache: { enabled: false } },
    newProjectRoot: 'projects',
    projects: {
      bare: {
        projectType: 'application',
        root: '',
        sourceRoot: 'src',
        prefix: 'app',
        architect: {
          build: {
            builder: '@angular/build:application',
            options: {
              browser: 'src/main.ts',
              index: 'src/index.html',
              tsConfig: 'tsconfig.json',
              outputPath: 'dist',
            },
            configurations: {
              production: {
                outputHashing: 'all',
                optimization: {
                  scripts: true,
                  styles: { minify: true, inlineCritical: true },
                  fonts: false,
                },
              },
            },
            defaultConfiguration: 'production',
          },
        },
      },
    },
  };
}

/** The compiler options of the project's tsconfig.json and tsconfig.app.json, spelled out. */
function bareTsconfig(root: string): unknown {
  const text = readFileSync(join(root, 'tsconfig.json'), 'utf8');
  // tsconfig.json allows comments; the project's has only whole-line block comments.
  const project = JSON.parse(text.replace(/^\s*\/\*.*\*\/\s*$/gm, '')) as {
    compilerOptions: Record<string, unknown>;
    angularCompilerOptions: Record<string, unknown>;
  };
  return {
    compileOnSave: false,
    compilerOptions: { ...project.compilerOptions, outDir: './out-tsc', types: [] },
    angularCompilerOptions: project.angularCompilerOptions,
    files: ['src/main.ts'],
  };
}

export interface BareBuild {
  readonly browserDir: string;
  readonly seconds: number;
}

/**
 * Writes the bare app into `dir` (inside the repository, so that Node finds the
 * project's packages through a node_modules symlink) and builds it with the
 * project's Angular CLI.
 */
export function buildBareApp(root: string, dir: string): BareBuild {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'src'), { recursive: true });
  symlinkSync(relative(dir, join(root, 'node_modules')), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'angular.json'), `${JSON.stringify(bareWorkspace(), null, 2)}\n`);
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(bareTsconfig(root), null, 2)}\n`);
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'bare', private: true, type: 'module' }, null, 2)}\n`,
  );
  writeFileSync(join(dir, 'src', 'main.ts'), BARE_MAIN);
  writeFileSync(join(dir, 'src', 'index.html'), BARE_INDEX);
  const started = performance.now();
  const build = spawnSync(
    process.execPath,
    [join(root, 'node_modules', '@angular', 'cli', 'bin', 'ng.js'), 'build'],
    {
      cwd: dir,
      env: { ...process.env, NG_CLI_ANALYTICS: 'false', NG_FORCE_TTY: 'false' },
      encoding: 'utf8',
    },
  );
  if (build.status !== 0) {
    throw new Error(`bare app build failed:\n${build.stdout}\n${build.stderr}`);
  }
  return {
    browserDir: join(dir, 'dist', 'browser'),
    seconds: (performance.now() - started) / 1000,
  };
}
