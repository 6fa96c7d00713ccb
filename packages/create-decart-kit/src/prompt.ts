import { createInterface } from "node:readline/promises";
import type { Readable, Writable } from "node:stream";

export interface Choice<T extends string> {
  value: T;
  label: string;
}

/** Questions on a terminal: numbered choices, a default on Enter. */
export interface Prompter {
  text(question: string, fallback: string): Promise<string>;
  choose<T extends string>(question: string, choices: Choice<T>[], fallback: T): Promise<T>;
  confirm(question: string): Promise<boolean>;
  close(): void;
}

export function createPrompter(input: Readable, output: Writable): Prompter {
  const lines = createInterface({ input, output });
  return {
    async text(question, fallback) {
      const answer = (await lines.question(`${question} (${fallback}): `)).trim();
      return answer || fallback;
    },
    async choose(question, choices, fallback) {
      const list = choices.map((choice, index) => `  ${index + 1}. ${choice.label}`).join("\n");
      const fallbackNumber = choices.findIndex((choice) => choice.value === fallback) + 1;
      for (;;) {
        const answer = (await lines.question(`${question}\n${list}\nNumber (${fallbackNumber}): `)).trim();
        if (!answer) return fallback;
        const picked = choices[Number(answer) - 1] ?? choices.find((choice) => choice.value === answer);
        if (picked) return picked.value;
        output.write(`  "${answer}" is not one of the choices.\n`);
      }
    },
    async confirm(question) {
      return /^y(es)?$/i.test((await lines.question(`${question} (y/N): `)).trim());
    },
    close: () => lines.close(),
  };
}
