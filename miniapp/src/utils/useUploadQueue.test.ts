import { act, renderHook } from '@testing-library/react';
import { ErrorCode } from '@safemonth/shared';
import { ApiError } from '../api/client';
import { flush } from '../../test/helpers';
import { useUploadQueue, type Upload } from './useUploadQueue';

/** Uploads that end when the test says so, each reporting its progress through `progress`. */
function controlledUploads() {
  const running = new Map<string, { resolve: () => void; reject: (error: unknown) => void; progress: (percent: number) => void }>();
  const started: string[] = [];
  const upload: Upload = (key, onProgress) =>
    new Promise((resolve, reject) => {
      started.push(key);
      running.set(key, { resolve: () => resolve(undefined), reject, progress: onProgress });
    });
  const end = async (key: string, error?: unknown) => {
    await act(async () => {
      const entry = running.get(key);
      running.delete(key);
      if (error) entry?.reject(error);
      else entry?.resolve();
      await flush();
    });
  };
  return { upload, started, running, end };
}

describe('upload queue', () => {
  it('uploads at most three files at once, the others waiting their turn', async () => {
    const uploads = controlledUploads();
    const { result } = renderHook(() => useUploadQueue(uploads.upload));

    act(() => result.current.enqueue(['a', 'b', 'c', 'd', 'e']));
    expect(uploads.started).toEqual(['a', 'b', 'c']);
    expect(result.current.states.a).toEqual({ state: 'uploading' });
    expect(result.current.states.d).toEqual({ state: 'queued' });

    await uploads.end('b');
    expect(uploads.started).toEqual(['a', 'b', 'c', 'd']);
    expect(result.current.states.b).toBeUndefined();
    expect(result.current.states.d).toEqual({ state: 'uploading' });
    expect(result.current.states.e).toEqual({ state: 'queued' });
  });

  it('shows the progress the platform reports', async () => {
    const uploads = controlledUploads();
    const { result } = renderHook(() => useUploadQueue(uploads.upload));
    act(() => result.current.enqueue(['a']));

    act(() => uploads.running.get('a')?.progress(40));
    expect(result.current.states.a).toEqual({ state: 'uploading', progress: 40 });
  });

  it("keeps a failed file with the server's message until it is retried", async () => {
    const uploads = controlledUploads();
    const { result } = renderHook(() => useUploadQueue(uploads.upload));
    act(() => result.current.enqueue(['a']));

    await uploads.end('a', new ApiError(400, ErrorCode.ValidationFailed, '不支持的文件类型'));
    expect(result.current.states.a).toEqual({ state: 'failed', error: '不支持的文件类型' });

    act(() => result.current.enqueue(['a']));
    expect(uploads.started).toEqual(['a', 'a']);
    await uploads.end('a');
    expect(result.current.states).toEqual({});
  });

  it('lets a file be forgotten while it waits or uploads: it leaves no state and frees its place', async () => {
    const uploads = controlledUploads();
    const { result } = renderHook(() => useUploadQueue(uploads.upload, 1));
    act(() => result.current.enqueue(['a', 'b', 'c']));

    act(() => {
      result.current.forget('a');
      result.current.forget('b');
    });
    expect(result.current.states).toEqual({ c: { state: 'queued' } });

    await uploads.end('a', new Error('network'));
    expect(uploads.started).toEqual(['a', 'c']);
    expect(result.current.states).toEqual({ c: { state: 'uploading' } });
  });

  it('marks a file failed without uploading it, and forgets everything at once', () => {
    const uploads = controlledUploads();
    const { result } = renderHook(() => useUploadQueue(uploads.upload, 1));
    act(() => {
      result.current.fail('a', '文件已不可用，请移除后重新选择');
      result.current.enqueue(['b', 'c']);
    });
    expect(result.current.states.a).toEqual({ state: 'failed', error: '文件已不可用，请移除后重新选择' });

    act(() => result.current.clear());
    expect(result.current.states).toEqual({});
    expect(uploads.started).toEqual(['b']);
  });
});
