import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { decodeCursor, encodeCursor } from './pagination';

describe('keyset cursors', () => {
  it('round-trip text, number and instant sort values with the id', () => {
    expect(decodeCursor(encodeCursor('Kronogården', 'id-1'))).toEqual({
      value: 'Kronogården',
      id: 'id-1',
    });
    expect(decodeCursor(encodeCursor(42, 'id-2'))).toEqual({ value: 42, id: 'id-2' });
    const instant = new Date('2026-03-29T01:00:00.000Z');
    expect(decodeCursor(encodeCursor(instant, 'id-3'))).toEqual({ value: instant, id: 'id-3' });
  });

  it('are opaque strings safe in URLs', () => {
    expect(encodeCursor('a b/c+d', 'x')).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    '',
    'not-base64!!',
    Buffer.from('{"v":1}').toString('base64url'),
    Buffer.from('[]').toString('base64url'),
  ])('refuse a forged or damaged cursor (%p) with BAD_USER_INPUT', (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(DomainError);
    try {
      decodeCursor(cursor);
    } catch (error) {
      expect((error as DomainError).code).toBe(ErrorCode.BAD_USER_INPUT);
    }
  });
});
