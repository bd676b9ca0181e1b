/** The console's entry: takes a token handed over in the URL fragment, then draws the app. */
import { render } from 'preact';
import { App } from './app.tsx';
import { signIn, takeTokenFromFragment } from './lib/session.ts';
import './styles/base.css';
import './styles/forms.css';
import './styles/case.css';
import './styles/charts.css';
import './styles/lists.css';

const handedOver = takeTokenFromFragment();
if (handedOver && !signIn(handedOver)) {
  // Not a usable token: the sign-in page says so.
  window.sessionStorage.setItem('zerotrip.refusedToken', '1');
}

render(<App />, document.getElementById('app')!);
