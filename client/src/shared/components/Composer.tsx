import { useEffect, useRef, useState } from 'preact/hooks';

const MAX = 4000;
const TYPING_IDLE_MS = 2_500;

interface Props {
  disabled?: boolean;
  onSend: (text: string) => void;
  onTyping: (typing: boolean) => void;
  label?: string;
  /** Text to add to the box (a saved opener); a new `n` adds it again. Focus goes to the box after it. */
  insert?: { text: string; n: number };
}

/** The message box: Enter sends, Shift+Enter is a new line; tells the other side while typing. */
export function Composer({ disabled, onSend, onTyping, label = 'Your message', insert }: Props) {
  const [text, setText] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  const typing = useRef(false);
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const stopTyping = () => {
    clearTimeout(idle.current);
    if (typing.current) {
      typing.current = false;
      onTyping(false);
    }
  };
  const submit = () => {
    const trimmed = text.trim();
    if (!trimmed || disabled || trimmed.length > MAX) return;
    onSend(trimmed);
    setText('');
    stopTyping();
  };
  const onInput = (value: string) => {
    setText(value);
    if (!typing.current && value.trim()) {
      typing.current = true;
      onTyping(true);
    }
    clearTimeout(idle.current);
    idle.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  };
  useEffect(() => {
    if (!insert || disabled) return;
    const next = text.trim() ? `${text.trimEnd()} ${insert.text}` : insert.text;
    onInput(next);
    box.current?.focus();
    box.current?.setSelectionRange(next.length, next.length);
  }, [insert?.n]);
  const over = text.length > MAX;
  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label for="composer-text" class="sr-only">
        {label}
      </label>
      <textarea
        ref={box}
        id="composer-text"
        rows={2}
        value={text}
        disabled={disabled}
        placeholder={disabled ? 'This chat has ended' : 'Type a message'}
        aria-describedby="composer-hint"
        aria-invalid={over}
        onInput={(e) => onInput((e.target as HTMLTextAreaElement).value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <button type="submit" disabled={disabled || !text.trim() || over}>
        Send
      </button>
      <p id="composer-hint" class={over ? 'hint error-text' : 'hint'}>
        {over ? `Too long: ${text.length} of ${MAX} characters.` : 'Enter to send, Shift+Enter for a new line.'}
      </p>
    </form>
  );
}
