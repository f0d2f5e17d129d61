import type { MiddlewareFn } from "grammy";
import type { BotContext } from "./context.js";

/**
 * Every callback query gets exactly one answer: a second one (an apology after
 * a failure, say) is dropped, and one that nothing answered gets an empty
 * answer so that the button stops spinning. A button on an inline message
 * (no chat) cannot be ours, since inline results carry none: it is told it is
 * out of date and goes no further.
 */
export const answerCallbackOnce: MiddlewareFn<BotContext> = async (ctx, next) => {
  if (!ctx.callbackQuery) return next();
  const answer = ctx.answerCallbackQuery.bind(ctx);
  let answered = false;
  ctx.answerCallbackQuery = (...args) => {
    if (answered) return Promise.resolve(true);
    answered = true;
    return answer(...args);
  };
  try {
    if (!ctx.callbackQuery.message) await ctx.answerCallbackQuery({ text: "This button is out of date." });
    else await next();
  } finally {
    if (!answered) await ctx.answerCallbackQuery().catch(() => undefined);
  }
};
