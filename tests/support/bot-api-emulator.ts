import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update, UserFromGetMe } from "grammy/types";

export interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
  /** The HTTP status the emulator answered with. */
  status: number;
}

export interface EmulatorOptions {
  botInfo: UserFromGetMe;
  /** Decides per sendMessage call whether to answer 429 (flood control) first. */
  floodControl?: (callIndex: number) => boolean;
  retryAfterSeconds?: number;
  /** Delay before answering sendMessage, to keep answers in flight. */
  sendDelayMs?: number;
  /** Methods a real server may lack or refuse: answered with 500, as telegram-test-api does. */
  failing?: string[];
  /** The first update_id to hand out: Telegram's ids keep growing across a bot's restarts. */
  firstUpdateId?: number;
  /** getChatMember's status for a user in a chat; "member" when not given. */
  memberStatus?: (chatId: number, userId: number) => string;
  /** A fault to answer the `attempt`-th call (from 0) of `method` with, instead of the normal answer. */
  fault?: (method: string, attempt: number) => Fault | undefined;
}

/**
 * What a broken or hostile Bot API server does: drop the connection, never
 * answer, or answer with an HTTP status and any body (an HTML error page, a
 * Telegram error such as 401 or 409).
 */
export type Fault = { kind: "reset" } | { kind: "hang" } | { kind: "answer"; status: number; body: string; contentType: string };

export const faults = {
  reset: { kind: "reset" } as Fault,
  hang: { kind: "hang" } as Fault,
  html: (status: number): Fault => ({ kind: "answer", status, body: "<html><body><h1>Bad Gateway</h1></body></html>", contentType: "text/html" }),
  telegram: (status: number, description: string): Fault => ({
    kind: "answer",
    status,
    body: JSON.stringify({ ok: false, error_code: status, description }),
    contentType: "application/json",
  }),
};

/**
 * A small Telegram Bot API server on 127.0.0.1: it queues updates for
 * getUpdates, records every call, and can answer 429 with retry_after.
 */
export class BotApiEmulator {
  readonly calls: RecordedCall[] = [];
  private server: Server | null = null;
  private updates: Update[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1000;
  private sendMessageCount = 0;
  /** sendMessage calls received and not answered yet. */
  inFlight = 0;
  private waiters: (() => void)[] = [];
  private attempts = new Map<string, number>();

  constructor(private readonly options: EmulatorOptions) {
    this.nextUpdateId = options.firstUpdateId ?? 1;
  }

  get apiRoot(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const method = /^\/bot[^/]+\/(\w+)/.exec(req.url ?? "")?.[1];
      const attempt = method ? (this.attempts.get(method) ?? 0) : 0;
      if (method) this.attempts.set(method, attempt + 1);
      const fault = method ? this.options.fault?.(method, attempt) : undefined;
      if (fault) {
        this.calls.push({ method: method!, payload: {}, status: fault.kind === "answer" ? fault.status : 0 });
        if (fault.kind === "reset") req.socket.destroy();
        else if (fault.kind === "answer") res.writeHead(fault.status, { "content-type": fault.contentType }).end(fault.body);
        // "hang": never answer; stop() closes the connection.
        return;
      }
      // A client that goes away (a killed bot) before its call is carried out: the call never happens.
      // A killed process's socket is half-closed by the kernel, so "end" tells, not only "close".
      let gone = false;
      const leave = () => (gone = true);
      req.socket.once("end", leave).once("close", leave);
      void this.handle(req, () => gone).then(({ status, body }) => {
        req.socket.off("end", leave).off("close", leave);
        if (!gone) res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.waiters.splice(0).forEach((w) => w());
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Queues an update (its update_id is assigned here) for the next getUpdates. */
  push(update: Omit<Update, "update_id">): number {
    const id = this.nextUpdateId++;
    this.updates.push({ ...update, update_id: id } as Update);
    this.waiters.splice(0).forEach((w) => w());
    return id;
  }

  sent(method = "sendMessage"): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && c.status === 200);
  }

  /** Waits until `predicate` holds over the recorded calls, or fails after `ms`. */
  async waitFor(predicate: (calls: RecordedCall[]) => boolean, ms = 10_000): Promise<void> {
    const until = Date.now() + ms;
    while (!predicate(this.calls)) {
      if (Date.now() > until) throw new Error(`emulator: condition not met in ${ms} ms; calls: ${this.calls.map((c) => c.method).join(",")}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  private async handle(req: IncomingMessage, gone: () => boolean): Promise<{ status: number; body: unknown }> {
    const m = /^\/bot([^/]+)\/(\w+)/.exec(req.url ?? "");
    const raw = await new Promise<string>((resolve) => {
      let data = "";
      req.on("data", (c) => (data += c));
      req.on("end", () => resolve(data));
    });
    if (!m) return { status: 404, body: { ok: false, error_code: 404, description: "Not Found" } };
    const method = m[2];
    let payload: Record<string, unknown> = {};
    try {
      payload = raw ? JSON.parse(raw) : {};
    } catch {
      payload = { raw };
    }
    const reply = await this.dispatch(method, payload, gone);
    if (method !== "getUpdates") this.calls.push({ method, payload, status: reply.status });
    return reply;
  }

  private async dispatch(method: string, p: Record<string, unknown>, gone: () => boolean): Promise<{ status: number; body: unknown }> {
    const ok = (result: unknown) => ({ status: 200, body: { ok: true, result } });
    if (this.options.failing?.includes(method)) {
      return { status: 500, body: { ok: false, error_code: 500, description: `Internal Server Error: ${method} is not supported` } };
    }
    switch (method) {
      case "getMe":
        return ok(this.options.botInfo);
      case "getUpdates": {
        const offset = Number(p.offset ?? 0);
        this.updates = this.updates.filter((u) => u.update_id >= offset);
        if (this.updates.length === 0) {
          // Long polling, kept short so that a stopping bot is not held up.
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, Math.min(Number(p.timeout ?? 0), 1) * 1000);
            this.waiters.push(() => {
              clearTimeout(t);
              resolve();
            });
          });
        }
        return ok(this.updates.slice(0, Number(p.limit ?? 100)));
      }
      case "sendMessage": {
        const index = this.sendMessageCount++;
        this.inFlight++;
        if (this.options.sendDelayMs) await new Promise((r) => setTimeout(r, this.options.sendDelayMs));
        this.inFlight--;
        // Recorded as 499 (nginx's "client closed request"): not delivered, not in sent().
        if (gone()) return { status: 499, body: { ok: false, error_code: 499, description: "client closed the connection" } };
        if (this.options.floodControl?.(index)) {
          const retry = this.options.retryAfterSeconds ?? 1;
          return {
            status: 429,
            body: { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retry}`, parameters: { retry_after: retry } },
          };
        }
        const message = {
          message_id: this.nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: p.chat_id, type: Number(p.chat_id) < 0 ? "supergroup" : "private" },
          from: this.options.botInfo,
          text: p.text,
        };
        return ok(message);
      }
      case "editMessageText":
        return ok(true);
      case "getChatMember": {
        const status = this.options.memberStatus?.(Number(p.chat_id), Number(p.user_id)) ?? "member";
        return ok({ status, user: { id: Number(p.user_id), is_bot: false, first_name: "Member" } });
      }
      default:
        return ok(true);
    }
  }
}
