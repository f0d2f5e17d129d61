import type { StorageAdapter } from "grammy";
import type { Store } from "./store.js";

/** How long a conversation context lives after its last write, unless the caller says otherwise. */
export const DEFAULT_CONTEXT_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * The store's conversation context as a grammY StorageAdapter, so that it can
 * back the `session` plugin: every write extends the value's life by `ttlMs`.
 * Session keys must start with the chat id (grammY's default key is the chat id).
 */
export function contextStorage<T>(store: Store, ttlMs = DEFAULT_CONTEXT_TTL_MS): StorageAdapter<T> {
  return {
    read: (key) => store.readContext<T>(key),
    write: (key, value) => store.writeContext(key, value, ttlMs),
    delete: (key) => store.deleteContext(key),
  };
}
