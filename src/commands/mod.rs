//! One module per command: each gathers what its report needs (a walk, the routes, other
//! packs) and hands the report to the output. None reads the command line: `app` gives
//! each the options it takes.

pub(crate) mod advise;
pub(crate) mod check;
pub(crate) mod completions;
pub(crate) mod explain;
pub(crate) mod graph;
pub(crate) mod man;
pub(crate) mod profiles;
pub(crate) mod schema;
pub mod test;
