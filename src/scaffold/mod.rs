//! New files from templates: `brief init` (a whole site) and `brief new` (one
//! briefing per language). Both only ever create files, never replace one.

mod create;
mod init;
mod new;
mod workflow;

pub(crate) use create::create;
pub use init::{Init, init};
pub use new::new;
pub use workflow::{Install, PACKAGE};
