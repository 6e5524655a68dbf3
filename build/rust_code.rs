//! A serde serializer that writes a value as the Rust expression building it, from the
//! names serde passes along (struct, field, enum and variant names). Enough for the plain
//! data of a tree: structs, enums, options, vectors, B-tree maps, strings and numbers.

use std::fmt::{self, Display, Write};

use serde::ser::{self, Serialize};

/// `value` as a Rust expression, for `include!`.
pub fn to_string<T: Serialize>(value: &T) -> Result<String, Unsupported> {
    let mut code = RustCode(String::new());
    value.serialize(&mut code)?;
    Ok(code.0)
}

/// A kind of value the tree does not hold, so this serializer does not write.
#[derive(Debug)]
pub struct Unsupported(String);

impl Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot write {} as Rust", self.0)
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: Display>(message: T) -> Self {
        Unsupported(message.to_string())
    }
}

struct RustCode(String);

impl RustCode {
    fn put(&mut self, code: impl Display) -> Result<(), Unsupported> {
        write!(self.0, "{code}").map_err(|e| Unsupported(e.to_string()))
    }
}

/// `not-needed` (serde's kebab-case) or `NotNeeded` as the Rust variant `NotNeeded`.
fn variant(name: &str) -> String {
    name.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or(String::new(), |c| {
                c.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect()
}

fn unsupported<T>(what: &str) -> Result<T, Unsupported> {
    Err(Unsupported(what.to_string()))
}

macro_rules! numbers {
    ($($method:ident: $type:ty),*) => {
        $(fn $method(self, v: $type) -> Result<(), Unsupported> {
            self.put(v)
        })*
    };
}

impl ser::Serializer for &mut RustCode {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Self;
    type SerializeTuple = ser::Impossible<(), Unsupported>;
    type SerializeTupleStruct = ser::Impossible<(), Unsupported>;
    type SerializeTupleVariant = ser::Impossible<(), Unsupported>;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = ser::Impossible<(), Unsupported>;

    numbers!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64);

    fn serialize_f32(self, _: f32) -> Result<(), Unsupported> {
        unsupported("a float")
    }
    fn serialize_f64(self, _: f64) -> Result<(), Unsupported> {
        unsupported("a float")
    }
    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        self.put(format_args!("{v:?}"))
    }
    /// Debug formatting escapes a string into a valid Rust literal; `into` makes it the
    /// field's type, a `Cow` that borrows it from the program or (rarely) a `String`.
    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        self.put(format_args!("{v:?}.into()"))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        unsupported("bytes")
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        self.put("None")
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Unsupported> {
        self.put("Some(")?;
        value.serialize(&mut *self)?;
        self.put(")")
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        self.put("()")
    }
    fn serialize_unit_struct(self, name: &'static str) -> Result<(), Unsupported> {
        self.put(name)
    }
    fn serialize_unit_variant(
        self,
        name: &'static str,
        _: u32,
        v: &'static str,
    ) -> Result<(), Unsupported> {
        self.put(format_args!("{name}::{}", variant(v)))
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        self.put(format_args!("{name}("))?;
        value.serialize(&mut *self)?;
        self.put(")")
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        _: u32,
        v: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        self.put(format_args!("{name}::{}(", variant(v)))?;
        value.serialize(&mut *self)?;
        self.put(")")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Unsupported> {
        self.put("vec![")?;
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        unsupported("a tuple")
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Unsupported> {
        unsupported("a tuple struct")
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        unsupported("a tuple variant")
    }
    /// The tree's only map is a `BTreeMap`.
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Unsupported> {
        self.put("BTreeMap::from([")?;
        Ok(self)
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Self, Unsupported> {
        self.put(format_args!("{name} {{"))?;
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        unsupported("a struct variant")
    }
}

impl ser::SerializeSeq for &mut RustCode {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Unsupported> {
        value.serialize(&mut **self)?;
        self.put(",")
    }
    fn end(self) -> Result<(), Unsupported> {
        self.put("]")
    }
}

impl ser::SerializeMap for &mut RustCode {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Unsupported> {
        self.put("(")?;
        key.serialize(&mut **self)?;
        self.put(",")
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Unsupported> {
        value.serialize(&mut **self)?;
        self.put("),")
    }
    fn end(self) -> Result<(), Unsupported> {
        self.put("])")
    }
}

impl ser::SerializeStruct for &mut RustCode {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        self.put(format_args!("{key}:"))?;
        value.serialize(&mut **self)?;
        self.put(",")
    }
    fn end(self) -> Result<(), Unsupported> {
        self.put("}")
    }
}
