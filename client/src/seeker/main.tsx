import { hydrate, render } from 'preact';
import '../shared/styles.css';
import { App } from './App.js';

const root = document.getElementById('app')!;
// The server sends the landing already rendered (SPEC P7): take it over where it stands, so a topic
// chosen or a page scrolled before this script ran stays as it was.
if (root.firstElementChild) hydrate(<App />, root);
else render(<App />, root);
// From here "Talk to someone now" works: for the P7 benchmark and the browser tests.
root.setAttribute('data-ready', '');
performance.mark('peerline-ready');
