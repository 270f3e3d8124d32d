/**
 * The pages' data layer, on SWR, so that no page keeps loading, failure and busy state by hand:
 *
 * - `useResource(key, load)`: data a page reads, cached by key for the whole app, so that a page
 *   opened later shows it at once while it loads again. Loaded again when the page is shown again,
 *   when the app comes back to the foreground and when the network comes back.
 * - `useAction(key, perform)`: a change, `busy` while it runs, with the failure to show. After it
 *   the resource `key` it changed loads again (or, with `populate`, takes the answer's place).
 * - `usePagedResource(key, load)`: a list read a page at a time (shown with `components/Pager`).
 *
 * Every call still goes through the one client (`./client`) with `toast: false`: pages show the
 * server's (Chinese) message inline. The cache itself is set up by `./cache` (the app shell's).
 */
import { useEffect, useRef, useState } from 'react';
import type { Page } from '@safemonth/shared';
import { useDidShow } from '@tarojs/taro';
import useSWR, { useSWRConfig } from 'swr';
import useSWRMutation, { type TriggerWithArgs } from 'swr/mutation';
import { messageOf } from '../utils/errors';

/** A resource's name in the cache: its kind, then what picks it (ids, query). */
export type DataKey = readonly [string, ...unknown[]];

const LOAD_FAILED = '加载失败，请稍后重试';

export interface Resource<T> {
  /** The data once loaded (while it loads again, the last data). */
  data: T | undefined;
  /** Loading with nothing to show yet. */
  loading: boolean;
  /** Why the last load failed, in Chinese; undefined again while loading anew. */
  failure: string | undefined;
  /** Loads again (重新加载). */
  reload: () => void;
}

/**
 * Data a page reads: `load` runs while `key` is not null (null: not yet, e.g. no id or no session).
 * With `keepPrevious`, another key shows the last key's data until its own arrives (a list sorted or
 * paged anew stays on screen meanwhile).
 */
export function useResource<T>(key: DataKey | null, load: () => Promise<T>, { keepPrevious = false } = {}): Resource<T> {
  const { data, error, isValidating, isLoading, mutate } = useSWR(key, () => load(), { keepPreviousData: keepPrevious });
  const shown = useRef(false);
  useDidShow(() => {
    // The first show is the mount, which loads already; showing the page again loads again (h5 may
    // report a show twice: one load at a time is enough).
    if (shown.current && !isValidating) void mutate();
    shown.current = true;
  });
  return {
    data,
    loading: isLoading,
    failure: error && !isValidating ? messageOf(error, LOAD_FAILED) : undefined,
    reload: () => void mutate(),
  };
}

/** Resources a page needs together: the first failure, and a reload of those that failed. */
export function together(...resources: Resource<unknown>[]): Pick<Resource<unknown>, 'failure' | 'reload'> {
  return {
    failure: resources.find((resource) => resource.failure)?.failure,
    reload: () => resources.forEach((resource) => resource.failure && resource.reload()),
  };
}

export interface Action<A, T> {
  /** Runs the change; answers its result, or undefined when it failed (`failure` says why). */
  run: (arg: A) => Promise<T | undefined>;
  busy: boolean;
  /** What the last run answered, until `reset`. */
  result: T | undefined;
  /** Why the last run failed, in Chinese; undefined again while it runs anew. */
  failure: string | undefined;
  /** The error of the last failed run, whose `details` name the fields at fault. */
  error: unknown;
  /** Forgets the last failure (e.g. when the form finds a problem before sending again). */
  reset: () => void;
}

export interface ActionOptions<A, T> {
  /** Shown when the failure has no message of the server. */
  fallback?: string;
  /** The answer is the whole resource `key`: put it in the cache instead of loading it again. */
  populate?: boolean;
  /** Kinds of resource (a key's first part) the change makes stale besides `key`: all of them load again. */
  stale?: string[];
  /** What to do next, with the result and what the run was given. */
  onSuccess?: (result: T, arg: A) => void;
  /** E.g. show the error's details under their fields. */
  onError?: (error: unknown, arg: A) => void;
}

/** A change a page makes; `key` names the resource it changes. */
export function useAction<A = void, T = unknown>(key: DataKey, perform: (arg: A) => Promise<T>, options: ActionOptions<A, T> = {}): Action<A, T> {
  const { trigger, data, isMutating, error, reset } = useSWRMutation<T, unknown, DataKey, A>(key, (_key, { arg }) => perform(arg), {
    throwOnError: false,
    populateCache: options.populate ?? false,
    revalidate: !options.populate,
  });
  const { mutate } = useSWRConfig();
  // With throwOnError false a failed run answers undefined; SWR's overloads cannot tell `A` apart here.
  const run = trigger as TriggerWithArgs<T | undefined, unknown, DataKey, A>;
  return {
    run: (arg) =>
      run(arg, {
        onSuccess: (result) => {
          const { stale } = options;
          if (stale) void mutate((cached) => Array.isArray(cached) && stale.includes(cached[0]));
          options.onSuccess?.(result as T, arg);
        },
        onError: (caught) => options.onError?.(caught, arg),
      }),
    busy: isMutating,
    result: data,
    failure: error && !isMutating ? messageOf(error, options.fallback) : undefined,
    error,
    reset,
  };
}

export interface PagedResource<T> extends Resource<Page<T>> {
  /**
   * The page shown (1-based): back to 1 whenever the key changes (another filter), and back to the
   * last page there is when the list has shrunk below the one shown (e.g. its items were reviewed).
   */
  page: number;
  setPage: (page: number) => void;
}

/** A list that can grow, read a page at a time (`load(page)`); each page is its own resource. */
export function usePagedResource<T>(key: DataKey | null, load: (page: number) => Promise<Page<T>>): PagedResource<T> {
  const [chosen, setChosen] = useState({ key: '', page: 1 });
  const keyText = JSON.stringify(key);
  const page = chosen.key === keyText ? chosen.page : 1;
  const resource = useResource(key && ([...key, page] as const), () => load(page), { keepPrevious: true });
  const lastPage = resource.data && Math.max(1, Math.ceil(resource.data.total / resource.data.size));
  useEffect(() => {
    if (lastPage !== undefined && page > lastPage) setChosen({ key: keyText, page: lastPage });
  }, [keyText, page, lastPage]);
  return { ...resource, page, setPage: (next) => setChosen({ key: keyText, page: next }) };
}
