import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, realpath, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../errors.js";
import { escapeRe } from "../text/regex.js";
import { isAlive, withLock } from "./index-lock.js";
import { isIndexManifest, type Manifest } from "./manifest.js";

export const MANIFEST_FILE = "manifest.json";

/** The manifest in a folder, if the folder holds an index of ours; null otherwise. */
export async function readManifest(indexDir: string): Promise<Manifest | null> {
  try {
    const m: unknown = JSON.parse(await readFile(path.join(indexDir, MANIFEST_FILE), "utf8"));
    return isIndexManifest(m) ? m : null;
  } catch {
    return null;
  }
}

/** How an index records its corpus: the absolute path, and the path from the index folder. */
export function corpusRecord(corpusDir: string, indexDir: string): Pick<Manifest, "corpusDir" | "corpusFromIndex"> {
  const corpus = path.resolve(corpusDir);
  return { corpusDir: corpus, corpusFromIndex: path.relative(path.resolve(indexDir), corpus) };
}

/**
 * The corpus an index was built from: at its recorded path or, when that is
 * gone (the project was moved or copied into an image), at the same place
 * relative to the index. Undefined when the index records none.
 */
export async function recordedCorpus(manifest: Manifest | null, indexDir: string): Promise<string | undefined> {
  if (!manifest?.corpusDir) return undefined;
  const exists = (p: string) => stat(p).then((s) => s.isDirectory(), () => false);
  if (await exists(manifest.corpusDir)) return manifest.corpusDir;
  const moved = manifest.corpusFromIndex !== undefined ? path.resolve(indexDir, manifest.corpusFromIndex) : undefined;
  return moved && (await exists(moved)) ? moved : manifest.corpusDir;
}

/**
 * Checks that an index may be written at `indexDir` and creates its parent
 * folders. Allowed: a missing or empty folder, or one holding an index of ours,
 * kept apart from the corpus. Anything else throws one clear UserError before
 * anything is touched.
 */
export async function prepareIndexDir(indexDir: string, corpusDir: string): Promise<void> {
  await checkTarget(indexDir, corpusDir);
  await ensureDir(path.dirname(path.resolve(indexDir)), indexDir);
}

/**
 * Writes a new index next to `indexDir` through `write(tmp)`, then swaps it in
 * under a lock, so that concurrent builds take turns and none sees another's
 * half-done swap. Only folders this module created are ever removed: its
 * temporary `<name>.tmp-<pid>-<random>` and the replaced `<name>.old-<pid>-<random>`.
 */
export async function replaceIndexDir(indexDir: string, corpusDir: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const target = path.resolve(indexDir);
  const parent = path.dirname(target);
  const name = path.basename(target);
  const tmp = path.join(parent, `${name}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  await prepareIndexDir(indexDir, corpusDir);
  await mkdir(tmp);
  try {
    await write(tmp);
    await withLock(path.join(parent, `${name}.lock`), indexDir, async () => {
      // Another process may have changed the folder while this index was built.
      await checkTarget(indexDir, corpusDir);
      await removeLeftovers(parent, name);
      const old = path.join(parent, `${name}.old-${process.pid}-${randomBytes(4).toString("hex")}`);
      const hadIndex = await rename(target, old).then(
        () => true,
        (err: NodeJS.ErrnoException) => {
          if (err.code === "ENOENT") return false;
          throw err;
        },
      );
      try {
        await rename(tmp, target);
      } catch (err) {
        if (hadIndex) await rename(old, target).catch(() => undefined);
        throw err;
      }
      if (hadIndex) await rm(old, { recursive: true, force: true });
    });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function checkTarget(indexDir: string, corpusDir: string): Promise<void> {
  const choose = "Choose another --index or INDEX_DIR.";
  const [index, corpus] = await Promise.all([realPathOf(indexDir), realPathOf(corpusDir)]);
  const relation = index === corpus ? "is" : isInside(index, corpus) ? "is inside" : isInside(corpus, index) ? "contains" : null;
  if (relation) throw new UserError(`The index folder ${indexDir} ${relation} the corpus folder ${corpusDir}; an index must be kept apart from the articles. ${choose}`);

  let info;
  try {
    info = await stat(indexDir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return;
    throw cannot(indexDir, code === "ENOTDIR" ? "be created" : "be used", err);
  }
  if (!info.isDirectory()) throw new UserError(`${indexDir} is a file, not a folder; the index needs a folder of its own. ${choose}`);
  const entries = await readdir(indexDir).catch((err) => {
    throw cannot(indexDir, "be read", err);
  });
  if (entries.length === 0 || (await readManifest(indexDir))) return;
  throw new UserError(
    `${indexDir} holds other files and is not an index built by this tool, so it will not be overwritten. Choose an empty or new folder for --index or INDEX_DIR.`,
  );
}

/**
 * mkdir -p, one level at a time: Node 20's recursive mkdir never returns for
 * some paths (under /proc, for one), and a plain error is what we want.
 */
async function ensureDir(dir: string, indexDir: string): Promise<void> {
  const missing: string[] = [];
  let at = dir;
  for (;;) {
    const info = await stat(at).catch((err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") return null;
      throw cannot(indexDir, "be created", err);
    });
    if (info?.isDirectory()) break;
    if (info) throw new UserError(`The index folder ${indexDir} cannot be created: ${at} is a file.`);
    missing.unshift(at);
    const up = path.dirname(at);
    if (up === at) break;
    at = up;
  }
  for (const d of missing) {
    await mkdir(d).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== "EEXIST") throw cannot(indexDir, "be created", err);
    });
  }
}

/** Removes temporary and replaced folders of this index left by a process that died mid-build. */
async function removeLeftovers(parent: string, name: string): Promise<void> {
  const ours = new RegExp(`^${escapeRe(name)}\\.(?:tmp|old)-(\\d+)-[0-9a-f]{8}$`);
  for (const entry of await readdir(parent)) {
    const pid = Number(ours.exec(entry)?.[1]);
    if (pid && pid !== process.pid && !isAlive(pid)) await rm(path.join(parent, entry), { recursive: true, force: true });
  }
}

function cannot(indexDir: string, what: string, err: unknown): UserError {
  const code = (err as NodeJS.ErrnoException).code;
  const why =
    code === "EACCES" || code === "EPERM"
      ? "permission denied"
      : code === "ENOTDIR"
        ? "a folder on its path is a file"
        : code === "EROFS"
          ? "the file system is read-only"
          : code === "ENOENT"
            ? "a folder on its path cannot hold new folders"
            : (code ?? (err as Error).message);
  return new UserError(`The index folder ${indexDir} cannot ${what}: ${why}.`);
}

/** The real path of a file, or of its nearest existing ancestor followed by the rest. */
async function realPathOf(p: string): Promise<string> {
  const abs = path.resolve(p);
  const rest: string[] = [];
  let at = abs;
  for (;;) {
    try {
      return path.join(await realpath(at), ...rest);
    } catch {
      const up = path.dirname(at);
      if (up === at) return abs;
      rest.unshift(path.basename(at));
      at = up;
    }
  }
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== "" && rel.split(path.sep)[0] !== ".." && !path.isAbsolute(rel);
}
