import { render } from 'preact';
import '../shared/styles.css';
import { App } from './App.js';

render(<App />, document.getElementById('app')!);
