/** Telegram's limit for one message. */
export const MAX_MESSAGE = 4096;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * A piece of a message: plain text wrapped in one tag (or none). Every
 * message is built from blocks, and only `blockHtml` turns text into HTML,
 * escaping it, so nothing a user or an article contains can break the markup.
 * Blocks are also what splitting works on, so a tag is never cut in half.
 */
export interface Block {
  text: string;
  tag?: "b" | "i" | "blockquote" | "blockquote expandable";
  href?: string;
  /** A bold first line inside a blockquote: a source's marker, paragraph and speaker. */
  heading?: string;
  /** Starts on a new line (true) or continues the previous block. */
  newline?: boolean;
  /** Starts after an empty line: a new section. */
  gap?: boolean;
}

function blockHtml(b: Block, text = b.text, heading = b.heading): string {
  const body = escapeHtml(text);
  if (b.href) return `<a href="${escapeHtml(b.href)}">${body}</a>`;
  if (!b.tag) return body;
  const close = b.tag.split(" ")[0];
  const head = heading ? `<b>${escapeHtml(heading)}</b>${text ? "\n" : ""}` : "";
  return `<${b.tag}>${head}${body}</${close}>`;
}

/**
 * Packs blocks into messages of at most `limit` characters of HTML. A block
 * too long for one message is split between words, each part wrapped in
 * its own tag, so every message is valid HTML on its own.
 */
export function toMessages(blocks: Block[], limit = MAX_MESSAGE): string[] {
  const messages: string[] = [];
  let current = "";
  const push = (html: string, newline: boolean, gap = false) => {
    const sep = current && gap ? "\n\n" : current && newline ? "\n" : "";
    if (current && current.length + sep.length + html.length > limit) {
      messages.push(current);
      current = html;
    } else {
      current += sep + html;
    }
  };
  for (const b of blocks) {
    const html = blockHtml(b);
    if (html.length <= limit) {
      push(html, b.newline ?? true, b.gap);
      continue;
    }
    const room = limit - (blockHtml(b, "").length + 16);
    splitText(b.text, room).forEach((part, i) => push(blockHtml(b, part, i === 0 ? b.heading : undefined), true, i === 0 && b.gap));
  }
  if (current) messages.push(current);
  return messages;
}

/** Splits text into parts whose escaped length fits, preferring line, sentence and word boundaries. */
function splitText(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (escapeHtml(rest).length > limit) {
    let cut = limit;
    while (escapeHtml(rest.slice(0, cut)).length > limit) cut = Math.floor(cut * 0.9);
    const window = rest.slice(0, cut);
    const at = Math.max(window.lastIndexOf("\n"), window.lastIndexOf(". ") + 1, window.lastIndexOf(" "));
    const end = at > cut * 0.5 ? at : cut;
    // Never split a surrogate pair (an emoji) in two.
    const safe = /[\uD800-\uDBFF]/.test(rest[end - 1] ?? "") ? end - 1 : end;
    parts.push(rest.slice(0, safe).trimEnd());
    rest = rest.slice(safe).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

function decode(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
}

/** Telegram HTML back to plain text, for the console: sources indented under the answer, links with their address. */
export function htmlToText(html: string): string {
  return decode(
    html
      .replace(/<blockquote[^>]*>([\s\S]*?)<\/blockquote>/g, (_, inner: string) => {
        const [head, ...rest] = inner.split("\n");
        const headText = head.replace(/<[^>]+>/g, "");
        if (!/^<b>/.test(head)) return `  “${[head, ...rest].join(" ")}”`;
        return rest.length ? `  ${headText}\n    “${rest.join(" ")}”` : `  ${headText}`;
      })
      .replace(/<a href="([^"]*)">([^<]*)<\/a>/g, (_, href: string, text: string) => (text === decode(href) ? text : `${text} (${href})`))
      .replace(/<[^>]+>/g, ""),
  );
}
