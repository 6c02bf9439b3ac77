/** Ids seen in responses, by GraphQL type name, in the order they were first seen. */
export class IdPool {
  private readonly byType = new Map<string, string[]>();

  add(typeName: string, id: string): void {
    const ids = this.byType.get(typeName) ?? [];
    if (!ids.includes(id)) ids.push(id);
    this.byType.set(typeName, ids);
  }

  ids(typeName: string): readonly string[] {
    return this.byType.get(typeName) ?? [];
  }

  /** Every `{ __typename, id }` object in a response. */
  collect(value: unknown): void {
    if (Array.isArray(value)) {
      for (const item of value) this.collect(item);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    if (typeof record.__typename === 'string' && typeof record.id === 'string') {
      this.add(record.__typename, record.id);
    }
    for (const child of Object.values(record)) this.collect(child);
  }
}
