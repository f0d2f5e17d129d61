import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../errors.js";
import type { Article } from "../types.js";
import { parseArticle } from "./parse-article.js";

const ARTICLE_EXTENSIONS = new Set([".txt", ".md", ".markdown"]);

/** Where the articles are when neither the user nor an existing index says. */
export const DEFAULT_CORPUS_DIR = "corpus";

export interface Corpus {
  dir: string;
  articles: Article[];
  /** sha256 over file names and bytes: what decides whether an index is stale. */
  hash: string;
  /** The files as read: a worker parses its own copy of the articles from them. */
  files: CorpusFile[];
}

export interface CorpusFile {
  name: string;
  bytes: Buffer;
}

/** Reads the article files of a corpus directory, sorted by name. */
export async function readCorpusFiles(dir: string): Promise<CorpusFile[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    throw new UserError(`Corpus directory not found or not readable: ${dir}`);
  }
  const names = entries
    .filter((e) => e.isFile() && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
  const files: CorpusFile[] = [];
  for (const name of names) {
    if (!ARTICLE_EXTENSIONS.has(path.extname(name).toLowerCase())) {
      throw new UserError(`${name}: not an article file (expected .txt or .md) in ${dir}.`);
    }
  }
  // Read synchronously: thousands of small files go several times faster than through the thread pool,
  // and nothing else runs while a corpus is read.
  for (const name of names) {
    try {
      files.push({ name, bytes: readFileSync(path.join(dir, name)) });
    } catch {
      throw new UserError(`${name}: cannot be read.`);
    }
  }
  if (files.length === 0) throw new UserError(`The corpus ${dir} has no articles: add a .txt or .md file.`);
  return files;
}

export function hashCorpus(files: CorpusFile[]): string {
  const h = createHash("sha256");
  for (const f of files) {
    h.update(f.name).update("\0").update(f.bytes).update("\0");
  }
  return h.digest("hex");
}

export async function loadCorpus(dir: string): Promise<Corpus> {
  const files = await readCorpusFiles(dir);
  return { dir, articles: parseCorpusFiles(files), hash: hashCorpus(files), files };
}

/** The articles in files already read: the same files always give the same articles, ids included. */
export function parseCorpusFiles(files: CorpusFile[]): Article[] {
  const ids = new Set<string>();
  return files.map((f) => {
    const text = decodeText(f);
    let id = slug(f.name.replace(/\.[^.]+$/, ""));
    while (ids.has(id)) id += "-x";
    ids.add(id);
    return parseArticle(id, f.name, text);
  });
}

function decodeText(f: CorpusFile): string {
  if (f.bytes.includes(0)) throw new UserError(`${f.name}: looks binary, not text.`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(f.bytes);
  } catch {
    throw new UserError(`${f.name}: is not valid UTF-8 text.`);
  }
  if (!text.trim()) throw new UserError(`${f.name}: is empty.`);
  return text;
}

function slug(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-|-$/g, "") || "article"
  );
}
