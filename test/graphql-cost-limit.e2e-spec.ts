import { GraphQLSchemaHost } from '@nestjs/graphql';
import { parse } from 'graphql';
import { MAX_OPERATION_COST, operationCost } from '../src/graphql/cost';
import { TestApp } from './support/test-app';

const QUERY = `query($n: Int!) { districts(first: $n) { edges { node { id name
  shifts { id startsAt endsAt } } } } }`;

describe('the cost limit is a setting (GRAPHQL_MAX_COST)', () => {
  it('answers an operation costing up to the limit set and refuses one costing more', async () => {
    const raised = await TestApp.create({ env: { GRAPHQL_MAX_COST: '1000000' } });
    try {
      const { schema } = raised.get(GraphQLSchemaHost);
      const counted = operationCost(schema, parse(QUERY), { n: 100 });
      expect(counted).toBeGreaterThan(MAX_OPERATION_COST);
      expect((await raised.anonymous.request(QUERY, { n: 100 })).errors).toBeUndefined();
      const lower = await TestApp.create({ env: { GRAPHQL_MAX_COST: String(counted! - 1) } });
      try {
        const refused = await lower.anonymous.request(QUERY, { n: 100 });
        expect(refused.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
        expect(refused.errors?.[0].message).toContain(
          `costs ${counted}, more than the limit of ${counted! - 1}`,
        );
      } finally {
        await lower.close();
      }
    } finally {
      await raised.close();
    }
  });
});
