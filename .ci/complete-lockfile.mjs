// Records in package-lock.json the platform-specific optional packages that this machine's npm
// registry does not serve (it only carries the Linux builds). Against the public registry npm
// records every platform's build; here they are left out, and `npm ci` then refuses the lock file
// as incomplete. Each added entry names the os/cpu/libc its package name encodes, so npm skips it
// on every other platform and never downloads it. Run after `npm install` changes the lock file:
//   node .ci/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const PLATFORM =
  /-(android|darwin|freebsd|linux|openharmony|win32)-(arm|arm64|ia32|x64|loong64|ppc64|riscv64|s390x)(?:-(gnu|musl|gnueabihf|musleabihf|msvc|eabi))?$/;
const LIBC = { gnu: 'glibc', gnueabihf: 'glibc', musl: 'musl', musleabihf: 'musl' };

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
// Every name installed anywhere: what follows `node_modules/` at the start of a key or after a `/`.
const INSTALL_DIR = 'node_modules/';
const installed = new Set();
for (const key of Object.keys(packages)) {
  for (let at = key.indexOf(INSTALL_DIR); at >= 0; at = key.indexOf(INSTALL_DIR, at + 1)) {
    if (at === 0 || key[at - 1] === '/') installed.add(key.slice(at + INSTALL_DIR.length));
  }
}
let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const match = PLATFORM.exec(name);
    if (!match || installed.has(name)) continue;
    const [, os, cpu, abi] = match;
    installed.add(name);
    packages[`node_modules/${name}`] = {
      version,
      cpu: [cpu],
      ...(entry.dev ? { dev: true } : {}),
      ...(LIBC[abi] ? { libc: [LIBC[abi]] } : {}),
      optional: true,
      os: [os],
    };
    added += 1;
    console.log(`recorded ${name}@${version} (${os}/${cpu}) needed by ${path || 'the project'}`);
  }
}
if (added > 0) {
  lock.packages = Object.fromEntries(
    Object.entries(packages).sort(([a], [b]) =>
      a === '' ? -1 : b === '' ? 1 : a.localeCompare(b),
    ),
  );
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
}
console.log(`${added} platform package(s) recorded`);
