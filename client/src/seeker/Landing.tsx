import type { Resource, Topic } from '../../../src/protocol/http.js';
import { Banner } from '../shared/components/Banner.js';
import { LinesNow } from '../shared/components/Resources.js';

interface Props {
  topics: Topic[];
  resources: Resource[];
  /** The crisis panel is open at the top already: do not show the same lines twice. */
  crisisLinesShown: boolean;
  notice?: string;
  busy: boolean;
  onStart: (topic?: string) => void;
}

/**
 * One button and the crisis lines, both on the first screen of a phone (UX1); then who they will
 * talk to, what happens and what is kept. No network call until the button is pressed. The server
 * sends this same markup in the page (src/transport/http/landing-markup.ts), readable on a slow
 * phone before any script has run; the client then hydrates it, so a topic chosen before that is
 * read from the form, not from state.
 */
export function Landing({ topics, resources, crisisLinesShown, notice, busy, onStart }: Props) {
  return (
    <main id="main" class="narrow">
      <h1>Talk to someone who has been there</h1>
      {notice ? <Banner tone="warning">{notice}</Banner> : null}
      {/* method="dialog" outside a dialog submits nowhere: a tap before the script runs does not reload the page. */}
      <form
        class="stack start"
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (busy) return;
          const chosen = e.currentTarget.elements.namedItem('topic');
          onStart((chosen instanceof HTMLSelectElement && chosen.value) || undefined);
        }}
      >
        {topics.length ? (
          <>
            <label for="topic">What would you like to talk about? (optional)</label>
            <select id="topic">
              <option value="">Anything, or I'm not sure</option>
              {topics.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label}
                </option>
              ))}
            </select>
          </>
        ) : null}
        {/* aria-disabled, not disabled, while connecting: a disabled button would drop focus to the page (UX4). */}
        <button type="submit" class="primary big" aria-disabled={busy ? 'true' : undefined}>
          {busy ? 'Connecting…' : 'Talk to someone now'}
        </button>
      </form>
      {crisisLinesShown ? null : (
        <LinesNow id="lines-here" heading="If you need help right now" resources={resources} />
      )}
      <p class="lead">
        Peerline connects you, in a minute or two, with a <strong>Certified Peer Specialist</strong>: a trained person with their own lived experience of
        mental-health recovery. They are not a doctor and will not judge you.
      </p>
      <section aria-labelledby="how">
        <h2 id="how">What happens</h2>
        <ol>
          <li>You get a random name, like “Quiet Heron”. No account, no email, no phone number.</li>
          <li>You wait in line for the next free peer specialist; we show your place.</li>
          <li>You chat. You can end it, ask for someone else, or leave instantly at any time.</li>
        </ol>
        <h2>What is kept, and what is not</h2>
        <ul>
          <li>Nothing that identifies you: no name, no address, no cookie.</li>
          <li>Your messages are deleted within minutes of the chat ending. Only a message someone reports is kept, for up to 30 days, for safety review.</li>
          <li>We keep counts (how long you waited, how long the chat was, your rating) to run the service.</li>
          <li>Contact details such as phone numbers and emails are removed from messages, both ways.</li>
        </ul>
      </section>
    </main>
  );
}
