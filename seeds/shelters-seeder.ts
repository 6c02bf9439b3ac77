import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PersonActor } from '../src/common/actor';
import { Clock } from '../src/common/clock';
import { stockholmDate } from '../src/common/time';
import { SupportService, SupportServicesService } from '../src/modules/services';
import {
  PlacementsService,
  Shelter,
  ShelterAvailabilityService,
  SheltersService,
} from '../src/modules/shelters';
import {
  DEMO_PLACEMENT,
  DEMO_SERVICES,
  DEMO_SHELTERS,
  DemoShelter,
  HISTORY_DAYS,
} from './demo-shelters';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** The free adult places a demo shelter reported `daysAgo` days before today (today: the last). */
function freeAdultPlaces(demo: DemoShelter, daysAgo: number): number {
  const pattern = demo.freeAdultPattern;
  return pattern[pattern.length - 1 - (daysAgo % pattern.length)];
}

/**
 * Shelters with 30 days of availability reports (one of them silent for the last days, so its
 * status is NO_DATA), a placement request waiting for an answer, and the support-service directory
 * with a week of use at the night shelter. Through the services, as the organisations' admins and
 * social services, with the clock set back for the history. What exists is left as it is.
 */
export async function seedSheltersAndServices(
  app: INestApplicationContext,
  actor: (email: string) => PersonActor,
  count: (kind: string, created: boolean, n?: number) => void,
): Promise<void> {
  const data = app.get(DataSource);
  const clock = app.get(Clock);
  const shelters = app.get(SheltersService);
  const availability = app.get(ShelterAvailabilityService);
  const now = clock.now();

  for (const demo of DEMO_SHELTERS) {
    const exists = await data.getRepository(Shelter).existsBy({ id: demo.id });
    count('shelters', !exists);
    if (exists) continue;
    const admin = actor(demo.reporterEmail);
    await clock.at(new Date(now.getTime() - (HISTORY_DAYS + 1) * DAY), () =>
      shelters.create(
        admin,
        {
          organisationId: demo.organisationId,
          displayName: demo.displayName,
          area: demo.area,
          targetGroups: demo.targetGroups,
          features: demo.features,
          languages: demo.languages,
          totalAdultPlaces: demo.totalAdultPlaces,
          totalChildPlaces: demo.totalChildPlaces,
        },
        { id: demo.id },
      ),
    );
    for (let daysAgo = HISTORY_DAYS - 1; daysAgo >= (demo.silentDays ?? 0); daysAgo -= 1) {
      const free = freeAdultPlaces(demo, daysAgo);
      await clock.at(new Date(now.getTime() - daysAgo * DAY - 2 * HOUR), () =>
        availability.report(admin, {
          shelterId: demo.id,
          freeAdultPlaces: free,
          freeChildPlaces: Math.round((free * demo.totalChildPlaces) / demo.totalAdultPlaces),
        }),
      );
      count('shelterReports', true);
    }
    if (demo.id === DEMO_PLACEMENT.shelterId) {
      const { requestedByEmail, ...request } = DEMO_PLACEMENT;
      await app.get(PlacementsService).request(actor(requestedByEmail), request);
      count('placementRequests', true);
    }
  }

  const services = app.get(SupportServicesService);
  for (const demo of DEMO_SERVICES) {
    const exists = await data.getRepository(SupportService).existsBy({ id: demo.id });
    count('supportServices', !exists);
    if (exists) continue;
    const admin = actor(demo.adminEmail);
    await services.create(
      admin,
      {
        organisationId: demo.organisationId,
        name: demo.name,
        category: demo.category,
        districtId: demo.districtId,
        address: demo.address,
        description: demo.description,
        openingHours: demo.openingHours,
        languages: demo.languages,
        targetGroups: demo.targetGroups,
        dailyCapacity: demo.dailyCapacity,
      },
      { id: demo.id },
    );
    const usage = demo.usage ?? [];
    for (const [index, used] of usage.entries()) {
      const day = new Date(now.getTime() - (usage.length - 1 - index) * DAY);
      await services.reportUsage(admin, { serviceId: demo.id, date: stockholmDate(day), used });
      count('serviceUsageReports', true);
    }
  }
}
