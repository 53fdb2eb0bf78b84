// Every error code the shell can send, and what the page does with it. tests/ipc_contract.rs
// checks that each code the Rust side can produce is listed here.
//
// kind: 'input'   - the partner typed something to fix; shown beside the form.
//       'setup'   - a connection or key is missing or refused; offers the Integrations page.
//       'offline' - the service could not be reached; saved data still shows, banner goes up.
//       'retry'   - try again later (limits, busy, server trouble).
//       'bug'     - ours; the log has the detail.

export const ERROR_KINDS = {
  // the use-cases
  not_connected: 'setup',
  no_zorus_key: 'setup',
  invalid_input: 'input',
  not_found: 'input',
  conflict: 'input',
  store: 'bug',
  vault: 'setup',
  vault_unavailable: 'setup',
  // Autotask
  invalid_credentials: 'setup',
  unknown_user_or_zone: 'setup',
  integration_code_refused: 'setup',
  forbidden: 'setup',
  validation: 'input',
  thread_limit: 'retry',
  threshold_reached: 'retry',
  server_error: 'retry',
  unknown_outcome: 'retry',
  transport: 'offline',
  decode: 'bug',
  foreign_host: 'setup',
  paging_loop: 'bug',
  config: 'setup',
  // Zorus
  zorus_invalid_key: 'setup',
  zorus_rejected: 'input',
  zorus_timeout: 'offline',
  zorus_unreachable: 'offline',
  zorus_malformed_json: 'bug',
  zorus_server_error: 'retry',
  zorus_unexpected_status: 'retry',
  zorus_empty_customer_name: 'input',
  zorus_page_cap: 'bug',
  zorus_config: 'setup',
  // the shell
  internal: 'bug',
  plan_expired: 'input',
  demo: 'bug',
  file: 'input',
};

export function kindOf(error) {
  return ERROR_KINDS[error && error.code] || 'bug';
}

/** The text shown for an error: the shell's message plus what to do next. */
export function describe(error) {
  const message = (error && error.message) || 'Something went wrong.';
  switch (kindOf(error)) {
    case 'setup':
      return `${message} (Integrations page)`;
    case 'offline':
      return `${message}`;
    case 'retry':
      return `${message}`;
    case 'bug':
      return `${message} If it happens again, send the log file to support.`;
    default:
      return message;
  }
}
