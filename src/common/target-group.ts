import { registerEnumType } from '@nestjs/graphql';

/** Whom a shelter or a support service is for (DOMAIN.md, "Shelters and support services"). */
export enum TargetGroup {
  WOMEN = 'WOMEN',
  WOMEN_WITH_CHILDREN = 'WOMEN_WITH_CHILDREN',
  HBTQ = 'HBTQ',
  MEN = 'MEN',
  YOUTH = 'YOUTH',
}

registerEnumType(TargetGroup, {
  name: 'TargetGroup',
  description: 'Whom a shelter or a support service is for.',
  valuesMap: {
    WOMEN: { description: 'Women.' },
    WOMEN_WITH_CHILDREN: { description: 'Women with their children.' },
    HBTQ: { description: 'HBTQ people.' },
    MEN: { description: 'Men.' },
    YOUTH: { description: 'Young people.' },
  },
});

/** A language as an ISO 639 code: `sv`, `en`, `ar`, `ro` (Romanian), `rom` (Romani). */
export const LANGUAGE_CODE = /^[a-z]{2,3}$/;
