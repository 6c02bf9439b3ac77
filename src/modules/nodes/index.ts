export { NodesModule } from './nodes.module';
export { MAX_NODES } from './nodes.resolver';
