import { type FormEvent, type KeyboardEvent, useState } from "react";

/** A few looks to try with one tap. */
export const PROMPT_PRESETS = [
  { label: "Anime", text: "Anime style, bold outlines, vibrant flat colors" },
  { label: "Oil painting", text: "Impressionist oil painting, thick brush strokes, warm light" },
  { label: "Cyberpunk", text: "Cyberpunk city at night, neon reflections, rain" },
  { label: "Claymation", text: "Claymation character, soft studio lighting" },
] as const;

export interface PromptBoxProps {
  /** The prompt the session is styled with now. */
  applied: string;
  onApply(text: string): void;
}

/** Type a style and press Enter (or tap a preset): the running session restyles without reconnecting. */
export function PromptBox({ applied, onApply }: PromptBoxProps) {
  const [draft, setDraft] = useState(applied);
  const apply = (text: string) => {
    const trimmed = text.trim();
    if (trimmed) onApply(trimmed);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply(draft);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      apply(draft);
    }
  };
  return (
    <form className="prompt" onSubmit={submit}>
      <label className="field-label" htmlFor="prompt-input">
        Style prompt
      </label>
      <div className="prompt-row">
        <textarea
          id="prompt-input"
          className="input prompt-input"
          rows={2}
          value={draft}
          maxLength={500}
          placeholder="Describe a look, e.g. watercolor portrait"
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="button" disabled={!draft.trim() || draft.trim() === applied}>
          Restyle
        </button>
      </div>
      <div className="chips">
        {PROMPT_PRESETS.map((preset) => (
          <button
            key={preset.label}
            type="button"
            className="chip"
            aria-pressed={applied === preset.text}
            onClick={() => {
              setDraft(preset.text);
              onApply(preset.text);
            }}
          >
            {preset.label}
          </button>
        ))}
      </div>
    </form>
  );
}
