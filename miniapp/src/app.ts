import type { PropsWithChildren } from 'react';
import { fitRootFontSize } from './h5/rootFontSize';
import './app.scss';

if (process.env.TARO_ENV === 'h5') fitRootFontSize();

/** The app shell; `children` is the current page. */
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
