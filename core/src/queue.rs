//! The outbox's retry state machine (SPEC §5): pure decisions, no `fetch`.
