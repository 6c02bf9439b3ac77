import { printHelpMap } from './src/help-map';

/**
 * `npm run example:help-map` with the demo running (`npm run demo`): prints the help map for the
 * demo's partner keys. SAMVERKAN_URL, HELP_MAP_KEY and SHELTER_BOARD_KEY point it elsewhere.
 */
const url = process.env.SAMVERKAN_URL ?? 'http://localhost:3000/graphql';
const directoryKey =
  process.env.HELP_MAP_KEY ?? `sv_de000001_${'Trygghetskartan-demo-key'.padEnd(43, '0')}`;
const boardKey =
  process.env.SHELTER_BOARD_KEY ?? `sv_de000002_${'Platstavlan-demo-key'.padEnd(43, '0')}`;

printHelpMap(url, directoryKey, boardKey).then(
  (lines) => process.stdout.write(`${lines.join('\n')}\n`),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
