/**
 * A require hook that runs the TypeScript sources without a build: `node -r
 * ./test/support/register-ts.cjs file.ts`. Each file is compiled on its own with `transpileModule`
 * (no type checking: `tsc` and ts-jest do that), which is safe because the code is written for
 * `isolatedModules`. The tests use it to start the real app as a child process.
 *
 * Compiled files are cached in the temporary directory by content, so the second process that
 * starts does not compile the app again.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const ts = require('typescript');

const COMPILER_OPTIONS = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2023,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  esModuleInterop: true,
  inlineSourceMap: true,
  inlineSources: false,
};

const CACHE = path.join(os.tmpdir(), `samverkan-register-ts-${ts.version}`);
fs.mkdirSync(CACHE, { recursive: true });

function compile(source, filename) {
  const key = crypto
    .createHash('sha256')
    .update(filename)
    .update('\0')
    .update(source)
    .digest('hex');
  const cached = path.join(CACHE, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // Not compiled yet.
  }
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: COMPILER_OPTIONS,
  });
  // Written under a unique name and renamed, so two processes never read a half-written file.
  const partial = `${cached}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  fs.writeFileSync(partial, outputText);
  fs.renameSync(partial, cached);
  return outputText;
}

require.extensions['.ts'] = (module, filename) => {
  module._compile(compile(fs.readFileSync(filename, 'utf8'), filename), filename);
};
