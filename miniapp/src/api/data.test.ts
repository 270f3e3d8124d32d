import { act, renderHook } from '@testing-library/react';
import { ErrorCode } from '@safemonth/shared';
import { ApiError } from './client';
import { DataProvider, forgetData } from './cache';
import type { Page } from '@safemonth/shared';
import { useAction, usePagedResource, useResource } from './data';
import { flush } from '../../test/helpers';

/** A server whose answers the test sets: a value, or an error to throw. */
function fakeServer<T>(first: T | Error) {
  let answer: T | Error = first;
  const load = jest.fn(async () => {
    if (answer instanceof Error) throw answer;
    return answer;
  });
  return { load, answer: (next: T | Error) => (answer = next) };
}

const refused = new ApiError(403, ErrorCode.Forbidden, '没有权限');

async function settle() {
  await act(flush);
}

describe('data layer', () => {
  it('loads a resource, says in Chinese why a load failed, and loads again on 重新加载', async () => {
    const server = fakeServer<string>(refused);
    const { result } = renderHook(() => useResource(['thing', 1], server.load), { wrapper: DataProvider });
    expect(result.current).toMatchObject({ data: undefined, loading: true, failure: undefined });
    await settle();
    expect(result.current).toMatchObject({ data: undefined, loading: false, failure: '没有权限' });

    server.answer('a thing');
    act(() => result.current.reload());
    // Loading anew: the old failure is not shown meanwhile.
    expect(result.current.failure).toBeUndefined();
    await settle();
    expect(result.current).toMatchObject({ data: 'a thing', failure: undefined });
  });

  it('loads nothing without a key', async () => {
    const server = fakeServer('a thing');
    const { result } = renderHook(() => useResource(null, server.load), { wrapper: DataProvider });
    await settle();
    expect(server.load).not.toHaveBeenCalled();
    expect(result.current).toMatchObject({ data: undefined, loading: false });
  });

  it('shares what one page loaded with the next that reads it', async () => {
    const server = fakeServer('a thing');
    const { result } = renderHook(
      () => {
        const first = useResource(['thing', 1], server.load);
        const second = useResource(['thing', 1], server.load);
        return { first, second };
      },
      { wrapper: DataProvider },
    );
    await settle();
    expect(result.current.second.data).toBe('a thing');
    expect(server.load).toHaveBeenCalledTimes(1);
  });

  it('is busy while an action runs, keeps its failure until reset, and reloads the resource it changed', async () => {
    const server = fakeServer('before');
    let finish: (value: string) => void = () => undefined;
    const change = jest.fn(() => new Promise<string>((resolve) => (finish = resolve)));
    const { result } = renderHook(
      () => ({ thing: useResource(['thing', 1], server.load), save: useAction(['thing', 1], change) }),
      { wrapper: DataProvider },
    );
    await settle();

    act(() => void result.current.save.run());
    expect(result.current.save.busy).toBe(true);
    server.answer('after');
    await act(async () => {
      finish('saved');
      await flush();
    });
    expect(result.current.save).toMatchObject({ busy: false, result: 'saved', failure: undefined });
    expect(result.current.thing.data).toBe('after');

    change.mockRejectedValueOnce(refused);
    await act(async () => {
      await result.current.save.run();
    });
    expect(result.current.save.failure).toBe('没有权限');
    act(() => result.current.save.reset());
    expect(result.current.save.failure).toBeUndefined();
  });

  it('puts the answer of a change in place of the resource, and makes other kinds load again', async () => {
    const thing = fakeServer('before');
    const list = fakeServer(['a']);
    const onSuccess = jest.fn();
    const { result } = renderHook(
      () => ({
        thing: useResource(['thing', 1], thing.load),
        list: useResource(['list'], list.load),
        save: useAction(['thing', 1], async (name: string) => `saved ${name}`, { populate: true, stale: ['list'], onSuccess }),
      }),
      { wrapper: DataProvider },
    );
    await settle();

    list.answer(['a', 'b']);
    await act(async () => {
      await result.current.save.run('x');
      await flush();
    });
    expect(result.current.thing.data).toBe('saved x');
    expect(thing.load).toHaveBeenCalledTimes(1);
    expect(result.current.list.data).toEqual(['a', 'b']);
    expect(onSuccess).toHaveBeenCalledWith('saved x', 'x');
  });

  it('forgets everything loaded when a session ends', async () => {
    const server = fakeServer('mine');
    const first = renderHook(() => useResource(['me'], server.load), { wrapper: DataProvider });
    await settle();
    first.unmount();
    forgetData();

    server.answer('the next person');
    const next = renderHook(() => useResource(['me'], server.load), { wrapper: DataProvider });
    expect(next.result.current.data).toBeUndefined();
    await settle();
    expect(next.result.current.data).toBe('the next person');
  });
});

describe('paged resource', () => {
  it('reads the page chosen, and starts again at page 1 when the key changes', async () => {
    const load = jest.fn(async (filter: string, page: number) => ({ items: [`${filter}${page}`], total: 120, page, size: 50 }));
    const { result, rerender } = renderHook(({ filter }) => usePagedResource(['things', filter], (page) => load(filter, page)), {
      wrapper: DataProvider,
      initialProps: { filter: 'a' },
    });
    await settle();
    expect(result.current).toMatchObject({ page: 1, data: { items: ['a1'], total: 120 } });

    act(() => result.current.setPage(3));
    await settle();
    expect(result.current).toMatchObject({ page: 3, data: { items: ['a3'] } });

    rerender({ filter: 'b' });
    await settle();
    expect(result.current).toMatchObject({ page: 1, data: { items: ['b1'] } });
    expect(load.mock.calls).toEqual([
      ['a', 1],
      ['a', 3],
      ['b', 1],
    ]);
  });

  it('keeps the page shown on screen while the next one (another page, sort or filter) loads', async () => {
    const pending: Array<() => void> = [];
    const load = (order: string, page: number) =>
      new Promise<Page<string>>((resolve) => pending.push(() => resolve({ items: [`${order}${page}`], total: 120, page, size: 50 })));
    const { result, rerender } = renderHook(({ order }) => usePagedResource(['sorted', order], (page) => load(order, page)), {
      wrapper: DataProvider,
      initialProps: { order: 'asc' },
    });
    act(() => pending.shift()?.());
    await settle();
    expect(result.current.data?.items).toEqual(['asc1']);

    rerender({ order: 'desc' });
    await settle();
    expect(result.current.data?.items).toEqual(['asc1']);
    act(() => pending.shift()?.());
    await settle();
    expect(result.current.data?.items).toEqual(['desc1']);
  });

  it('goes back to the last page there is when the list has shrunk below the page shown', async () => {
    let total = 120;
    const load = jest.fn(async (page: number) => ({ items: page * 50 <= total + 49 ? [`item${page}`] : [], total, page, size: 50 }));
    const { result } = renderHook(() => usePagedResource(['shrinking'], load), { wrapper: DataProvider });
    await settle();
    act(() => result.current.setPage(3));
    await settle();
    expect(result.current).toMatchObject({ page: 3, data: { items: ['item3'] } });

    total = 60;
    act(() => result.current.reload());
    await settle();
    await settle();
    expect(result.current).toMatchObject({ page: 2, data: { items: ['item2'], total: 60 } });
  });
});
