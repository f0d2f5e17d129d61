import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

/** A small deterministic PRNG, so that every bench run measures the same corpus. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

const FIRST = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Irina", "Jonas", "Kira", "Lukas", "Mira", "Nikolai", "Olga", "Pavel"];
const LAST_SYLLABLES = ["ko", "va", "len", "mir", "dor", "sk", "rin", "tov", "bel", "zar", "nik", "ros", "lev", "gan"];
const ROLES = [
  "director of the {org} Institute",
  "head of research at the {org} Center",
  "a professor at {org} University",
  "an analyst at the {org} Group",
  "a member of the {org} Council",
];
const ORGS = ["Northern", "Coastal", "Valley", "Harbor", "Summit", "Meridian", "Lakeside", "Pioneer"];
const TOPICS = ["transport", "housing", "water supply", "energy prices", "school reform", "public health", "tourism", "farming"];
const CLAIMS = [
  "the {topic} plan will need more funding next year",
  "local councils should decide on {topic} themselves",
  "{topic} has improved since the last election",
  "citizens expect faster progress on {topic}",
  "cooperation between regions is the key to {topic}",
];
const VERBS = ["said", "noted", "stressed", "argued", "added"];

/** Writes `count` articles of the plain layout into `dir`, each about an event with four speakers. */
export async function generateCorpus(dir: string, count: number, seed = 42): Promise<void> {
  await mkdir(dir, { recursive: true });
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const surname = () => {
    const s = pick(LAST_SYLLABLES) + pick(LAST_SYLLABLES) + pick(["ov", "ina", "enko", "er", "sen"]);
    return s[0].toUpperCase() + s.slice(1);
  };
  for (let i = 0; i < count; i++) {
    const topic = pick(TOPICS);
    const city = pick(ORGS) + "ville";
    const paragraphs = [`A public hearing on ${topic} took place in ${city} on Tuesday, with experts and officials taking part.`];
    for (let k = 0; k < 4; k++) {
      const name = `${pick(FIRST)} ${surname()}`;
      const role = pick(ROLES).replace("{org}", pick(ORGS));
      const claim = pick(CLAIMS).replace("{topic}", topic);
      const second = pick(CLAIMS).replace("{topic}", pick(TOPICS));
      paragraphs.push(
        k % 2 === 0
          ? `${name}, ${role}, ${pick(VERBS)} that ${claim}. "We see that ${second}," ${k === 0 ? "he" : "she"} ${pick(VERBS)}.`
          : `"In my view, ${claim}," ${pick(VERBS)} ${name}, ${role}. According to ${k === 1 ? "him" : "her"}, ${second}.`,
      );
    }
    paragraphs.push(`At the end of the hearing, the participants agreed to meet again in ${1 + Math.floor(r() * 11)} months.`);
    const text = [`Hearing on ${topic} in ${city}, number ${i + 1}`, `March ${1 + (i % 28)}, 2024`, ...paragraphs, `Source: news${i % 7}.example.org`].join("\n\n");
    await writeFile(path.join(dir, `article-${String(i + 1).padStart(4, "0")}.txt`), `${text}\n`);
  }
}
