import { describe, expect, it } from 'vitest';
import { paginate, type Block } from './flow';

const block = (name: string, height: number, extra: Partial<Block> = {}): Block & { name: string } => ({
  name,
  height,
  draw: () => {},
  ...extra,
});
const frame = { firstTop: 100, top: 50, bottom: 300 };
const names = (pages: ReturnType<typeof paginate>) =>
  pages.map((page) => page.map(({ block: b, y }) => `${(b as { name?: string }).name}@${y}`));

describe('paginate', () => {
  it('fills a page, drops the gap at the top of the next one', () => {
    expect(names(paginate([block('a', 100), block('b', 90, { gap: 10 }), block('c', 100, { gap: 10 })], frame))).toEqual([
      ['a@100', 'b@210'],
      ['c@50'],
    ]);
  });

  it('never leaves a heading alone at the bottom, even chained to a table header', () => {
    const blocks = [block('a', 100), block('h2', 20, { keepWithNext: true }), block('th', 20, { keepWithNext: true }), block('row', 70)];
    expect(names(paginate(blocks, frame))).toEqual([['a@100'], ['h2@50', 'th@70', 'row@90']]);
  });

  it('repeats the header before a row opening a page', () => {
    const header = block('header', 20);
    const rows = Array.from({ length: 5 }, (_, i) => block(`r${i}`, 60, { repeatOnNewPage: header }));
    expect(names(paginate(rows, frame))).toEqual([
      ['r0@100', 'r1@160', 'r2@220'],
      ['header@50', 'r3@70', 'r4@130'],
    ]);
  });
});
