//! The engine: walking the tree with the answers known, a consultation that asks for the
//! rest through the [`session::Asker`] trait, and the verdict on an expected code. Pure:
//! it neither reads files nor touches a terminal.

pub mod answers;
pub mod expect;
pub mod session;
pub mod walk;
