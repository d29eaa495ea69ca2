import { useEffect, useRef, useState } from 'preact/hooks';
import { readCatalog } from '../shared/catalog.js';
import { ConnectionBanner } from '../shared/components/ConnectionBanner.js';
import { TopBar } from '../shared/components/TopBar.js';
import { useScreenFocus } from '../shared/focus.js';
import { useConnection } from '../shared/hooks.js';
import { ChatScreen } from './ChatScreen.js';
import { CRISIS_PANEL_ID, CRISIS_TOGGLE_ID, CrisisPanel } from './CrisisPanel.js';
import { Ended } from './Ended.js';
import { Interrupted } from './Interrupted.js';
import { Landing } from './Landing.js';
import { Queue } from './Queue.js';
import { quickExit, shiftTripleDetector } from './quick-exit.js';
import { clearIdentity } from './storage.js';
import { useSeeker } from './use-seeker.js';

const catalog = readCatalog();

/** What the connection banner says is kept while the connection is lost, on each screen. */
const KEPT: Partial<Record<string, string>> = { starting: 'Please wait a moment.', queue: 'You keep your place in line.', ended: 'Please wait a moment.' };

export function App() {
  const s = useSeeker();
  const connection = useConnection(s.socket);
  const exiting = useRef(false);
  // The crisis lines the person asked for (the header button); the server's own come in s.resources.
  const [asked, setAsked] = useState(false);
  // UX4: each new screen (landing, line, chat, end) takes focus to its heading; "starting" is still the landing.
  useScreenFocus(s.screen.name === 'starting' ? 'landing' : s.screen.name);

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
  const crisisLines = s.resources ?? (asked ? catalog.resources : null);
  const closeCrisis = () => {
    s.dismissResources();
    setAsked(false);
  };
  // The chat fills the screen exactly (no page scroll), so crisis lines at the top and the message
  // box at the bottom are both in view on a phone (UX1).
  return (
    <div class={screen.name === 'chat' ? 'seeker fit' : 'seeker'}>
      {/* One row on a 360 px phone: a sticky header must not eat the screen. */}
      <TopBar>
        <span class="spacer" />
        <button
          type="button"
          id={CRISIS_TOGGLE_ID}
          class="secondary crisis-toggle"
          aria-expanded={crisisLines ? 'true' : 'false'}
          {...(crisisLines ? { 'aria-controls': CRISIS_PANEL_ID } : {})}
          onClick={() => (crisisLines ? closeCrisis() : setAsked(true))}
        >
          Crisis help
        </button>
        <button type="button" class="quick-exit" onClick={exit} aria-describedby="exit-hint">
          Quick exit
        </button>
        <span id="exit-hint" class="sr-only">
          Leaves this page at once and ends the chat. You can also press Shift three times.
        </span>
      </TopBar>
      {crisisLines ? <CrisisPanel resources={crisisLines} alert={!!s.resources} onClose={closeCrisis} /> : null}
      {/* The landing has no connection yet; while starting, only a refusal or a drop is news ("Connecting…" is on the button). */}
      {screen.name === 'landing' || screen.name === 'lost' || (screen.name === 'starting' && connection.status === 'connecting') ? null : (
        <ConnectionBanner state={connection} {...(KEPT[screen.name] ? { kept: KEPT[screen.name] } : {})} />
      )}
      {screen.name === 'landing' || screen.name === 'starting' ? (
        <Landing topics={catalog.topics} resources={catalog.resources} crisisLinesShown={!!crisisLines} notice={screen.name === 'landing' ? screen.notice : undefined} busy={screen.name === 'starting'} onStart={s.start} />
      ) : screen.name === 'queue' ? (
        <Queue
          status={screen}
          handover={s.handover}
          onHandover={s.answerHandover}
          alias={s.alias}
          resources={catalog.resources}
          crisisLinesShown={!!crisisLines}
          onCancel={() => s.act('chat:cancel')}
        />
      ) : screen.name === 'chat' ? (
        <ChatScreen
          chat={s.chat}
          specialist={screen.specialist}
          handover={s.handover}
          onHandover={s.answerHandover}
          alias={s.alias}
          online={connection.status === 'online'}
          onSend={s.send}
          onTyping={(t) => void s.typing(t)}
          onSwitch={s.switchSpecialist}
          onEnd={() => s.act('chat:end')}
          onReport={s.report}
        />
      ) : screen.name === 'lost' ? (
        <Interrupted chat={s.chat} specialist={screen.specialist} resources={catalog.resources} crisisLinesShown={!!crisisLines} onStart={s.startAgain} />
      ) : (
        <Ended endedBy={screen.endedBy} rated={screen.rated} onRate={s.rate} onNew={s.newChat} resources={catalog.resources} crisisLinesShown={!!crisisLines} />
      )}
      {screen.name === 'chat' ? null : (
        <footer class="footer muted small">
          <p>Peerline is peer support, not emergency care. Press Shift three times to leave this page instantly.</p>
        </footer>
      )}
    </div>
  );
}
