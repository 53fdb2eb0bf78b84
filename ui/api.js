// The one place that talks to the shell: every command goes through call(), which turns a
// failure into an IpcError carrying the shell's { code, message }.

const tauri = window.__TAURI__;

export class IpcError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

export async function call(command, args = {}) {
  try {
    return await tauri.core.invoke(command, args);
  } catch (e) {
    if (e && typeof e === 'object' && 'code' in e) throw new IpcError(e.code, e.message);
    throw new IpcError('internal', String(e));
  }
}

/** Calls `handler` with each progress event's payload; returns a function that stops listening. */
export async function onProgress(handler) {
  return tauri.event.listen('progress', (event) => handler(event.payload));
}
