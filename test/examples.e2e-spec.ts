import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { printHelpMap } from '../examples/help-map/src/help-map';
import { DEMO_API_KEY, DEMO_SHELTER_BOARD_KEY } from '../seeds/demo-data';
import { seedDemoData } from '../seeds/seeder';
import { TestApp } from './support/test-app';

const EXAMPLE = join(__dirname, '..', 'examples', 'help-map');

/** examples/help-map: a partner app with types generated from schema.graphql, run on the demo. */
describe('the example partner app (examples/help-map)', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create();
    await seedDemoData(test.app);
  });

  afterAll(async () => {
    await test.close();
  });

  it('has its generated types up to date with schema.graphql', () => {
    // --check exits non-zero when what it would generate differs from what is committed.
    expect(() =>
      execFileSync(
        join(__dirname, '..', 'node_modules', '.bin', 'graphql-codegen'),
        ['--config', 'codegen.ts', '--check'],
        { cwd: EXAMPLE, stdio: 'pipe' },
      ),
    ).not.toThrow();
  });

  it('prints the night shelter open in Romanian, the coming walks and the shelter board', async () => {
    // At 22:00 (or later in the night) the demo's night shelter (21–08, Romanian) is open and the
    // morning drop-in (07:30–10:30 on weekdays) is closed.
    const now = DateTime.fromJSDate(test.clock.now(), { zone: 'Europe/Stockholm' });
    if (now.hour >= 7 && now.hour < 22) {
      test.clock.set(now.set({ hour: 22, minute: 0, second: 0, millisecond: 0 }).toJSDate());
    }
    try {
      const lines = await printHelpMap(
        `${test.baseUrl}/graphql`,
        DEMO_API_KEY,
        DEMO_SHELTER_BOARD_KEY,
        test.clock.now(),
      );
      const open = lines.filter((line) => line.startsWith('open now (ro): '));
      expect(open).toEqual([
        expect.stringMatching(
          /^open now \(ro\): Natthärbärget Hjälpande Händer \(NIGHT_SHELTER\) until /,
        ),
      ]);
      const walks = lines.filter((line) => line.startsWith('night walk: '));
      expect(walks.length).toBeGreaterThan(0);
      for (const walk of walks) {
        expect(walk).toMatch(/, Nattvandrarna Kronogården$/);
        // Coming walks only: each starts after the clock's now.
        const startsAt = /^night walk: (\S+) at /.exec(walk)![1];
        expect(new Date(startsAt).getTime()).toBeGreaterThan(test.clock.now().getTime());
      }
      const shelters = lines.filter((line) => line.startsWith('shelter: '));
      expect(shelters.sort()).toEqual([
        'shelter: AVAILABLE in Trollhättan for WOMEN, WOMEN_WITH_CHILDREN',
        'shelter: FULL in Trollhättan for WOMEN_WITH_CHILDREN',
      ]);
    } finally {
      test.clock.reset();
    }
  });
});
