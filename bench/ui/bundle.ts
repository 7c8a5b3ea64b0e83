/**
 * Initial JavaScript of a built app (what index.html loads before anything
 * else: its module scripts and modulepreload links), and the baseline to
 * compare it with: a bare Angular Material app built in the same run, with the
 * same toolchain and the same production options.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface InitialJs {
  readonly files: readonly { readonly name: string; readonly raw: number; readonly gzip: number }[];
  readonly raw: number;
  /** Sum of each file gzipped on its own (level 9), as a server would send them. */
  readonly gzip: number;
}

/** Sums the files named by `<script src>` and `<link rel="modulepreload">` in index.html. */
export function initialJs(browserDir: string): InitialJs {
  const html = readFileSync(join(browserDir, 'index.html'), 'utf8');
  const names = new Set<string>();
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const isScript = /^<script/i.test(tag);
    const isPreload = /\brel=["']?modulepreload["']?/i.test(tag);
    const url = /\b(?:src|href)=["']([^"']+)["']/i.exec(tag)?.[1];
    if (url && (isScript || isPreload) && !/^[a-z]+:/i.test(url) && url.endsWith('.js')) {
      names.add(url.replace(/^\.?\//, ''));
    }
  }
  if (names.size === 0) {
    throw new Error(`${browserDir}/index.html loads no JavaScript`);
  }
  const files = [...names].map((name) => {
    const bytes = readFileSync(join(browserDir, name));
    return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  return {
    files,
    raw: files.reduce((sum, file) => sum + file.raw, 0),
    gzip: files.reduce((sum, file) => sum + file.gzip, 0),
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
