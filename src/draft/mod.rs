//! Drafting cards from a teacher's own text (`recall draft`): the source is split into
//! sentences, the facts worth asking are found in each (years and dates, numbers, names,
//! defined terms), and one card is proposed per sentence that has one, citing a phrase of
//! it so that `recall check --source` proves where it came from. Deterministic: the same
//! text and options give the same cards and ids. Nothing here prints or reads a file.

pub mod facts;
mod names;
mod propose;
pub mod questions;
pub mod sentences;
pub mod write;

pub use propose::{Draft, MAX_SENTENCE_WORDS, Options, Proposal, Summary, draft};

#[cfg(test)]
mod tests;
