/** Hourline's version: /health answers it and timers name it in Toggl's `created_with`. */
export const VERSION = "0.1.0";
