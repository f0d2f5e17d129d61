import { session } from "grammy";
import { CONVERSATION_LIMITS, emptyConversation } from "../core/answer/conversation.js";
import { contextStorage } from "../store/context-storage.js";
import type { Store } from "../store/store.js";
import type { BotContext, ChatSession } from "./context.js";

/**
 * grammY's session over the store's conversation context: one per chat (a
 * group shares one conversation, as people in it refer to each other's
 * questions), expiring with the conversation. Updates without a chat (inline
 * queries) get none.
 */
export function conversationSession(store: Store) {
  return session<ChatSession, BotContext>({
    initial: () => ({ conversation: emptyConversation() }),
    getSessionKey: (ctx) => ctx.chat?.id.toString(),
    storage: contextStorage<ChatSession>(store, CONVERSATION_LIMITS.ttlMs),
  });
}
