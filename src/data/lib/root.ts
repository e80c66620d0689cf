/** The repository's root directory (src/data/lib → ../../..), for the Node-side readers of committed files. */
import {dirname, resolve} from "node:path";
import {fileURLToPath} from "node:url";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
