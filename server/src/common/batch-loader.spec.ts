import { BatchLoader } from './batch-loader';

class Row {
  constructor(
    public id: string,
    public tags: string[],
  ) {}
}

describe('BatchLoader', () => {
  const loaderOf = (rows: Row[], calls: string[][]) =>
    new BatchLoader<string, Row>(async (keys) => {
      calls.push(keys);
      return new Map(rows.filter((r) => keys.includes(r.id)).map((r) => [r.id, r]));
    });

  it('answers the lookups of one turn with one fetch, each key asked once', async () => {
    const calls: string[][] = [];
    const loader = loaderOf([new Row('a', []), new Row('b', [])], calls);
    const [a, b, again, missing] = await Promise.all([loader.load('a'), loader.load('b'), loader.load('a'), loader.load('z')]);
    expect(calls).toEqual([['a', 'b', 'z']]);
    expect(a?.id).toBe('a');
    expect(b?.id).toBe('b');
    expect(again?.id).toBe('a');
    expect(missing).toBeUndefined();
  });

  it('shares one value among the callers of a batch, frozen so that none can change it for the others', async () => {
    const loader = loaderOf([new Row('a', ['x'])], []);
    const [first, second] = await Promise.all([loader.load('a'), loader.load('a')]);
    expect(second).toBe(first);
    expect(second).toBeInstanceOf(Row);
    expect(() => first?.tags.push('changed')).toThrow(TypeError);
    expect(() => Object.assign(first as Row, { id: 'b' })).toThrow(TypeError);
    expect(second?.tags).toEqual(['x']);
  });

  it('answers later lookups of the same turn from what the batch found, and forgets it before the next turn', async () => {
    const calls: string[][] = [];
    const loader = loaderOf([new Row('a', []), new Row('b', [])], calls);
    const first = await loader.load('a');
    // Still the turn in which the batch arrived: a request that moved on, or another one.
    expect(await loader.load('a')).toBe(first);
    expect(calls).toEqual([['a']]);
    await new Promise((resolve) => setImmediate(resolve));
    await loader.load('a');
    expect(calls).toEqual([['a'], ['a']]);
  });

  it('fetches a key again in the same turn once told to forget it (its row was just written)', async () => {
    const calls: string[][] = [];
    const loader = loaderOf([new Row('a', []), new Row('b', [])], calls);
    await Promise.all([loader.load('a'), loader.load('b')]);
    loader.forget('a');
    await loader.load('b');
    await loader.load('a');
    expect(calls).toEqual([['a', 'b'], ['a']]);
  });

  it('fetches a key the last batch did not ask for, even in the same turn', async () => {
    const calls: string[][] = [];
    const loader = loaderOf([new Row('a', []), new Row('b', [])], calls);
    await loader.load('a');
    expect((await loader.load('b'))?.id).toBe('b');
    expect(calls).toEqual([['a'], ['b']]);
  });

  it('fails every lookup of the batch when the fetch fails', async () => {
    const loader = new BatchLoader<string, Row>(() => Promise.reject(new Error('database gone')));
    await expect(Promise.all([loader.load('a'), loader.load('b')])).rejects.toThrow('database gone');
  });

  it('sends a full batch at once', async () => {
    const calls: string[][] = [];
    const loader = new BatchLoader<string, Row>(async (keys) => {
      calls.push(keys);
      return new Map();
    }, 2);
    await Promise.all(['a', 'b', 'c'].map((k) => loader.load(k)));
    expect(calls).toEqual([['a', 'b'], ['c']]);
  });
});
