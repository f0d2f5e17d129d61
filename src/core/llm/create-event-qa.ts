import { EventQa } from "../event-qa.js";
import type { KnowledgeBase } from "../index/knowledge-base.js";
import { LlmAnswerer, type LlmLogger } from "./llm-answerer.js";
import type { LlmSettings } from "./settings.js";

/** The product's core for the bot and the CLIs: through the model when one is configured, offline otherwise. */
export function createEventQa(kb: KnowledgeBase, llm: LlmSettings | undefined, logger?: LlmLogger): EventQa {
  return new EventQa(kb, llm ? (offline) => new LlmAnswerer(kb, offline, llm, { logger }) : undefined);
}
