import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { KnowledgeBase } from "../../src/core/index/knowledge-base.js";
import { SEED_CORPUS, buildTemp } from "../helpers.js";
import { telegramHtmlProblems } from "../support/telegram-html.js";
import { replyProblems, visibleLength } from "../support/message-checks.js";
import { BOT_INFO, callback, groupMessage, privateMessage, privateNonText, startHarness, textsTo, type Harness } from "../support/bot-harness.js";

let kb: KnowledgeBase;
let h: Harness;
let chat = 1000;
const nextChat = () => ++chat;
let sentences: string[] = [];
/** Visible characters a reply may take: a simple answer 600; chats that get lists or digests say so. */
const SIMPLE = 600;
const allowance = new Map<number, number>();
const allow = (chatId: number, max: number) => allowance.set(chatId, max);
/** The full summary behind the digest's button is long on purpose: only Telegram's limit applies to it. */
const FULL_SUMMARY = /^<b>(Summary|Обзор)<\/b>/;

beforeAll(async () => {
  kb = (await buildTemp(SEED_CORPUS)).kb;
  sentences = kb.articles.flatMap((a) => kb.sentences(a.id).map((s) => s.text));
  h = await startHarness(kb);
});
afterAll(() => h.stop());

let checked = 0;
let checkedInline = 0;
afterEach(() => {
  // Every message the bot sent: valid Telegram HTML of at most 4096 characters, short where it shows, no sentence twice.
  const sent = h.emulator.sent();
  const inline = h.emulator.calls.filter((x) => x.method === "answerInlineQuery");
  const fresh = sent.slice(checked);
  const freshInline = inline.slice(checkedInline);
  checked = sent.length;
  checkedInline = inline.length;
  for (const c of fresh) {
    const text = String(c.payload.text);
    const maxVisible = FULL_SUMMARY.test(text) ? 4096 : (allowance.get(Number(c.payload.chat_id)) ?? SIMPLE);
    expect(replyProblems(text, { maxVisible, sentences }), text.slice(0, 80)).toEqual([]);
  }
  for (const c of freshInline) {
    for (const r of c.payload.results as { input_message_content: { message_text: string } }[]) {
      expect(replyProblems(r.input_message_content.message_text, { maxVisible: SIMPLE, sentences })).toEqual([]);
    }
  }
});

