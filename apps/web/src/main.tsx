import { render } from 'preact';
import { App } from './App';

const root = document.getElementById('app')!;
// The static "loading" line is replaced, not kept beside the app.
root.textContent = '';
render(<App />, root);
