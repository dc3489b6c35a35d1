import { describe, expect, it } from 'vitest';
import { latestValueWriter } from './runs';

describe('latestValueWriter', () => {
  it('writes one value at a time and skips the values overtaken meanwhile', async () => {
    const written: number[] = [];
    let release: () => void = () => {};
    const writer = latestValueWriter(
      (value) => {
        written.push(value);
        return value === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
      },
      () => {},
    );
    writer.report(1);
    writer.report(2);
    writer.report(3);
    expect(written).toEqual([1]);
    release();
    await writer.settled();
    expect(written).toEqual([1, 3]);
    writer.report(4);
    await writer.settled();
    expect(written).toEqual([1, 3, 4]);
  });

  it('reports a failed write and goes on with the next value', async () => {
    const errors: unknown[] = [];
    const written: number[] = [];
    const writer = latestValueWriter(
      async (value) => {
        if (value === 1) throw new Error('busy');
        written.push(value);
      },
      (error) => errors.push(error),
    );
    writer.report(1);
    await writer.settled();
    writer.report(2);
    await writer.settled();
    expect(errors).toHaveLength(1);
    expect(written).toEqual([2]);
  });
});