const buttonsOf = (chatId: number, nth = 0) => {
  const call = h.emulator.sent().filter((c) => c.payload.chat_id === chatId)[nth];
  return (call.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat();
};
const ruMessage = (userId: number, text: string) => {
  const u = privateMessage(userId, text);
  (u.message as { from: { language_code?: string } }).from.language_code = "ru";
  return u;
};

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
    // One quotation over three sentences is one source; its words are already in the answer, so it shows where they are from.
    expect(msg).toMatch(/sovereign pluralism\.” \[1\]\n/);
    expect(msg).not.toContain("[2]");
    expect(msg).toContain("<b>Sources</b>\n<blockquote expandable><b>[1] ¶9 · Kirill Petrov</b></blockquote>");
    expect(msg).toContain('<a href="https://kazembassy.ru/">');
    const call = h.emulator.sent().find((c) => c.payload.chat_id === id)!;
    expect(call.payload.parse_mode).toBe("HTML");
  });

  it("/start introduces the event with three example questions as buttons, and a button asks it", async () => {
    const id = nextChat();
    const [msg] = await ask(privateMessage(id, "/start"), id);
    expect(msg).toContain("Election Results");
    const buttons = buttonsOf(id);
    expect(buttons.map((b) => b.text)).toEqual(["Who spoke at the event?", "What did Ermek Kosherbayev say?", "Who agreed with Anton Tkachev?"]);
    allow(id, 1000); // "who spoke" lists eight people with roles; the core is to shorten it
    h.emulator.push(callback(id, buttons[0].callback_data));
    await h.emulator.waitFor(() => textsTo(h, id).length >= 2);
    expect(textsTo(h, id)[1]).toMatch(/^The speakers were Ermek Kosherbayev/);
  });

  it("/help lists the commands and explains groups", async () => {
    const id = nextChat();
    allow(id, 1000);
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
    allow(id, 1000);
    const [msg] = await ask(privateMessage(id, "/speakers"), id);
    expect(msg).toContain("8 people spoke");
    expect(msg).toContain("Darya Chizhova</b> — Director of the Information");
    const call = h.emulator.sent().find((c) => c.payload.chat_id === id)!;
    const buttons = (call.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat();
    expect(buttons.map((b) => b.text)).toEqual(kb.speakers.map((s) => s.name));
    for (const b of buttons) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
    h.emulator.push(callback(id, buttons[6].callback_data));
    await h.emulator.waitFor(() => textsTo(h, id).length >= 2);
    const claims = textsTo(h, id)[1];
    expect(claims).toMatch(/^<b>Darya Chizhova — Director/);
    expect(claims.split("All the participants were given a platform.")).toHaveLength(2);
    expect(claims).toContain("<blockquote expandable><b>[2] ¶8 · Darya Chizhova</b></blockquote>");
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
    allow(id, 1000); // all of one speaker's claims
    const [msg] = await ask(privateMessage(id, "/speaker perminva"), id);
    expect(msg).toMatch(/^<b>Alexandra Perminova — researcher/);
    expect((await ask(privateMessage(id, "/speaker Nobody Atall"), id, 2))[1]).toMatch(/^No speaker matches “Nobody Atall”/);
  });

  it("/summary is a digest of at most 1,000 visible characters, with a button for the full cited summary", async () => {
    const id = nextChat();
    allow(id, 1000);
    const [digest] = await ask(privateMessage(id, "/summary"), id);
    await new Promise((r) => setTimeout(r, 100));
    expect(textsTo(h, id)).toHaveLength(1);
    expect(digest).toMatch(/^<b>In brief<\/b>\nA round table was held at the Embassy of Kazakhstan in Moscow/);
    for (const sp of kb.speakers) expect(digest.split(`• <b>${sp.name}</b>: `), sp.name).toHaveLength(2);
    expect(digest).toMatch(/<i>How it ended: <\/i>/);
    expect(digest).toContain("<blockquote expandable><b>[1] ¶1</b>\nA round table was held at the Embassy of Kazakhstan today");
    expect(visibleLength(digest)).toBeGreaterThan(300);
    expect(visibleLength(digest)).toBeLessThanOrEqual(1000);
    const [button] = buttonsOf(id);
    expect(button.text).toBe("Full summary");

    h.emulator.push(callback(id, button.callback_data));
    await h.emulator.waitFor(() => textsTo(h, id).length >= 2);
    await new Promise((r) => setTimeout(r, 100));
    const full = textsTo(h, id).slice(1);
    expect(full[0]).toMatch(/^<b>Summary<\/b>\nA round table was held/);
    for (const m of full) expect(m.length).toBeLessThanOrEqual(4096);
    for (const sp of kb.speakers) expect(full.join("\n")).toContain(sp.name);
  });

  it("/summary 3 gives three bullets", async () => {
    const id = nextChat();
    allow(id, 1000);
    const [digest] = await ask(privateMessage(id, "/summary 3"), id);
    expect(digest.split("\n• ")).toHaveLength(2);
    expect(digest).toContain("How it ended");
  });

  it("answers small talk with a friendly line, not a refusal", async () => {
    const id = nextChat();
    const [hello, thanks] = [await ask(privateMessage(id, "hi"), id), await ask(privateMessage(id, "thanks!"), id, 2)].map((m) => m.at(-1)!);
    expect(hello).toMatch(/^Hello! Ask me about the event/);
    expect(thanks).toMatch(/^You're welcome!/);
    for (const m of [hello, thanks]) expect(m).not.toMatch(/Not in the article|Article:/);
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
    allow(id, 1000);
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
    allow(g, 1000);
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
    expect(attempted.map((c) => `${(c.payload.scope as { type: string }).type} ${c.payload.language_code ?? "default"}`).sort()).toEqual([
      "all_group_chats default",
      "all_group_chats ru",
      "all_private_chats default",
      "all_private_chats ru",
    ]);
    const ru = attempted.find((c) => c.payload.language_code === "ru")!.payload.commands as { command: string; description: string }[];
    expect(ru.map((c) => c.command)).toEqual(["ask", "speakers", "speaker", "summary", "source", "check", "recap", "forget", "help", "start"]);
    expect(ru.find((c) => c.command === "ask")!.description).toBe("Задать вопрос о мероприятии");
    const en = attempted.find((c) => !c.payload.language_code)!.payload.commands as { command: string; description: string }[];
    expect(en.find((c) => c.command === "ask")!.description).toBe("Ask a question about the event");
    expect(h.emulator.calls.some((c) => c.method === "sendChatAction" && c.status === 500)).toBe(true);
  });
});

