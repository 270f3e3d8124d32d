import { useEffect } from 'react';
import Taro from '@tarojs/taro';

/**
 * h5: Taro's runtime keeps whatever is copied on a page in local storage (`taro_clipboard`, for its
 * getClipboardData). While a page showing or taking a receipt code is open, copy events stop
 * before they reach that listener, so the code never lands in storage (copying itself still works).
 */
export function useCopiesKeptOutOfStorage(): void {
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return undefined;
    const stop = (event: Event) => event.stopPropagation();
    window.addEventListener('copy', stop, true);
    return () => window.removeEventListener('copy', stop, true);
  }, []);
}

/** Browsers without the Clipboard API (or outside a secure context): a hidden text area, selected and copied. */
function copyBySelection(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.readOnly = true;
  area.style.position = 'fixed';
  area.style.left = '-10000px';
  document.body.appendChild(area);
  try {
    area.select();
    area.setSelectionRange(0, text.length);
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

/**
 * Puts `text` on the clipboard; true when it worked. Not Taro's h5 setClipboardData, which also
 * writes the text to local storage.
 */
export async function copyText(text: string): Promise<boolean> {
  if (process.env.TARO_ENV !== 'h5') {
    return Taro.setClipboardData({ data: text }).then(
      () => true,
      () => false,
    );
  }
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return copyBySelection(text);
  }
}
