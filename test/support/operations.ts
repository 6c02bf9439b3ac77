import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '../../src/common/decorators/access.decorators';
import type { TestApp } from './test-app';

export interface DeclaredOperation {
  /** `Query.districts`, `Mutation.login`, or a field resolver such as `Organisation.districts`. */
  coordinate: string;
  isPublic: boolean;
}

/** Every query, mutation, subscription and field resolver the app declares, and whether it is public. */
export function declaredOperations(test: TestApp): DeclaredOperation[] {
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const operations: DeclaredOperation[] = [];
  for (const wrapper of test.get(DiscoveryService).getProviders()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || !wrapper.metatype) continue;
    const resolverClass = wrapper.metatype;
    const parentType = Reflect.getMetadata('graphql:resolver_type', resolverClass) as
      string | undefined;
    const prototype = Object.getPrototypeOf(instance) as Record<
      string,
      (...args: unknown[]) => unknown
    >;
    for (const methodName of scanner.getAllMethodNames(prototype)) {
      const method = prototype[methodName];
      const rootType = Reflect.getMetadata('graphql:resolver_type', method) as string | undefined;
      const isField = Reflect.getMetadata('graphql:resolve_property', method) === true;
      if (!rootType && !isField) continue;
      const name =
        (Reflect.getMetadata('graphql:resolver_name', method) as string | undefined) ?? methodName;
      const targets = [method, resolverClass];
      operations.push({
        coordinate: `${isField ? parentType : rootType}.${name}`,
        isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true,
      });
    }
  }
  return operations.sort((a, b) => a.coordinate.localeCompare(b.coordinate));
}
