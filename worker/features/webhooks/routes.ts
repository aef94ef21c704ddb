import { Hono } from "hono";
import type { AppEnv } from "../../env";

export const routes = new Hono<AppEnv>();
