// Helpers for the unit tests (not shipped: the build only follows imports from src/app.ts).
import Taro from '@tarojs/taro';
import { fireEvent, act, screen } from '@testing-library/react';

export interface FakeResponse {
  statusCode: number;
  data?: unknown;
}

export interface RequestCall {
  url: string;
  method?: string;
  data?: unknown;
  header?: Record<string, string>;
}

/** Replaces Taro.request with `handler`; returns the list of calls made. */
export function mockRequest(handler: (call: RequestCall) => FakeResponse | Promise<FakeResponse>): RequestCall[] {
  const calls: RequestCall[] = [];
  jest.spyOn(Taro, 'request').mockImplementation(((options: RequestCall) => {
    calls.push(options);
    return Promise.resolve(handler(options));
  }) as unknown as typeof Taro.request);
  return calls;
}

export function apiError(statusCode: number, code: string, message: string, details?: unknown[]): FakeResponse {
  return { statusCode, data: { error: { code, message, ...(details ? { details } : {}) } } };
}

/** Types into the Taro input with this placeholder (as NutUI's Input reads it). */
export async function typeInto(container: HTMLElement, placeholder: string, value: string): Promise<void> {
  const input = container.querySelector(`taro-input-core[placeholder="${placeholder}"]`);
  if (!input) throw new Error(`no input with placeholder ${placeholder}`);
  await act(async () => {
    // NutUI's Input reads `currentTarget.value`. An own property keeps Stencil's setter (which
    // needs the real inner <input>, absent in jsdom) out of the way.
    Object.defineProperty(input, 'value', { value, writable: true, configurable: true });
    fireEvent(input, new CustomEvent('input', { detail: { value } }));
  });
}

/** Clicks the element showing exactly `text` and lets the resulting calls settle. */
export async function click(text: string): Promise<void> {
  const target = screen.getByText(text);
  await act(async () => {
    fireEvent.click(target);
    await flush();
  });
}

/** Lets pending promise callbacks run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
