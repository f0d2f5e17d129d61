import { beforeAll, describe, expect, it } from "vitest";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { EventQa } from "../../src/core/event-qa.js";
import { validateCitations } from "../../src/core/answer/citations.js";
import { buildTemp, tempDir } from "../helpers.js";

// A made-up report: one speaker's claim is split over two sentences of one quotation.
const ARTICLE = `Harbour council debates flood defences

June 3, 2024

The harbour council met on Monday to discuss flood defences for the old town.

Mayor Helen Varga opened the meeting. "No district is entirely safe. And this includes our harbour warehouses," Varga said.

Engineer Tomas Brandt, head of the Coastal Works Office, said the new sea wall would be finished by 2026.

Source: example.org
`;

let qa: EventQa;
beforeAll(async () => {
  const dir = await tempDir("verify-");
  await writeFile(path.join(dir, "article.txt"), ARTICLE);
  qa = new EventQa((await buildTemp(dir)).kb);
});

describe("yes/no questions and /check read a quotation whole", () => {
  it("finds a claim whose words are spread over two sentences of one quotation, and whose it is", async () => {
    const wrong = await qa.ask("did brandt say the harbour warehouses are not safe?");
    expect(wrong.mode).toBe("answer");
    expect(wrong.answer).toMatch(/^No\. The article attributes this to Helen Varga, not to Tomas Brandt/);
    expect(wrong.answer).toContain("And this includes our harbour warehouses");
    expect(validateCitations(qa.kb, wrong)).toEqual([]);

    const right = await qa.check("Varga said the harbour warehouses are not safe");
    expect(right.verdict).toBe("supported");
  });
});
