//! Placeholder: the IPC contract test lands in the next commits.
