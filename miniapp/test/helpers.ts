// Helpers for the unit tests (not shipped: the build only follows imports from src/app.ts).
import type { ReactElement } from 'react';
import Taro from '@tarojs/taro';
import { fireEvent, act, screen, render as renderUi, type RenderOptions } from '@testing-library/react';
import { DataProvider } from '../src/api/cache';

/** Renders a page or component as the app does: under the data layer, with a cache of its own. */
export function render(ui: ReactElement, options?: Omit<RenderOptions, 'wrapper'>) {
  return renderUi(ui, { wrapper: DataProvider, ...options });
}

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
  await typeIntoInput(input, value);
}

/** All Taro inputs with this placeholder inside `container`, in document order. */
export function inputsWithPlaceholder(container: Element, placeholder: string): Element[] {
  return Array.from(container.querySelectorAll(`taro-input-core[placeholder="${placeholder}"]`));
}

/** Types into a Taro textarea (`<Textarea>`, whose input event carries `detail.value`). */
export async function typeIntoTextarea(container: Element, placeholder: string, value: string): Promise<void> {
  const textarea = container.querySelector(`taro-textarea-core[placeholder="${placeholder}"]`);
  if (!textarea) throw new Error(`no textarea with placeholder ${placeholder}`);
  await act(async () => {
    Object.defineProperty(textarea, 'value', { value, writable: true, configurable: true });
    fireEvent(textarea, new CustomEvent('input', { detail: { value } }));
  });
}

/**
 * Sets a native `<input>` found by its aria-label, or an h5 DateInput (a group of 年/月/日 or 时/分
 * selects) to a `YYYY-MM-DD` or `HH:mm` value, part by part as a person chooses them.
 */
export async function setNativeInput(container: Element, label: string, value: string, index = 0): Promise<void> {
  const element = container.querySelectorAll(`input[aria-label="${label}"], [role="group"][aria-label="${label}"]`)[index];
  if (!element) throw new Error(`no input labelled ${label}`);
  if (element.tagName === 'INPUT') {
    await act(async () => {
      fireEvent.change(element, { target: { value } });
    });
    return;
  }
  const parts = value.split(/[-:]/).map((part) => String(Number(part)));
  const selects = element.querySelectorAll('select');
  for (const [i, part] of parts.entries()) {
    await act(async () => {
      fireEvent.change(selects[i], { target: { value: part } });
    });
  }
}

/** Types into one Taro input element (as NutUI's Input reads it). */
export async function typeIntoInput(input: Element, value: string): Promise<void> {
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

/**
 * Makes the window `width` pixels wide as far as `matchMedia` tells (jsdom has none: pages render
 * as on a phone); answers how to put it back.
 */
export function setWindowWidth(width: number): () => void {
  const matchMedia = (media: string) => {
    const min = /\(min-width:\s*(\d+)px\)/.exec(media);
    return { media, matches: min ? width >= Number(min[1]) : false, addEventListener: () => undefined, removeEventListener: () => undefined };
  };
  Object.defineProperty(window, 'matchMedia', { value: matchMedia, configurable: true, writable: true });
  return () => {
    delete (window as { matchMedia?: unknown }).matchMedia;
  };
}
