import pino, { type Logger } from "pino";

export type { Logger };

/**
 * JSON logs on stderr (stdout belongs to the CLIs' output). The bot token is
 * scrubbed from every message: it appears in Bot API URLs and in some errors.
 */
export function createLogger(level: string, secrets: (string | undefined)[] = []): Logger {
  const hidden = secrets.filter((s): s is string => !!s && s.length >= 8);
  const scrub = (v: unknown): unknown => {
    if (typeof v === "string") return hidden.reduce((acc, s) => acc.split(s).join("[secret]"), v);
    if (v instanceof Error) return { type: v.name, message: scrub(v.message), stack: scrub(v.stack) };
    if (Array.isArray(v)) return v.map(scrub);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrub(x)]));
    return v;
  };
  return pino(
    {
      level,
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map(scrub) as Parameters<typeof method>);
        },
      },
      serializers: { err: (e) => scrub(pino.stdSerializers.err(e)) },
    },
    pino.destination(2),
  );
}
