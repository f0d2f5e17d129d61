import { Composer } from "grammy";
import type { BotContext, BotDeps } from "../context.js";
import { isGroup } from "../addressing.js";
import { replyText } from "../reply.js";

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
        await replyText(ctx, ctx.t("forget-check-failed"));
        return;
      }
      if (!admin) {
        await replyText(ctx, ctx.t("forget-admins-only"));
        return;
      }
    }
    const forgotten = await deps.store.forgetChat(ctx.chat.id);
    ctx.log.info(forgotten, "chat forgotten on request");
    await replyText(ctx, group ? ctx.t("forget-done-group", { messages: forgotten.messages }) : ctx.t("forget-done-private"));
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
