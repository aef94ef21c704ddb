// Toggl-sized ids for rows a test builds itself (Toggl's own ids exceed 2^31; Hourline keeps them as
// strings). Test files run side by side against one stand-in and one database per file: a random
// start keeps two files' ids apart, the counter keeps one file's ids unique.
let next = 3_000_000_000 + Math.floor(Math.random() * 1_000_000) * 1_000;

/** A fresh id past 2^31, unique within the test file. */
export const togglId = (): string => String(next++);
