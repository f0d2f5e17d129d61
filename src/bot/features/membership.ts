import { Composer } from "grammy";
import type { BotContext, BotDeps } from "../context.js";
import { replyText } from "../reply.js";

/** Introduces the bot once, when it is added to a group, in the language of whoever added it. */
export function membershipFeature(deps: BotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.on("my_chat_member", async (ctx) => {
    const { old_chat_member: before, new_chat_member: after } = ctx.myChatMember;
    const joined = ["left", "kicked"].includes(before.status) && ["member", "administrator"].includes(after.status);
    if (!joined || ctx.chat.type === "private" || ctx.chat.type === "channel") return;
    const title = deps.qa.sources()[0]?.title ?? "";
    await replyText(ctx, ctx.t("group-intro", { title, bot: ctx.me.username }));
  });
  return c;
}
