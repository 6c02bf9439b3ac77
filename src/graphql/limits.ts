import { ApolloArmor } from '@escape.tech/graphql-armor';
import { MAX_OPERATION_COST } from './cost';

/**
 * Limits applied before any resolver runs (documented in the README). graphql-armor checks the
 * document's shape while it is validated: depth, aliases, tokens, directives. The cost is counted
 * with the variables applied (`cost.ts`): a validation rule, as armor's cost limit is, sees no
 * variables and no list sizes, so `first: $n` and nested ranges would count as one item.
 * Field suggestions ("did you mean …?") leak the schema, so they are masked in production, where
 * introspection is also off (and errors.ts strips those of variable values).
 */
export const GRAPHQL_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxCost: MAX_OPERATION_COST,
  maxTokens: 2000,
  maxDirectives: 20,
} as const;

export function graphqlProtection(production: boolean): ReturnType<ApolloArmor['protect']> {
  return new ApolloArmor({
    maxDepth: { n: GRAPHQL_LIMITS.maxDepth, ignoreIntrospection: true, exposeLimits: true },
    maxAliases: { n: GRAPHQL_LIMITS.maxAliases, exposeLimits: true },
    costLimit: { enabled: false },
    maxTokens: { n: GRAPHQL_LIMITS.maxTokens, exposeLimits: true },
    maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives, exposeLimits: true },
    blockFieldSuggestion: { enabled: production },
  }).protect();
}
