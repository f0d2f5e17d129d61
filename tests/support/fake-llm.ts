import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A passage as the fake reads it back from the prompt. */
export interface PromptPassage {
  n: number;
  paragraph: string;
  speaker: string;
  text: string;
}

/** One chat request as the fake received it. */
export interface ChatRequest {
  model: string;
  temperature: unknown;
  system: string;
  user: string;
  question: string;
  passages: PromptPassage[];
  authorization: string | undefined;
  /** The marker of the first passage containing these words; throws when none does. */
  marker(words: string): string;
}

/** How the fake answers one request. */
export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  /** The assistant's message, wrapped in a chat completion. */
  content?: string;
  /** A body sent as it is, e.g. malformed JSON. */
  raw?: string;
  /** Never answer (until the server stops). */
  hang?: boolean;
  usage?: { prompt_tokens: number; completion_tokens: number };
}

export type ChatScript = (req: ChatRequest, index: number) => FakeReply;

/**
 * An OpenAI-compatible server on 127.0.0.1, scripted per test: it answers
 * POST /v1/chat/completions as the script says, records every request, and
 * answers POST /v1/embeddings with deterministic vectors (hashed words).
 */
export class FakeLlm {
  readonly requests: ChatRequest[] = [];
  readonly embeddingRequests: { model: string; inputs: string[]; encoding: unknown }[] = [];
  /** When set, /embeddings answers with this HTTP status. */
  embeddingsStatus: number | null = null;
  readonly dimensions = 64;
  /** Errors thrown by the script: a test expecting none checks this is empty. */
  readonly scriptErrors: Error[] = [];
  private server: Server | null = null;
  private script: ChatScript = () => ({ content: "The article does not say." });
  private readonly hanging: ServerResponse[] = [];

  get baseUrl(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}/v1`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.hanging.splice(0).forEach((res) => res.destroy());
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Answers every request with the script, or the replies in turn (the last one repeats). */
  answer(script: ChatScript | FakeReply[]): void {
    this.script = Array.isArray(script) ? (_req, i) => script[Math.min(i, script.length - 1)] : script;
    this.requests.length = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body = "";
    for await (const chunk of req) body += chunk;
    const json = JSON.parse(body || "{}");
    if (req.method === "POST" && req.url === "/v1/embeddings") return this.embeddings(json, res);
    if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "not found" } }));
      return;
    }
    const request = readRequest(json, req.headers.authorization);
    this.requests.push(request);
    let reply: FakeReply;
    try {
      reply = this.script(request, this.requests.length - 1);
    } catch (err) {
      // A script that cannot answer (a passage it expected is missing) shows in the test, not as a hang.
      this.scriptErrors.push(err as Error);
      reply = { status: 599 };
    }
    if (reply.hang) {
      this.hanging.push(res);
      return;
    }
    const headers = { "content-type": "application/json", ...reply.headers };
    if (reply.raw !== undefined) {
      res.writeHead(reply.status ?? 200, headers).end(reply.raw);
      return;
    }
    if (reply.status && reply.status !== 200) {
      res.writeHead(reply.status, headers).end(JSON.stringify({ error: { message: `scripted ${reply.status}`, type: "server_error" } }));
      return;
    }
    const usage = reply.usage ?? { prompt_tokens: Math.ceil(request.user.length / 4), completion_tokens: Math.ceil((reply.content ?? "").length / 4) };
    res.writeHead(200, headers).end(
      JSON.stringify({
        id: `chatcmpl-${this.requests.length}`,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model: request.model,
        choices: [{ index: 0, message: { role: "assistant", content: reply.content ?? "" }, finish_reason: "stop" }],
        usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
      }),
    );
  }

  private embeddings(json: { model: string; input: string | string[]; encoding_format?: string }, res: ServerResponse): void {
    const inputs = Array.isArray(json.input) ? json.input : [json.input];
    this.embeddingRequests.push({ model: json.model, inputs, encoding: json.encoding_format });
    if (this.embeddingsStatus) {
      res.writeHead(this.embeddingsStatus, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "scripted failure" } }));
      return;
    }
    const data = inputs.map((text, index) => {
      const v = fakeVector(text, this.dimensions);
      return { object: "embedding", index, embedding: json.encoding_format === "base64" ? Buffer.from(new Float32Array(v).buffer).toString("base64") : v };
    });
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ object: "list", data, model: json.model, usage: { prompt_tokens: 1, total_tokens: 1 } }));
  }
}

/** Hashed lower-case words, L2-normalised: texts sharing words are close, as with a real embedding model. */
export function fakeVector(text: string, dimensions: number): number[] {
  const v = new Array<number>(dimensions).fill(0);
  for (const w of text.toLowerCase().match(/\p{L}{3,}/gu) ?? []) {
    let h = 2166136261;
    for (const ch of w) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
    v[h % dimensions] += 1;
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

function readRequest(json: { model: string; temperature?: unknown; messages: { role: string; content: string }[] }, authorization: string | undefined): ChatRequest {
  const system = json.messages.find((m) => m.role === "system")?.content ?? "";
  const user = json.messages.find((m) => m.role === "user")?.content ?? "";
  const passages: PromptPassage[] = [];
  for (const m of user.matchAll(/^\[(\d+)\] \(([^;]+); speaker: ([^)]+)\) (.*)$/gm)) {
    passages.push({ n: Number(m[1]), paragraph: m[2], speaker: m[3], text: m[4] });
  }
  const question = /^Question: (.*)$/m.exec(user)?.[1] ?? "";
  return {
    model: json.model,
    temperature: json.temperature,
    system,
    user,
    question,
    passages,
    authorization,
    marker(words) {
      const p = passages.find((x) => x.text.includes(words));
      if (!p) throw new Error(`The prompt has no passage with "${words}"`);
      return `[${p.n}]`;
    },
  };
}
