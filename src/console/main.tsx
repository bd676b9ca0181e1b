/** The console's entry: learns how the service signs people in (and who is signed in), then draws the app. */
import { render } from 'preact';
import { App } from './app.tsx';
import { startSession } from './lib/session.ts';
import './styles/base.css';
import './styles/forms.css';
import './styles/case.css';
import './styles/charts.css';
import './styles/lists.css';
import './styles/stages.css';
import './styles/phone.css';
import './styles/everyday.css';
import './styles/reviews.css';

void startSession().then(() => render(<App />, document.getElementById('app')!));
