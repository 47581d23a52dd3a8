// @ts-check
// The API client. Every answer comes back as { status, data }: a network failure or an answer that
// is not JSON (a proxy's error page) becomes an error of the API's own shape, so every caller shows
// it like any other refusal and nothing the user did is dropped silently.

/** @typedef {{ status: number, data: any }} Answer */

/** @param {string | null} token */
export function createClient(token, fetcher = globalThis.fetch.bind(globalThis)) {
  /**
   * @param {string} method
   * @param {string} path
   * @param {{ body?: unknown, version?: string, raw?: string }} [options]
   * @returns {Promise<Answer>}
   */
  async function request(method, path, options = {}) {
    /** @type {Record<string, string>} */
    const headers = {};
    if (options.body !== undefined || options.raw !== undefined) headers["Content-Type"] = "application/json";
    if (options.version) headers["If-Match"] = `"${options.version}"`;
    if (token) headers.Authorization = `Bearer ${token}`;
    const body = options.raw !== undefined ? options.raw : options.body === undefined ? undefined : JSON.stringify(options.body);
    return answer(fetcher(path, { method, headers, body }));
  }
  return { request };
}

/**
 * The answer of a request sent.
 * @param {Promise<{ status: number, json(): Promise<any> }>} pending
 * @returns {Promise<Answer>}
 */
export async function answer(pending) {
  let response;
  try {
    response = await pending;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return failure(0, "network", `the server cannot be reached (${reason}); nothing was saved`);
  }
  try {
    return { status: response.status, data: await response.json() };
  } catch {
    return failure(response.status, "not-json", `the server answered ${response.status} without JSON; nothing was saved`);
  }
}

/**
 * @param {number} status
 * @param {string} code
 * @param {string} message
 * @returns {Answer}
 */
function failure(status, code, message) {
  return { status, data: { error: { code, message } } };
}

/** @typedef {ReturnType<typeof createClient>} Client */

/**
 * A document's path in the API.
 * @param {string} id
 * @param {string} [rest]
 */
export function documentPath(id, rest) {
  return `/api/documents/${encodeURIComponent(id)}${rest ? `/${rest}` : ""}`;
}
