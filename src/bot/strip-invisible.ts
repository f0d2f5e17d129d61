import type { MiddlewareFn } from "grammy";
import type { MessageEntity } from "grammy/types";
import { stripFormatChars } from "../core/text/format-chars.js";

/**
 * Removes invisible format characters from what users send (message text and
 * captions, inline queries) before any handler reads it, moving entity
 * offsets (commands, mentions) along with the text.
 */
export const stripInvisible: MiddlewareFn = (ctx, next) => {
  for (const m of [ctx.update.message, ctx.update.edited_message]) {
    if (m?.text !== undefined) [m.text, m.entities] = clean(m.text, m.entities);
    if (m?.caption !== undefined) [m.caption, m.caption_entities] = clean(m.caption, m.caption_entities);
  }
  const iq = ctx.update.inline_query;
  if (iq) iq.query = stripFormatChars(iq.query);
  return next();
};

function clean(text: string, entities: MessageEntity[] | undefined): [string, MessageEntity[] | undefined] {
  const out = stripFormatChars(text);
  if (out === text || !entities) return [out, entities];
  const at = (offset: number) => stripFormatChars(text.slice(0, offset)).length;
  const moved = entities
    .map((e) => ({ ...e, offset: at(e.offset), length: at(e.offset + e.length) - at(e.offset) }))
    .filter((e) => e.length > 0);
  return [out, moved];
}
