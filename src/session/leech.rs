//! Leeches: items forgotten again and again. How many lapses make one, and what a session
//! does when an answer makes one (the config file chooses; see `config`).

/// Lapses that make an item a leech, unless the config says otherwise.
pub const LEECH_THRESHOLD: u32 = 8;

/// What a study session does to an item whose lapses reach `leech_threshold`; it always says
/// so on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LeechAction {
    /// Suspend it: it leaves study and cram until `recall unsuspend`.
    Suspend,
    /// Mark it as a leech in the profile: `recall cards --leeches` lists it.
    #[default]
    Tag,
    /// Only say so.
    Warn,
}

impl LeechAction {
    /// The action a config name means.
    #[must_use]
    pub fn from_name(name: &str) -> Option<LeechAction> {
        match name {
            "suspend" => Some(LeechAction::Suspend),
            "tag" => Some(LeechAction::Tag),
            "warn" => Some(LeechAction::Warn),
            _ => None,
        }
    }

    /// The action's name in the config file.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            LeechAction::Suspend => "suspend",
            LeechAction::Tag => "tag",
            LeechAction::Warn => "warn",
        }
    }
}
