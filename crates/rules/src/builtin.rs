//! The built-in pack and the profiles, embedded in the program, so it runs with no files
//! around. `tests/rules_invariants.rs` holds these lists to the files in `rules/`.

macro_rules! builtin {
    ($name:literal) => {
        (
            concat!("builtin:rules/", $name),
            include_str!(concat!("../../../rules/", $name)),
        )
    };
}

/// The built-in pack, in load order.
pub const BUILTIN: &[(&str, &str)] = &[
    builtin!("00-statuses.toml"),
    builtin!("10-questions.toml"),
    builtin!("15-families.toml"),
    builtin!("20-tree.toml"),
    builtin!("30-request.toml"),
    builtin!("35-access.toml"),
    builtin!("40-headers.toml"),
    builtin!("50-target.toml"),
    builtin!("55-idempotency.toml"),
    builtin!("60-preconditions.toml"),
    builtin!("70-content.toml"),
    builtin!("80-state.toml"),
    builtin!("90-success.toml"),
    builtin!("95-contrasts.toml"),
];

macro_rules! profile {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!("../../../rules/profiles/", $name, ".toml")),
        )
    };
}

/// The profiles: overlays on the built-in pack, one per API guide. `rfc` changes nothing.
pub const PROFILES: &[(&str, &str)] = &[
    profile!("rfc"),
    profile!("zalando"),
    profile!("azure"),
    profile!("google"),
    profile!("github"),
    profile!("kubernetes"),
    profile!("jsonapi"),
];

/// The profile used when neither `--profile` nor the house rules name one.
pub const DEFAULT_PROFILE: &str = "rfc";

/// The house rules' file name, searched for in the current folder and every one above it.
pub(crate) const HOUSE_RULES: &str = ".httpadvise.toml";

/// The name a profile's file is reported by.
pub(crate) fn profile_file(name: &str) -> String {
    format!("builtin:rules/profiles/{name}.toml")
}

/// The text of the profile `name`, if there is one.
pub fn profile(name: &str) -> Option<&'static str> {
    PROFILES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// The names of every profile, in listing order.
pub fn profile_names() -> impl Iterator<Item = &'static str> {
    PROFILES.iter().map(|(name, _)| *name)
}
