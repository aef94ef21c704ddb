export interface TogglStandIn {
    url: string;
    port: number;
    close(): Promise<void>;
}
export declare function startTogglStandIn(options?: {
    port?: number;
    host?: string;
}): Promise<TogglStandIn>;
