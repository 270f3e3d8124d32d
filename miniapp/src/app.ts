import { createElement, type PropsWithChildren } from 'react';
import { DataProvider } from './api/cache';
import { fitRootFontSize } from './h5/rootFontSize';
import './app.scss';

if (process.env.TARO_ENV === 'h5') fitRootFontSize();

/** The app shell; `children` is the current page, which reads its data through the one cache. */
function App({ children }: PropsWithChildren) {
  return createElement(DataProvider, null, children);
}

export default App;
