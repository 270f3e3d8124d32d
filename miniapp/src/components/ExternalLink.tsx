import Taro from '@tarojs/taro';
import { LinkText } from './LinkText';

/** h5 opens an address on another site in a new tab; the mini program cannot open other sites, so it copies the address. */
export function openExternal(url: string): void {
  if (process.env.TARO_ENV === 'h5') {
    window.open(url, '_blank', 'noopener');
    return;
  }
  Taro.setClipboardData({ data: url }).catch(() => undefined);
}

/** An address on another site (an evidence link), shown in full. */
export function ExternalLink({ url }: { url: string }) {
  return <LinkText onClick={() => openExternal(url)}>{url}</LinkText>;
}
