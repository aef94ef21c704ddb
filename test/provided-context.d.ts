// Values the vitest global setups hand to the tests (vitest `provide` / `inject`).
declare module "vitest" {
  interface ProvidedContext {
    /** Port of the Toggl stand-in started for the worker suite. */
    togglPort: number;
  }
}
export {};
