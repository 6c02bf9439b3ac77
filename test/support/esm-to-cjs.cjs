/**
 * Jest transformer for dependencies published as ES modules only (all of @nestjs/* since v12).
 *
 * Node 20.19 loads them from our CommonJS build with require(esm); Jest's module registry only
 * learns require(esm) on Node 24.9. Until the project moves to Node 24, Jest compiles these
 * packages to CommonJS. Their only ESM-specific expressions are `createRequire(import.meta.url)`,
 * `import.meta.{url,dirname,filename,resolve}`, which have exact CommonJS equivalents.
 */
const crypto = require('node:crypto');
const ts = require('typescript');

const TRANSFORM_VERSION = '3';

function rewriteImportMeta(source) {
  return (
    source
      // `const require = createRequire(import.meta.url)` rebuilds what CommonJS already provides.
      .replace(/^\s*const require = (?:[\w$]+\.)?createRequire\(import\.meta\.url\);?\s*$/gm, '')
      .replace(/import\.meta\.dirname/g, '__dirname')
      .replace(/import\.meta\.filename/g, '__filename')
      .replace(/import\.meta\.url/g, 'require("node:url").pathToFileURL(__filename).href')
      .replace(/import\.meta\.resolve\(/g, 'require.resolve(')
  );
}

module.exports = {
  getCacheKey(source, filename) {
    return crypto
      .createHash('sha256')
      .update(TRANSFORM_VERSION)
      .update(ts.version)
      .update(filename)
      .update(source)
      .digest('hex');
  },
  process(source, filename) {
    const output = ts.transpileModule(rewriteImportMeta(source), {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2023,
        allowJs: true,
        esModuleInterop: true,
      },
    });
    return { code: output.outputText };
  },
};
