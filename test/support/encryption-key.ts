// The one AES-GCM key (base64 of 32 bytes) every test runtime gives the worker as
// TOKEN_ENCRYPTION_KEY: the vitest worker project, the integration and browser stacks and the
// benches. Never used outside tests.
export const TEST_ENCRYPTION_KEY = "dGVzdC1rZXktZm9yLWhvdXJsaW5lLXRlc3RzLW9ubHk=";
