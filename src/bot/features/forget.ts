import { Composer } from "grammy";
import type { BotContext, BotDeps } from "../context.js";
import { isGroup } from "../addressing.js";
import { replyHtml } from "../reply.js";

/** A group's owner or admins, including an admin posting anonymously as the group. */
async function isChatAdmin(ctx: BotContext): Promise<boolean> {
  if (ctx.msg?.sender_chat?.id === ctx.chat!.id) return true;
  if (!ctx.from) return false;
  const member = await ctx.api.getChatMember(ctx.chat!.id, ctx.from.id);
  return member.status === "creator" || member.status === "administrator";
}

/**
 * /forget deletes everything the bot stores about the chat: in a group only
 * for its admins, in a private chat for the user. Removing or blocking the
 * bot does the same.
 */
export function forgetFeature(deps: BotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command("forget", async (ctx) => {
    const group = isGroup(ctx);
    if (!group && ctx.chat.type !== "private") return;
    if (group) {
      let admin: boolean;
      try {
        admin = await isChatAdmin(ctx);
      } catch (err) {
        ctx.log.warn({ err }, "getChatMember failed; /forget not carried out");
        await replyHtml(ctx, ["Sorry, I could not check who the group's admins are. Please try again in a moment."]);
        return;
      }
      if (!admin) {
        await replyHtml(ctx, ["Sorry, only the group's admins can ask me to forget this chat."]);
        return;
      }
    }
    const forgotten = await deps.store.forgetChat(ctx.chat.id);
    ctx.log.info(forgotten, "chat forgotten on request");
    await replyHtml(ctx, [
      group
        ? `Done: I deleted everything I had stored about this group (${forgotten.messages} ${forgotten.messages === 1 ? "message" : "messages"}, our conversation and the group's settings).`
        : "Done: I deleted our conversation. I keep nothing else about private chats.",
    ]);
  });

  c.on("my_chat_member", async (ctx, next) => {
    const status = ctx.myChatMember.new_chat_member.status;
    if (status === "left" || status === "kicked") {
      const forgotten = await deps.store.forgetChat(ctx.chat.id);
      ctx.log.info({ ...forgotten, status }, "removed from the chat: its data deleted");
    }
    return next();
  });
  return c;
}
