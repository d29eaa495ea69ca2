import { useState } from 'preact/hooks';
import type { Topic } from '../../../src/protocol/http.js';
import { Banner } from '../shared/components/Banner.js';

/** What happens, who they will talk to, what is kept: then one button. No network call until it is pressed. */
export function Landing({ topics, notice, busy, onStart }: { topics: Topic[]; notice?: string; busy: boolean; onStart: (topic?: string) => void }) {
  const [topic, setTopic] = useState('');
  return (
    <main id="main" class="narrow">
      <h1>Talk to someone who has been there</h1>
      <p class="lead">
        Peerline connects you, in a minute or two, with a <strong>Certified Peer Specialist</strong>: a trained person with their own lived experience of
        mental-health recovery. They are not a doctor and will not judge you.
      </p>
      {notice ? <Banner tone="warning">{notice}</Banner> : null}
      <form
        class="stack start"
        onSubmit={(e) => {
          e.preventDefault();
          onStart(topic || undefined);
        }}
      >
        {topics.length ? (
          <>
            <label for="topic">What would you like to talk about? (optional)</label>
            <select id="topic" value={topic} onChange={(e) => setTopic((e.target as HTMLSelectElement).value)}>
              <option value="">Anything, or I'm not sure</option>
              {topics.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label}
                </option>
              ))}
            </select>
          </>
        ) : null}
        <button type="submit" class="primary big" disabled={busy}>
          {busy ? 'Connecting…' : 'Talk to someone now'}
        </button>
      </form>
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
