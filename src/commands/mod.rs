//! One module per command: each gathers what its report needs (a walk, the routes, other
//! packs) and hands the report to the output. None reads the command line: `app` gives
//! each the options it takes.

pub mod advise;
pub mod check;
pub mod completions;
pub mod explain;
pub mod graph;
pub mod man;
pub mod profiles;
pub mod schema;
pub mod test;
