import { connectionText, type ConnectionState } from '../connection.js';
import { Banner } from './Banner.js';

export function ConnectionBanner({ state }: { state: ConnectionState }) {
  const text = connectionText(state);
  if (!text) return null;
  return <Banner tone={state.status === 'refused' ? 'error' : 'warning'}>{text}</Banner>;
}
