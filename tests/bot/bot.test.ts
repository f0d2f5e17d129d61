import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { KnowledgeBase } from "../../src/core/index/knowledge-base.js";
import { SEED_CORPUS, buildTemp } from "../helpers.js";
import { telegramHtmlProblems } from "../support/telegram-html.js";
import { BOT_INFO, callback, groupMessage, privateMessage, privateNonText, startHarness, textsTo, type Harness } from "../support/bot-harness.js";

let kb: KnowledgeBase;
let h: Harness;
let chat = 1000;
const nextChat = () => ++chat;

beforeAll(async () => {
  kb = (await buildTemp(SEED_CORPUS)).kb;
  h = await startHarness(kb);
});
afterAll(() => h.stop());

afterEach(() => {
  // Every message the bot sent is valid Telegram HTML of at most 4096 characters.
  for (const c of h.emulator.sent()) {
    expect(telegramHtmlProblems(String(c.payload.text)), String(c.payload.text).slice(0, 80)).toEqual([]);
  }
});

async function ask(update: ReturnType<typeof privateMessage>, chatId: number, count = 1): Promise<string[]> {
  h.emulator.push(update);
  await h.emulator.waitFor(() => textsTo(h, chatId).length >= count);
  return textsTo(h, chatId);
}

describe("private chat", () => {
  it("answers a question with the answer, verbatim sources and a link to the article", async () => {
    const id = nextChat();
    const [msg] = await ask(privateMessage(id, "What did Petrov say about pluralism?"), id);
    expect(msg).toMatch(/^Kirill Petrov said: “There are more parties/);
    expect(msg).toContain("<b>Sources</b>");
    expect(msg).toContain("<blockquote>&quot;There are more parties.</blockquote>");
    expect(msg).toContain('<a href="https://kazembassy.ru/">');
    const call = h.emulator.sent().find((c) => c.payload.chat_id === id)!;
    expect(call.payload.parse_mode).toBe("HTML");
  });

  it("/start introduces the event with three example questions as buttons, and a button asks it", async () => {
    const id = nextChat();
    const [msg] = await ask(privateMessage(id, "/start"), id);
    expect(msg).toContain("Election Results");
    const call = h.emulator.sent().find((c) => c.payload.chat_id === id)!;
    const buttons = (call.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat();
    expect(buttons).toHaveLength(3);
    h.emulator.push(callback(id, buttons[0].callback_data));
    await h.emulator.waitFor(() => textsTo(h, id).length >= 2);
    expect(textsTo(h, id)[1]).toMatch(/^The speakers were Ermek Kosherbayev/);
  });

  it("/help lists the commands and explains groups", async () => {
    const id = nextChat();
    const [msg] = await ask(privateMessage(id, "/help"), id);
    for (const cmd of ["/ask", "/speakers", "/speaker", "/summary", "/source"]) expect(msg).toContain(cmd);
    expect(msg).toContain("In a group");
  });

  it("/ask answers, and /ask alone asks for a question", async () => {
    const id = nextChat();
    expect((await ask(privateMessage(id, "/ask Who is Grachev?"), id))[0]).toMatch(/^Vladimir Grachev is introduced as veteran/);
    expect((await ask(privateMessage(id, "/ask"), id, 2))[1]).toMatch(/^Please add a question/);
  });

  it("/speakers lists everyone with a button each, and a button shows that speaker's claims", async () => {
    const id = nextChat();
    const [msg] = await ask(privateMessage(id, "/speakers"), id);
    expect(msg).toContain("8 people spoke");
    expect(msg).toContain("Darya Chizhova</b> — Director of the Information");
    const call = h.emulator.sent().find((c) => c.payload.chat_id === id)!;
    const buttons = (call.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat();
    expect(buttons.map((b) => b.text)).toEqual(kb.speakers.map((s) => s.name));
    for (const b of buttons) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
    h.emulator.push(callback(id, buttons[6].callback_data));
    await h.emulator.waitFor(() => textsTo(h, id).length >= 2);
    expect(textsTo(h, id)[1]).toMatch(/^Darya Chizhova — Director/);
    expect(textsTo(h, id)[1]).toContain("<blockquote>All the participants were given a platform.</blockquote>");
  });

  it("answers old or unknown button data briefly, without an error", async () => {
    const id = nextChat();
    h.emulator.push(callback(id, "sp:3:000000"));
    h.emulator.push(callback(id, "garbage"));
    await h.emulator.waitFor((calls) => calls.filter((c) => c.method === "answerCallbackQuery" && /out of date/.test(String(c.payload.text))).length >= 2);
    expect(textsTo(h, id)).toEqual([]);
  });

  it("/speaker finds a misspelt surname", async () => {
    const id = nextChat();
    const [msg] = await ask(privateMessage(id, "/speaker perminva"), id);
    expect(msg).toMatch(/^Alexandra Perminova — researcher/);
    expect((await ask(privateMessage(id, "/speaker Nobody Atall"), id, 2))[1]).toMatch(/^No speaker matches “Nobody Atall”/);
  });

  it("/summary fits one message and cites every speaker", async () => {
    const id = nextChat();
    const messages = await ask(privateMessage(id, "/summary"), id);
    await new Promise((r) => setTimeout(r, 100));
    expect(textsTo(h, id)).toHaveLength(1);
    for (const sp of kb.speakers) expect(messages[0]).toContain(sp.name);
  });

  it("/source gives the title, date and link", async () => {
    const id = nextChat();
    const [msg] = await ask(privateMessage(id, "/source"), id);
    expect(msg).toContain("<i>March 19, 2023</i>");
    expect(msg).toContain('<a href="https://kazembassy.ru/">kazembassy.ru</a>');
  });

  it("refuses plainly, in a different style, when the article does not say", async () => {
    const id = nextChat();
    const [msg] = await ask(privateMessage(id, "What was the voter turnout?"), id);
    expect(msg).toMatch(/^<b>Not in the article<\/b>\n<i>The article does not cover that/);
  });
});

describe("bad input", () => {
  it("gets a short clear reply for emoji, HTML-looking text, unknown commands and non-text", async () => {
    const id = nextChat();
    const replies = [
      ["🙂🙂🙂", /does not look like a question/],
      ["<b>Who</b> spoke at the *round table*? <script>x</script>", /The speakers were/],
      ["/frobnicate", /I don't know the command \/frobnicate/],
    ] as const;
    for (const [i, [text, expected]] of replies.entries()) {
      const got = await ask(privateMessage(id, text), id, i + 1);
      expect(got[i]).toMatch(expected);
    }
    for (const [i, kind] of (["sticker", "photo", "voice"] as const).entries()) {
      h.emulator.push(privateNonText(id, kind));
      await h.emulator.waitFor(() => textsTo(h, id).length >= replies.length + i + 1);
      expect(textsTo(h, id).at(-1)).toBe("I can only read text. Please type your question about the event.");
    }
  });

  it("answers a 4096-character message in messages of at most 4096 characters", async () => {
    const id = nextChat();
    const long = `What did Tkachev say? ${"и <b>& ".repeat(700)}`.slice(0, 4096);
    const [msg] = await ask(privateMessage(id, long), id);
    expect(msg.length).toBeLessThanOrEqual(4096);
  });

  it("answers an edited question again", async () => {
    const id = nextChat();
    await ask(privateMessage(id, "Who is Petrov?"), id);
    const edited = privateMessage(id, "Who is Grachev?").message!;
    h.emulator.push({ edited_message: { ...edited, edit_date: edited.date } });
    await h.emulator.waitFor(() => textsTo(h, id).length >= 2);
    expect(textsTo(h, id)[1]).toMatch(/^Vladimir Grachev/);
  });
});

describe("groups", () => {
  it("ignores chatter and answers /ask@bot, a mention and a reply to the bot, replying to the asker", async () => {
    const g = -100_000 - nextChat();
    h.emulator.push(groupMessage(g, 7, "lunch at noon, anyone?"));
    h.emulator.push(groupMessage(g, 7, "/weather@other_bot"));
    h.emulator.push(groupMessage(g, 7, "/frobnicate"));
    const askUpdate = groupMessage(g, 7, `/ask@${BOT_INFO.username} Who agreed with Chizhova?`);
    h.emulator.push(askUpdate);
    await h.emulator.waitFor(() => textsTo(h, g).length >= 1);
    expect(textsTo(h, g)).toHaveLength(1);
    const first = h.emulator.sent().find((c) => c.payload.chat_id === g)!;
    expect(first.payload.reply_parameters).toMatchObject({ message_id: askUpdate.message!.message_id });
    expect(textsTo(h, g)[0]).toMatch(/^Kirill Petrov agreed with Darya Chizhova/);

    h.emulator.push(groupMessage(g, 8, `@${BOT_INFO.username} who is the ambassador?`));
    await h.emulator.waitFor(() => textsTo(h, g).length >= 2);
    expect(textsTo(h, g)[1]).toMatch(/^Ermek Kosherbayev is introduced as Ambassador/);

    const botMessage = { message_id: 1, date: 0, chat: { id: g, type: "supergroup" as const, title: "Group" }, from: BOT_INFO, text: "earlier answer" };
    h.emulator.push(groupMessage(g, 9, "and who is Perminova?", { reply_to_message: botMessage as never }));
    await h.emulator.waitFor(() => textsTo(h, g).length >= 3);
    expect(textsTo(h, g)[2]).toMatch(/^Alexandra Perminova is introduced as researcher/);

    // Stickers in groups are chatter too.
    h.emulator.push({ message: { ...(privateNonText(9, "sticker").message as object), chat: { id: g, type: "supergroup", title: "Group" } } as never });
    await new Promise((r) => setTimeout(r, 200));
    expect(textsTo(h, g)).toHaveLength(3);
  });

  it("answers in the same forum topic", async () => {
    const g = -100_000 - nextChat();
    h.emulator.push(groupMessage(g, 7, "/ask who spoke?", { is_topic_message: true, message_thread_id: 77 }));
    await h.emulator.waitFor(() => textsTo(h, g).length >= 1);
    expect(h.emulator.sent().find((c) => c.payload.chat_id === g)!.payload.message_thread_id).toBe(77);
  });

  it("introduces itself once when added to a group", async () => {
    const g = -100_000 - nextChat();
    const member = (status: string) => ({ user: BOT_INFO, status }) as never;
    const change = (from: string, to: string) => ({
      my_chat_member: { chat: { id: g, type: "supergroup" as const, title: "G" }, from: { id: 7, is_bot: false, first_name: "A" }, date: 0, old_chat_member: member(from), new_chat_member: member(to) },
    });
    h.emulator.push(change("left", "member"));
    h.emulator.push(change("member", "administrator"));
    await h.emulator.waitFor(() => textsTo(h, g).length >= 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(textsTo(h, g)).toHaveLength(1);
    expect(textsTo(h, g)[0]).toMatch(/^Hello! I answer questions about/);
  });
});

describe("inline mode", () => {
  it("offers the answer with its sources as an inline result", async () => {
    h.emulator.push({ inline_query: { id: "iq1", from: { id: 5, is_bot: false, first_name: "I" }, query: "who said sovereign pluralism", offset: "" } });
    await h.emulator.waitFor((calls) => calls.some((c) => c.method === "answerInlineQuery" && c.payload.inline_query_id === "iq1"));
    const call = h.emulator.calls.find((c) => c.method === "answerInlineQuery" && c.payload.inline_query_id === "iq1")!;
    const [result] = call.payload.results as { input_message_content: { message_text: string; parse_mode: string } }[];
    expect(result.input_message_content.parse_mode).toBe("HTML");
    expect(result.input_message_content.message_text).toMatch(/^Kirill Petrov said/);
    expect(telegramHtmlProblems(result.input_message_content.message_text)).toEqual([]);
  });
});

describe("delivery", () => {
  it("registers commands and survives a server that refuses setMyCommands and sendChatAction", () => {
    const attempted = h.emulator.calls.filter((c) => c.method === "setMyCommands");
    expect(attempted.map((c) => (c.payload.scope as { type: string }).type)).toEqual(["all_private_chats", "all_group_chats"]);
    expect(h.emulator.calls.some((c) => c.method === "sendChatAction" && c.status === 500)).toBe(true);
  });
});
