//! Integration tests: one binary, each test copying a fixture site into a temp dir and
//! running the real pipeline or the real `brief` binary.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

mod aliases;
mod ambiguous;
mod bad;
mod build;
mod cards;
mod check;
mod content_files;
mod crash;
mod entities;
mod guide;
mod host;
mod import;
mod init;
mod layout;
mod links;
mod media;
mod metadata;
mod names;
mod package;
mod pictures;
mod plan;
mod publish;
mod search;
mod serve;
mod srcset;
mod timeline;
mod timeline_years;
mod usage;
