import type { ContentfulStatusCode } from "hono/utils/http-status";
/** An error the API answers with `{ error: { code, message, details? } }`. */
export declare class ApiError extends Error {
    readonly status: ContentfulStatusCode;
    readonly code: string;
    readonly details?: unknown | undefined;
    constructor(status: ContentfulStatusCode, code: string, message: string, details?: unknown | undefined);
}
export declare const notFound: (what?: string) => ApiError;
export declare function errorBody(code: string, message: string, details?: unknown): {
    error: {
        code: string;
        message: string;
        details?: undefined;
    } | {
        code: string;
        message: string;
        details: {} | null;
    };
};
