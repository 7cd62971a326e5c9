//! The deck library: deck files as the program sees them, found, parsed and cached.
//!
//! It is the only owner of the parsed-deck cache ([`cache`]: one file per deck file in the
//! cache folder, never in the progress database), of the compact form of the cards kept
//! there (`codec`, [`pack`]), of the hashes that tell an unchanged file and an edited card
//! ([`hash`]), and of the threads that take a deck file new to the cache in while the first
//! question is asked ([`intake`]). The store keeps progress only: the library syncs a deck
//! into it as plain rows ([`sync`]).
//!
//! [`load`] finds and loads the decks a session studies.

mod batch;
pub mod cache;
mod codec;
pub mod hash;
pub mod intake;
mod load;
pub mod pack;
pub mod sync;

pub use batch::Batch;
pub use cache::{CachedDeck, DeckCache, EntryCards, FileStamp};
pub use hash::{FileHasher, content_hash, file_hash};
pub use intake::{Intakes, Unwritten};
pub use load::{CachedCards, LoadedDeck, deck_ids, load, load_cached, load_sending};
pub use pack::CardPack;
pub use sync::DeckSync;
