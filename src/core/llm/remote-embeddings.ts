import { Embeddings } from "@langchain/core/embeddings";
import type { OpenAIEmbeddings } from "@langchain/openai";
import { UserError } from "../errors.js";
import { reasonOf } from "./chat-client.js";
import { CircuitBreaker } from "./circuit-breaker.js";
import { LruCache } from "./lru-cache.js";
import { NO_API_KEY } from "./settings.js";

/** Embeddings from an OpenAI-compatible API, as an index records them (no secrets: those come with the access). */
export interface RemoteEmbeddingSettings {
  provider: "openai-compatible";
  model: string;
}

/** Where the embeddings API is and how to call it; not part of the index settings, and never saved. */
export interface EmbeddingAccess {
  baseUrl: string;
  apiKey: string | undefined;
  timeoutMs: number;
}

/**
 * LangChain's OpenAIEmbeddings behind the project's rules: at ingest a
 * failure stops with one clear line; at query time it throws, and the
 * retriever falls back to lexical search. Recent questions' vectors are
 * kept, since the offline and the LLM answerers both embed each question.
 */
export class RemoteEmbeddings extends Embeddings {
  private clients: Promise<{ documents: OpenAIEmbeddings; queries: OpenAIEmbeddings }> | null = null;
  private readonly recent = new LruCache<string, number[]>(64);
  private readonly breaker = new CircuitBreaker({ threshold: 5, coolDownMs: 60_000 });

  constructor(
    private readonly settings: RemoteEmbeddingSettings,
    private readonly access: EmbeddingAccess,
  ) {
    super({});
    // As with the chat client: the SDK loads while the index does, not during the first question.
    this.client().catch(() => undefined);
  }

  /** Loaded on first use, like the chat client: offline indexes never load the OpenAI SDK. */
  private client(): Promise<{ documents: OpenAIEmbeddings; queries: OpenAIEmbeddings }> {
    this.clients ??= import("@langchain/openai").then(({ OpenAIEmbeddings }) => {
      const common = {
        model: this.settings.model,
        apiKey: this.access.apiKey || NO_API_KEY,
        configuration: { baseURL: this.access.baseUrl },
        // Local servers (Ollama, llama.cpp) answer floats; the client would otherwise ask for base64.
        encodingFormat: "float" as const,
        timeout: this.access.timeoutMs,
      };
      // Ingest may retry a hiccup; a question may not wait for one.
      return { documents: new OpenAIEmbeddings({ ...common, maxRetries: 2 }), queries: new OpenAIEmbeddings({ ...common, maxRetries: 0 }) };
    });
    return this.clients;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    let vectors: number[][];
    try {
      vectors = await (await this.client()).documents.embedDocuments(texts);
    } catch (err) {
      throw new UserError(`Embedding the corpus with ${this.settings.model} at ${this.access.baseUrl} failed (${reasonOf(err)}); the previous index is untouched.`);
    }
    if (vectors.length !== texts.length || vectors.some((v) => v.length === 0 || v.length !== vectors[0].length)) {
      throw new UserError(`Embedding the corpus with ${this.settings.model} at ${this.access.baseUrl} failed (malformed response); the previous index is untouched.`);
    }
    return vectors;
  }

  async embedQuery(text: string): Promise<number[]> {
    const known = this.recent.get(text);
    if (known) return known;
    if (!this.breaker.closed) throw new Error("the embeddings API is paused after repeated failures");
    try {
      const v = await (await this.client()).queries.embedQuery(text);
      if (v.length === 0) throw new Error("malformed response");
      this.breaker.success();
      this.recent.set(text, v);
      return v;
    } catch (err) {
      this.breaker.failure();
      throw new Error(`query embedding failed: ${reasonOf(err)}`);
    }
  }
}
