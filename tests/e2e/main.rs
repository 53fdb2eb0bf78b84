//! Placeholder: the end-to-end tests land in the next commits.
