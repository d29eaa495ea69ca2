import { useEffect, useRef } from 'preact/hooks';
import { readCatalog } from '../shared/catalog.js';
import { ConnectionBanner } from '../shared/components/ConnectionBanner.js';
import { CrisisHelp, ResourceList } from '../shared/components/Resources.js';
import { TopBar } from '../shared/components/TopBar.js';
import { useConnection } from '../shared/hooks.js';
import { ChatScreen } from './ChatScreen.js';
import { Ended } from './Ended.js';
import { Landing } from './Landing.js';
import { Queue } from './Queue.js';
import { quickExit, shiftTripleDetector } from './quick-exit.js';
import { clearIdentity } from './storage.js';
import { useSeeker } from './use-seeker.js';

const catalog = readCatalog();

export function App() {
  const s = useSeeker();
  const connection = useConnection(s.socket);
  const exiting = useRef(false);

  const exit = () => {
    if (exiting.current) return;
    exiting.current = true;
    void quickExit({
      blank: () => {
        document.title = 'New Tab';
        document.body.replaceChildren();
        s.gone();
      },
      leaveChat: s.leave,
      clearStorage: () => clearIdentity(),
      navigate: (url) => location.replace(url),
    });
  };

  useEffect(() => {
    const detect = shiftTripleDetector();
    const onKey = (e: KeyboardEvent) => {
      if (detect(e.key, performance.now(), e.repeat)) exit();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  });

  const { screen } = s;
  if (screen.name === 'gone') return null;
  return (
    <>
      <TopBar>
        {s.alias ? <span class="muted">You are “{s.alias}”</span> : null}
        <span class="spacer" />
        <CrisisHelp resources={catalog.resources} />
        <button type="button" class="quick-exit" onClick={exit} aria-describedby="exit-hint">
          Quick exit
        </button>
        <span id="exit-hint" class="sr-only">
          Leaves this page at once and ends the chat. You can also press Shift three times.
        </span>
      </TopBar>
      {s.resources ? (
        <section class="urgent-resources" aria-labelledby="help-now" role="alert">
          <h2 id="help-now">You do not have to go through this alone. Help is available right now:</h2>
          <ResourceList resources={s.resources} />
          <button type="button" class="secondary" onClick={s.dismissResources}>
            Close
          </button>
        </section>
      ) : null}
      {screen.name === 'landing' || screen.name === 'starting' ? null : <ConnectionBanner state={connection} />}
      {screen.name === 'landing' || screen.name === 'starting' ? (
        <Landing topics={catalog.topics} notice={screen.name === 'landing' ? screen.notice : undefined} busy={screen.name === 'starting'} onStart={s.start} />
      ) : screen.name === 'queue' ? (
        <Queue position={screen.position} etaSeconds={screen.etaSeconds} notice={screen.notice} onCancel={() => s.act('chat:cancel')} />
      ) : screen.name === 'chat' ? (
        <ChatScreen
          chat={s.chat}
          specialist={screen.specialist}
          online={connection.status === 'online'}
          onSend={s.send}
          onTyping={(t) => void s.typing(t)}
          onSwitch={() => s.act('chat:switch')}
          onEnd={() => s.act('chat:end')}
          onReport={s.report}
        />
      ) : (
        <Ended endedBy={screen.endedBy} rated={screen.rated} onRate={s.rate} onNew={s.newChat} />
      )}
      <footer class="footer muted small">
        <p>Peerline is peer support, not emergency care. Press Shift three times to leave this page instantly.</p>
      </footer>
    </>
  );
}
