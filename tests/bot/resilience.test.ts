import { beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import path from "node:path";
import type { KnowledgeBase } from "../../src/core/index/knowledge-base.js";
import { EventQa } from "../../src/core/event-qa.js";
import { ROOT, SEED_CORPUS, buildTemp, tempDir } from "../helpers.js";
import { privateMessage, startHarness, textsTo } from "../support/bot-harness.js";

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = (await buildTemp(SEED_CORPUS)).kb;
});

/** A core that fails on one question, as a bug would. */
class FailingQa extends EventQa {
  override ask(question: string) {
    if (question.includes("explode")) return Promise.reject(new Error("internal detail that users must not see"));
    return super.ask(question);
  }
}

describe("error boundary", () => {
  it("apologises for one failing update without details, and keeps answering", async () => {
    const h = await startHarness(kb, { deps: { qa: new FailingQa(kb) } });
    try {
      h.emulator.push(privateMessage(5, "please explode"));
      h.emulator.push(privateMessage(5, "Who is Petrov?"));
      await h.emulator.waitFor(() => textsTo(h, 5).length >= 2);
      const [apology, answer] = textsTo(h, 5);
      expect(apology).toBe("Sorry, something went wrong while answering. Please try again.");
      expect(answer).toMatch(/^Kirill Petrov is introduced/);
    } finally {
      await h.stop();
    }
  });
});

describe("npm start without a token", () => {
  it("explains how to get a token and opens a console chat that answers offline", async () => {
    const index = path.join(await tempDir(), "index");
    const r = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      input: "/speakers\n#8\nWho is Grachev?\nWhat was the voter turnout?\n/quit\n",
      env: { ...process.env, BOT_TOKEN: "", INDEX_DIR: index, DATA_DIR: path.dirname(index), LOG_LEVEL: "" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/No BOT_TOKEN is set/);
    expect(r.stderr).toMatch(/@BotFather/);
    expect(r.stdout).toContain("8 people spoke.");
    expect(r.stdout).toContain("#8 Kirill Petrov");
    expect(r.stdout).toMatch(/Kirill Petrov — Head of the analytical department/);
    expect(r.stdout).toMatch(/Vladimir Grachev is introduced as veteran of diplomatic service/);
    expect(r.stdout).toMatch(/Not in the article\nThe article does not cover that/);
    expect(r.stdout).not.toMatch(/<\/?(b|i|blockquote)>/);
  });
});
