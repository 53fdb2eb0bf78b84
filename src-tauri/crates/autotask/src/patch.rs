//! The three states of a field in a PATCH body: left alone, cleared, or set (§6: PATCH changes
//! only the properties present, and a JSON null clears one).

use serde::{Serialize, Serializer};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Patch<T> {
    /// Not sent: the service keeps the current value.
    #[default]
    Unset,
    /// Sent as `null`: the service clears the field.
    Null,
    /// Sent with this value.
    Value(T),
}

impl<T> Patch<T> {
    pub fn is_unset(&self) -> bool {
        matches!(self, Patch::Unset)
    }
}

impl<T> From<Option<T>> for Patch<T> {
    /// `None` clears; use [`Patch::Unset`] to leave a field alone.
    fn from(v: Option<T>) -> Self {
        v.map_or(Patch::Null, Patch::Value)
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Patch::Value(v) => v.serialize(s),
            // Unset fields are skipped with `skip_serializing_if = "Patch::is_unset"`.
            Patch::Null | Patch::Unset => s.serialize_none(),
        }
    }
}
