//! Parts of the compiled default pack that a run decodes only when it reads them.

use std::fmt;
use std::ops::Deref;
use std::sync::OnceLock;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value of the tree that is either at hand (loaded from rule files) or still encoded in
/// the compiled pack. Most of the pack's text is in its outcomes, and a run shows one or
/// two of them, so decoding each on first use saves a one-shot run the cost of decoding
/// (and checking as UTF-8) text it never prints; see BENCHMARKS.md.
///
/// It serializes as the value's own postcard encoding, nested, which only the compiled
/// pack reads back.
pub struct Lazy<T> {
    encoded: &'static [u8],
    value: OnceLock<T>,
}

impl<T> Lazy<T> {
    pub fn ready(value: T) -> Self {
        Lazy {
            encoded: &[],
            value: OnceLock::from(value),
        }
    }
}

impl<T: Deserialize<'static>> Deref for Lazy<T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.value.get_or_init(|| {
            // The bytes were written by `Serialize` below from a value of this type, in
            // the build of this very program; the tests decode every one of them.
            postcard::from_bytes(self.encoded).expect("the compiled pack decodes")
        })
    }
}

impl<T: Serialize + Deserialize<'static>> Serialize for Lazy<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let encoded = postcard::to_allocvec(&**self).map_err(serde::ser::Error::custom)?;
        serializer.serialize_bytes(&encoded)
    }
}

impl<'de: 'static, T> Deserialize<'de> for Lazy<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Lazy {
            encoded: <&'de [u8]>::deserialize(deserializer)?,
            value: OnceLock::new(),
        })
    }
}

impl<T: Deserialize<'static> + fmt::Debug> fmt::Debug for Lazy<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(f)
    }
}

impl<T: Deserialize<'static> + PartialEq> PartialEq for Lazy<T> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_read_back_from_its_encoding_is_the_value() {
        let ready = Lazy::ready(vec![String::from("412"), String::from("428")]);
        let encoded: &'static [u8] = postcard::to_allocvec(&ready).expect("encodes").leak();
        let lazy: Lazy<Vec<String>> = postcard::from_bytes(encoded).expect("decodes");
        assert!(lazy.value.get().is_none(), "decoded before it was read");
        assert_eq!(*lazy, *ready);
    }
}
