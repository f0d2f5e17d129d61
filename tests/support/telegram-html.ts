const ALLOWED = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "blockquote", "tg-spoiler", "span"]);

/**
 * Problems with a message as Telegram parses parse_mode HTML: unknown tags,
 * bad nesting, unescaped < or &, and length over 4096. Empty when valid.
 */
export function telegramHtmlProblems(html: string): string[] {
  const problems: string[] = [];
  if (html.length === 0) problems.push("empty message");
  if (html.length > 4096) problems.push(`too long: ${html.length} characters`);
  const stack: string[] = [];
  const re = /<(\/?)([a-z-]+)([^>]*)>|&(#\d+|#x[0-9a-f]+|lt|gt|amp|quot);|[<>&]/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    if (m[0] === "<" || m[0] === "&") {
      problems.push(`unescaped ${m[0]} at ${m.index}`);
      continue;
    }
    if (m[0] === ">" || m[4]) continue;
    const [, closing, tag, attrs] = m;
    if (!ALLOWED.has(tag)) {
      problems.push(`tag <${tag}> is not allowed`);
      continue;
    }
    if (closing) {
      if (stack.pop() !== tag) problems.push(`</${tag}> closes the wrong tag at ${m.index}`);
    } else {
      if (tag === "a" && !/^\s+href="[^"]*"$/.test(attrs)) problems.push(`<a> needs exactly an href`);
      if (tag === "blockquote" && attrs.trim() && attrs.trim() !== "expandable") problems.push(`bad blockquote attribute ${attrs}`);
      stack.push(tag);
    }
  }
  if (stack.length) problems.push(`unclosed tags: ${stack.join(", ")}`);
  return problems;
}
