import type { PropsWithChildren } from 'react';
import './app.scss';

/** The app shell; `children` is the current page. */
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
