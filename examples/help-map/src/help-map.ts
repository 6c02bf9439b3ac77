import { Client, fetchExchange } from '@urql/core';
import { graphql } from './gql';

/**
 * A small partner app: a city help map. With the municipality's API key (scopes `directory:read`
 * and `nightwalks:read`) it shows the support services open now in a language and the coming
 * night walks in a district; with a shelter board's key (`shelters:availability`) whether shelters
 * can take someone now — status, area and groups only, never where or who.
 */

const OpenServices = graphql(`
  query OpenServices($language: String!) {
    supportServices(first: 20, filter: { openNow: true, language: $language }) {
      edges {
        node {
          id
          name
          category
          languages
          openUntil
          district {
            name
          }
        }
      }
    }
  }
`);

const WalksInDistrict = graphql(`
  query WalksInDistrict($districtId: ID!, $from: DateTime!, $first: Int!) {
    shifts(first: $first, filter: { districtId: $districtId, from: $from }) {
      edges {
        node {
          id
          startsAt
          endsAt
          meetingPoint
          availablePlaces
          organisation {
            name
          }
        }
      }
    }
  }
`);

const ShelterBoard = graphql(`
  query ShelterBoard($area: String) {
    shelterAvailability(filter: { area: $area }) {
      id
      status
      area
      targetGroups
      reportedAt
    }
  }
`);

/** A client of the API at `url` (e.g. http://localhost:3000/graphql) with an API key. */
export function helpMapClient(url: string, apiKey: string): Client {
  return new Client({
    url,
    exchanges: [fetchExchange],
    preferGetMethod: false,
    fetchOptions: { headers: { 'X-Api-Key': apiKey } },
  });
}

async function data<T>(result: Promise<{ data?: T; error?: Error }>): Promise<T> {
  const { data: answer, error } = await result;
  if (error || !answer) throw error ?? new Error('No answer');
  return answer;
}

export async function openServices(client: Client, language: string) {
  const answer = await data(client.query(OpenServices, { language }).toPromise());
  return answer.supportServices.edges.map((edge) => edge.node);
}

/** The walks in the district starting from `from` (now), soonest first. */
export async function walksInDistrict(client: Client, districtId: string, from: Date, first = 10) {
  const answer = await data(
    client.query(WalksInDistrict, { districtId, from: from.toISOString(), first }).toPromise(),
  );
  return answer.shifts.edges.map((edge) => edge.node);
}

export async function shelterBoard(client: Client, area?: string) {
  return (await data(client.query(ShelterBoard, { area }).toPromise())).shelterAvailability;
}

/** The lines the help map shows, for a directory key and a shelter board key (see run.ts). */
export async function printHelpMap(
  url: string,
  directoryKey: string,
  boardKey: string,
  now: Date = new Date(),
) {
  const map = helpMapClient(url, directoryKey);
  const lines: string[] = [];
  for (const service of await openServices(map, 'ro')) {
    lines.push(
      `open now (ro): ${service.name} (${service.category}) until ${service.openUntil ?? '?'}`,
    );
  }
  for (const walk of await walksInDistrict(map, 'd1570000-0000-4000-8000-000000000002', now, 3)) {
    lines.push(
      `night walk: ${walk.startsAt} at ${walk.meetingPoint}, ${walk.availablePlaces} places, ${walk.organisation.name}`,
    );
  }
  for (const shelter of await shelterBoard(helpMapClient(url, boardKey), 'Trollhättan')) {
    lines.push(
      `shelter: ${shelter.status} in ${shelter.area} for ${shelter.targetGroups.join(', ')}`,
    );
  }
  return lines;
}
