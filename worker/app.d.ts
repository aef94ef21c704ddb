import type { AppEnv } from "./env";
export declare const VERSION = "0.1.0";
/** JSON API and webhook bodies larger than this answer 413. */
export declare const MAX_BODY_BYTES: number;
export declare const app: import("hono/hono-base").HonoBase<AppEnv, {
    "/health": {
        $get: {
            input: {};
            output: {
                ok: true;
                version: string;
            };
            outputFormat: "json";
            status: import("hono/utils/http-status").ContentfulStatusCode;
        };
    };
}, "/", "/health">;
export type AppType = typeof app;