describe("in Russian", () => {
  it("/start, /help and /summary in Russian for a user whose Telegram is in Russian", async () => {
    const id = nextChat();
    allow(id, 1000); // /help and the digest are longer than a simple answer
    const [start] = await ask(ruMessage(id, "/start"), id);
    expect(start).toMatch(/^Я отвечаю на вопросы о событии «Election Results/);
    expect(buttonsOf(id).map((b) => b.text)).toEqual(["Кто выступал на мероприятии?", "Что сказал Ermek Kosherbayev?", "Кто согласился с Anton Tkachev?"]);

    const help = (await ask(ruMessage(id, "/help"), id, 2))[1];
    expect(help).toMatch(/^<b>Команды<\/b>\n\/ask — Задать вопрос о мероприятии/);
    expect(help).toContain("<b>В группе</b>");

    const digest = (await ask(ruMessage(id, "/summary"), id, 3))[2];
    expect(digest).toMatch(/^<b>Кратко<\/b>\n/);
    expect(digest).toContain("<i>Чем закончилось: </i>");
    expect(digest).toContain("<b>[2] ¶2 · Ermek Kosherbayev</b>");
    const [full] = buttonsOf(id, 2);
    expect(full.text).toBe("Полный обзор");
    h.emulator.push(callback(id, full.callback_data));
    await h.emulator.waitFor(() => textsTo(h, id).length >= 4);
    expect(textsTo(h, id)[3]).toMatch(/^<b>Обзор<\/b>/);
  });

  it("an example button answers in the language it was shown in", async () => {
    const id = nextChat();
    allow(id, 1000);
    await ask(ruMessage(id, "/start"), id);
    h.emulator.push(callback(id, buttonsOf(id)[1].callback_data));
    await h.emulator.waitFor(() => textsTo(h, id).length >= 2);
    // The core may answer in English for now; the labels around it are Russian.
    expect(textsTo(h, id)[1]).toContain("<b>Источники</b>");
    expect(textsTo(h, id)[1]).toMatch(/Ermek Kosherbayev/);
  });

  it("follows the script of the question over the Telegram language", async () => {
    const id = nextChat();
    const [cyrillic] = await ask(privateMessage(id, "Что сказал Петров?"), id);
    expect(cyrillic).toMatch(/В статье этого нет|Источники|Точного ответа в статье нет/);
    const latin = (await ask(ruMessage(id, "What was the voter turnout?"), id, 2))[1];
    expect(latin).toMatch(/^<b>Not in the article<\/b>/);
    const unknown = (await ask(privateMessage(id, "/speakers_list всех"), id, 3))[2];
    expect(unknown).toMatch(/^Я не знаю команды \/speakers_list/);
  });

  it("speaks Russian in groups: the introduction, refusals and answers to a Russian question", async () => {
    const g = -100_000 - nextChat();
    const member = (status: string) => ({ user: BOT_INFO, status }) as never;
    h.emulator.push({
      my_chat_member: {
        chat: { id: g, type: "supergroup" as const, title: "G" },
        from: { id: 7, is_bot: false, first_name: "A", language_code: "ru" },
        date: 0,
        old_chat_member: member("left"),
        new_chat_member: member("member"),
      },
    });
    await h.emulator.waitFor(() => textsTo(h, g).length >= 1);
    expect(textsTo(h, g)[0]).toMatch(/^Здравствуйте! Я отвечаю на вопросы о событии/);
    const q = groupMessage(g, 8, `/ask@${BOT_INFO.username} Кто согласился с Чижовой?`);
    h.emulator.push(q);
    await h.emulator.waitFor(() => textsTo(h, g).length >= 2);
    const reply = h.emulator.sent().filter((c) => c.payload.chat_id === g)[1];
    expect(reply.payload.reply_parameters).toMatchObject({ message_id: q.message!.message_id });
    expect(String(reply.payload.text)).toMatch(/В статье этого нет|Источники|Точного ответа в статье нет/);
  });

  it("rate-limit, allow-list and error notes are in the user's language", async () => {
    const limited = await startHarness(kb, { deps: { rateLimit: { messages: 1, windowMs: 60_000 }, allowedChatIds: [31] } });
    try {
      limited.emulator.push(ruMessage(31, "Кто выступал?"));
      limited.emulator.push(ruMessage(31, "Кто выступал?"));
      limited.emulator.push(ruMessage(32, "Кто выступал?"));
      await limited.emulator.waitFor(() => textsTo(limited, 31).length >= 2 && textsTo(limited, 32).length >= 1);
      expect(textsTo(limited, 31)[1]).toMatch(/^Вы задаёте вопросы быстрее/);
      expect(textsTo(limited, 32)).toEqual(["Извините, этот бот доступен только в некоторых чатах."]);
    } finally {
      await limited.stop();
    }
  });
});
