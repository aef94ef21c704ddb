import type { Db } from "../env";
export declare function getDb(d1: D1Database): Db;
