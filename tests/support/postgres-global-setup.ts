import type { TestProject } from "vitest/node";
import { startCluster, stopCluster } from "./postgres-cluster.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** A PostgreSQL server the tests may create databases on, or null when there is none. */
    pgUrl: string | null;
  }
}

/**
 * TEST_DATABASE_URL when given (as .ci/run does); otherwise a throwaway cluster
 * for this run, stopped and removed at the end. Without PostgreSQL binaries the
 * PostgreSQL half of the suite is skipped, said in one line.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const given = process.env.TEST_DATABASE_URL?.trim();
  if (given) {
    project.provide("pgUrl", given);
    return () => undefined;
  }
  const started = await startCluster();
  if ("skipped" in started) {
    console.log(`PostgreSQL tests skipped: ${started.skipped} (install Debian's postgresql package, or set TEST_DATABASE_URL).`);
    project.provide("pgUrl", null);
    return () => undefined;
  }
  project.provide("pgUrl", started.url);
  return () => stopCluster(started.dir);
}
