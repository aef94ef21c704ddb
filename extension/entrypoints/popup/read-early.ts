// Imported first by the popup's app: starts its storage read before the rest of the script runs.
import { startEarlyRead } from "../../lib/early-read";

startEarlyRead();
