import { Module } from '@nestjs/common';
import { NodesResolver } from './nodes.resolver';

/** `node(id:)` and `nodes(ids:)` over every type that implements Node (see src/graphql/node.ts). */
@Module({ providers: [NodesResolver] })
export class NodesModule {}
