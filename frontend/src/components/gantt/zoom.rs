//! How close the time axis is drawn.

/// How close the timeline is drawn: the lane grows wider, with finer labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Zoom {
    Jaren,
    Kwartalen,
    Maanden,
}

impl Zoom {
    pub(super) const ALLE: [Self; 3] = [Self::Jaren, Self::Kwartalen, Self::Maanden];

    pub(super) fn label(self) -> &'static str {
        match self {
            Self::Jaren => "Jaren",
            Self::Kwartalen => "Kwartalen",
            Self::Maanden => "Maanden",
        }
    }

    /// How many times the default lane width.
    pub(super) fn factor(self) -> u32 {
        match self {
            Self::Jaren => 1,
            Self::Kwartalen => 3,
            Self::Maanden => 8,
        }
    }
}
