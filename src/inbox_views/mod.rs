//! Pieces of the manager's inbox that other features add to its items.

pub mod erase;
